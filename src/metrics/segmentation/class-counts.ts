import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optBoolean, optOneOf } from "../../core/options.js";
import {
  assertClassLabels,
  assertSameShape,
  type LabelMapInput,
  readIgnoreIndex,
  readLabelMaps,
  readNumClasses,
} from "./label-maps.js";

/** How class membership is given: integer label maps [N, ...] or one-hot masks [N, C, ...]. */
export type InputFormat = "index" | "one-hot";

/** Per image and class: intersection, predicted and target pixel counts (N x C, row-major). */
export interface ClassCounts {
  readonly images: number;
  readonly classes: number;
  readonly intersection: Float64Array;
  readonly predSum: Float64Array;
  readonly targetSum: Float64Array;
}

/** Reads the `inputFormat` option (default "index"). */
export function readInputFormat(fn: string, value: unknown): InputFormat {
  return optOneOf(fn, "inputFormat", value, ["index", "one-hot"] as const, "index");
}

/** The class options the Dice-family scores share, read and checked. */
export interface ClassOptions {
  readonly numClasses: number;
  readonly includeBackground: boolean;
  readonly inputFormat: InputFormat;
  readonly ignoreIndex: number | undefined;
  /** First kept class: 1 without the background class, else 0. */
  readonly first: number;
  /** Number of kept classes (numClasses - first), at least 1. */
  readonly kept: number;
}

/**
 * Reads `numClasses` (required, within the allocation budget: `bytesFor(C)` is what the metric
 * allocates for C classes),
 * `includeBackground` (default true), `inputFormat` and `ignoreIndex`; fails when excluding the
 * background leaves no class.
 */
export function readClassOptions(
  options: {
    readonly numClasses?: unknown;
    readonly includeBackground?: unknown;
    readonly inputFormat?: unknown;
    readonly ignoreIndex?: unknown;
  },
  fn: string,
  bytesFor: (classes: number) => number,
): ClassOptions {
  const numClasses = readNumClasses(fn, options.numClasses, bytesFor);
  const includeBackground = optBoolean(fn, "includeBackground", options.includeBackground, true);
  const inputFormat = readInputFormat(fn, options.inputFormat);
  const ignoreIndex = readIgnoreIndex(fn, options.ignoreIndex);
  if (inputFormat === "one-hot" && ignoreIndex !== undefined)
    fail("invalid_option", `${fn}: option \`ignoreIndex\` applies to inputFormat "index" only`);
  const first = includeBackground ? 0 : 1;
  const kept = numClasses - first;
  if (kept < 1)
    fail(
      "invalid_option",
      `${fn}: with includeBackground false, \`numClasses\` must be at least 2, got ${numClasses}`,
    );
  return { numClasses, includeBackground, inputFormat, ignoreIndex, first, kept };
}

/**
 * Counts, per image and class, |P ∩ T|, |P| and |T| (torchmetrics' one-hot sums over the
 * spatial axes). Index inputs need `numClasses`; one-hot inputs take C from axis 1.
 */
export function classCounts(
  preds: LabelMapInput,
  target: LabelMapInput,
  numClasses: number | undefined,
  format: InputFormat,
  fn: string,
  ignoreIndex?: number,
): ClassCounts {
  const p = readLabelMaps(preds, fn, "preds");
  const t = readLabelMaps(target, fn, "target");
  assertSameShape(p, t, fn);
  if (format === "index") {
    if (numClasses === undefined)
      fail("invalid_option", `${fn}: option \`numClasses\` is required with inputFormat "index"`);
    const C = numClasses;
    assertClassLabels(t, C, fn, "target", ignoreIndex);
    for (let i = 0; i < p.data.length; i++) {
      const v = p.data[i]!;
      // A prediction at an ignored target pixel is not read, so any value is accepted there.
      if (ignoreIndex !== undefined && t.data[i] === ignoreIndex) continue;
      if (!Number.isInteger(v) || v < 0 || v >= C) {
        fail(
          "invalid_value",
          `${fn}: \`preds\` must contain integer labels in [0, ${C}), got ${describeValue(v)} at index ${i}`,
        );
      }
    }
    const N = p.images;
    assertAllocation(fn, `${N} images x ${C} classes of counts`, N * C * 24);
    const intersection = new Float64Array(N * C);
    const predSum = new Float64Array(N * C);
    const targetSum = new Float64Array(N * C);
    for (let n = 0; n < N; n++) {
      const base = n * C;
      for (let i = n * p.pixels; i < (n + 1) * p.pixels; i++) {
        const pv = p.data[i]!;
        const tv = t.data[i]!;
        if (tv === ignoreIndex) continue;
        predSum[base + pv]!++;
        targetSum[base + tv]!++;
        if (pv === tv) intersection[base + pv]!++;
      }
    }
    return { images: N, classes: C, intersection, predSum, targetSum };
  }
  if (ignoreIndex !== undefined)
    fail("invalid_option", `${fn}: option \`ignoreIndex\` applies to inputFormat "index" only`);
  if (p.shape.length < 3)
    fail("shape_mismatch", `${fn}: one-hot inputs must have shape [N, C, ...], got [${p.shape.join(", ")}]`);
  const N = p.shape[0]!;
  const C = p.shape[1]!;
  if (numClasses !== undefined && numClasses !== C)
    fail("shape_mismatch", `${fn}: one-hot inputs have ${C} channels, but \`numClasses\` is ${numClasses}`);
  const spatial = p.pixels / C;
  for (const [m, arg] of [
    [p, "preds"],
    [t, "target"],
  ] as const) {
    for (let i = 0; i < m.data.length; i++) {
      const v = m.data[i]!;
      if (v !== 0 && v !== 1)
        fail(
          "invalid_value",
          `${fn}: one-hot \`${arg}\` must contain only 0 and 1, got ${describeValue(v)} at index ${i}`,
        );
    }
  }
  const intersection = new Float64Array(N * C);
  const predSum = new Float64Array(N * C);
  const targetSum = new Float64Array(N * C);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const start = (n * C + c) * spatial;
      let inter = 0;
      let ps = 0;
      let ts = 0;
      for (let i = start; i < start + spatial; i++) {
        const pv = p.data[i]!;
        const tv = t.data[i]!;
        ps += pv;
        ts += tv;
        inter += pv * tv;
      }
      intersection[n * C + c] = inter;
      predSum[n * C + c] = ps;
      targetSum[n * C + c] = ts;
    }
  }
  return { images: N, classes: C, intersection, predSum, targetSum };
}
