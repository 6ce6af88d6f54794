/**
 * The option parsers shared by the classification metrics (internal), on top of the strict
 * mechanism of `core/options.ts`: every factory reads its options once with `readOptions` and
 * the declared names, then parses each shared option here, so every message has one shape and
 * every size-like option goes through the allocation budget.
 */
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optNumber, optOneOf, optSize, required } from "../../core/options.js";

/** The threshold of a binary or multilabel prediction: positive when `preds > threshold`. Default 0.5. */
export function optThreshold(fn: string, value: unknown): number {
  return optNumber(fn, "threshold", value, 0.5, { min: 0, max: 1 });
}

/** `ignoreIndex`: an integer target value left out (`null` means none, as torchmetrics' `None`). */
export function optIgnoreIndex(fn: string, value: unknown): number | undefined {
  return optInteger(fn, "ignoreIndex", value === null ? undefined : value, undefined);
}

/**
 * A required class or label count (>= 2) whose metric allocates `bytesFor(count)` bytes: past
 * the allocation budget it is `invalid_option` naming the option and the memory.
 */
export function optClassCount(
  fn: string,
  name: "numClasses" | "numLabels",
  value: unknown,
  bytesFor: (count: number) => number,
): number {
  return required(fn, name, optSize(fn, name, value, undefined, { min: 2, bytesFor }));
}

/** Bytes of a C x C float64 confusion matrix. */
export const confusionBytes = (classes: number) => classes * classes * 8;

/** `zeroDivision`: the value of 0/0, one of 0, 1 or NaN. Default 0. */
export function optZeroDivision(fn: string, value: unknown): number {
  if (value === undefined) return 0;
  if (value !== 0 && value !== 1 && !(typeof value === "number" && Number.isNaN(value)))
    fail("invalid_option", `${fn}: option \`zeroDivision\` must be 0, 1 or NaN, got ${describeValue(value)}`);
  return value as number;
}

/** A rate option in [0, 1] that the metric needs (`minRecall`, `minPrecision`, ...). */
export function optRate(fn: string, name: string, value: unknown): number {
  return required(fn, name, optNumber(fn, name, value, undefined, { min: 0, max: 1 }));
}

export { optBoolean, optOneOf } from "../../core/options.js";

/** `average` of a metric, from its vocabulary. */
export function optAverage<const A extends string>(
  fn: string,
  value: unknown,
  allowed: readonly A[],
  fallback: A,
): A {
  return optOneOf(fn, "average", value, allowed, fallback);
}
