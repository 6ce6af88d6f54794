/**
 * Option parsers shared by the image metrics: the value range, window sizes and reductions. Every
 * window size goes through the allocation budget (`core/limits.ts`), so no option can ask for a
 * window that would exhaust memory.
 */
import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optOneOf, optSize } from "../../core/options.js";

/** How per-image values combine: torchmetrics' `reduction`. */
export type ImageReduction = "mean" | "sum" | "none";

/** Validates a `reduction` option (`invalid_option` unless mean, sum or none). */
export function readReduction(value: unknown, fn: string, fallback: ImageReduction = "mean"): ImageReduction {
  return optOneOf(fn, "reduction", value, ["mean", "sum", "none"] as const, fallback);
}

/** A data range: a positive number, or `[min, max]` with max > min (both finite). */
export function readDataRange(fn: string, value: unknown): number | readonly [number, number] | undefined {
  if (value === undefined) return undefined;
  const ok =
    typeof value === "number"
      ? Number.isFinite(value) && value > 0
      : Array.isArray(value) &&
        value.length === 2 &&
        typeof value[0] === "number" &&
        typeof value[1] === "number" &&
        Number.isFinite(value[0]) &&
        Number.isFinite(value[1]) &&
        value[1] > value[0];
  if (!ok)
    fail(
      "invalid_option",
      `${fn}: option \`dataRange\` must be a positive number or [min, max] with max > min, got ${describeValue(value)}`,
    );
  const pair = value as readonly [number, number];
  return typeof value === "number" ? value : [pair[0], pair[1]];
}

/** An odd window size (taps per side) within the allocation budget. */
export function readKernelSize(fn: string, value: unknown, fallback: number): number {
  const size = optSize(fn, "kernelSize", value, fallback, { min: 1, bytesPerUnit: 8 })!;
  if (size % 2 === 0)
    fail("invalid_option", `${fn}: option \`kernelSize\` must be an odd positive integer, got ${size}`);
  return size;
}

/**
 * The taps of a Gaussian window of standard deviation `sigma` as torchmetrics and scikit-image size
 * it, `2 * floor(3.5 sigma + 0.5) + 1`, checked against the allocation budget.
 */
export function gaussianTaps(fn: string, sigma: number): number {
  const taps = 2 * Math.floor(3.5 * sigma + 0.5) + 1;
  assertAllocation(fn, `option \`sigma\` = ${sigma} (a ${taps}-tap window)`, taps * 8);
  return taps;
}
