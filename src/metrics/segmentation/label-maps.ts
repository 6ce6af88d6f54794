import { readNdFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optSize, required } from "../../core/options.js";
import { type FieldCheck, field, type ValueDomain } from "../../core/state-check.js";

/**
 * Label-map inputs shared by the segmentation metrics. A batch of label maps is one of:
 * - nested arrays `[N][H][W]` (or `[H][W]` for one image, `[N][P]` flat images are read as [N][P]),
 * - `{ data, shape }` with a row-major flat array and its shape (first axis = images),
 * - a TensorFlow.js-like tensor (shape and `dataSync()`).
 * - a typed array (one flat image).
 * They are read by the core's one coercion path (`readNdFloat64`: rectangular, numbers only).
 * The result is a flat Float64Array with the shape; image `i` occupies `[i * pixels, (i + 1) * pixels)`.
 */
export interface LabelMaps {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  /** Number of images (first axis; 1 for a 2-D input). */
  readonly images: number;
  /** Pixels per image (product of the remaining axes). */
  readonly pixels: number;
}

/** What the segmentation metrics accept as a batch of label maps or masks. */
export type LabelMapInput = unknown;

/** Reads a batch of label maps (see {@link LabelMaps}); `minRank` 2 treats a 2-D input as one image. */
export function readLabelMaps(value: unknown, fn: string, arg: string): LabelMaps {
  const read = readNdFloat64(value, fn, arg);
  const data = read.data;
  let shape = [...read.shape];
  if (shape.length <= 2) shape = [1, ...shape];
  const images = shape[0]!;
  const pixels = images === 0 ? 0 : data.length / images;
  return { data, shape, images, pixels };
}

/** Checks that two batches have the same shape. */
export function assertSameShape(
  a: LabelMaps,
  b: LabelMaps,
  fn: string,
  argA = "preds",
  argB = "target",
): void {
  if (a.shape.length !== b.shape.length || a.shape.some((s, i) => s !== b.shape[i])) {
    fail(
      "shape_mismatch",
      `${fn}: \`${argA}\` and \`${argB}\` must have the same shape, got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]`,
    );
  }
}

/** Checks integer labels in [0, numClasses), allowing `ignoreIndex`. */
export function assertClassLabels(
  maps: LabelMaps,
  numClasses: number,
  fn: string,
  arg: string,
  ignoreIndex?: number,
): void {
  const d = maps.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v === ignoreIndex) continue;
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain integer labels in [0, ${numClasses})${ignoreIndex !== undefined ? ` or ignoreIndex ${ignoreIndex}` : ""}, got ${describeValue(v)} at index ${i}`,
      );
    }
  }
}

/**
 * Reads `numClasses` (an integer >= 1, required) through the allocation budget: `bytesPerClass(C)`
 * is what the metric's state and one update allocate for C classes (C² doubles for a confusion
 * matrix), so `numClasses: 1e6` is refused with the memory it would need instead of crashing.
 */
export function readNumClasses(fn: string, value: unknown, bytesFor: (classes: number) => number): number {
  return optSize(fn, "numClasses", required(fn, "numClasses", value), undefined, { bytesFor })!;
}

/** Reads an optional integer `ignoreIndex`. */
export function readIgnoreIndex(fn: string, value: unknown): number | undefined {
  return optInteger(fn, "ignoreIndex", value, undefined);
}

/** Element-wise sum of two Float64Arrays into a new one. */
export function addArrays(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

/** Field-wise sum of two states whose fields are all equal-length Float64Arrays (a new state, `a`'s field order). */
export function addArrayFields<T extends { [K in keyof T]: Float64Array }>(a: T, b: T): T {
  const out: Record<string, Float64Array> = {};
  for (const key of Object.keys(a) as (keyof T & string)[]) out[key] = addArrays(a[key], b[key]);
  return out as T;
}

/** A state field check: a Float64Array of `length` values in `values` (default non-negative). */
export function float64Field(length: number, values: ValueDomain = "nonNegative"): FieldCheck {
  return field.typed(Float64Array, { length, values });
}
