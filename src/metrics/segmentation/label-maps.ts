import { isTensorLike, toFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optInteger, optSize, required } from "../../core/options.js";
import { type FieldCheck, field, type ValueDomain } from "../../core/state-check.js";

/**
 * Label-map inputs shared by the segmentation metrics. A batch of label maps is one of:
 * - nested arrays `[N][H][W]` (or `[H][W]` for one image, `[N][P]` flat images are read as [N][P]),
 * - `{ data, shape }` with a row-major flat array and its shape (first axis = images),
 * - a TensorFlow.js-like tensor (shape and `dataSync()`).
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

function nestedShape(value: unknown[]): number[] {
  const shape: number[] = [];
  let v: unknown = value;
  while (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    const len = (v as ArrayLike<unknown>).length;
    shape.push(len);
    if (len === 0) break;
    v = (v as ArrayLike<unknown>)[0];
  }
  return shape;
}

function flattenNested(value: unknown, shape: number[], fn: string, arg: string): Float64Array {
  const total = shape.reduce((a, b) => a * b, 1);
  assertAllocation(fn, `\`${arg}\` of shape [${shape.join(", ")}]`, total * 8, "invalid_value");
  const out = new Float64Array(total);
  let pos = 0;
  const walk = (v: unknown, depth: number, path: string): void => {
    const like = v as ArrayLike<unknown>;
    if (
      !(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) ||
      like.length !== shape[depth]
    ) {
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}\` must be a regular array of shape [${shape.join(", ")}], got ${describeValue(v)} at ${path || "the top"}`,
      );
    }
    if (depth === shape.length - 1) {
      for (let i = 0; i < like.length; i++) {
        const x = like[i];
        if (typeof x !== "number")
          fail(
            "invalid_value",
            `${fn}: \`${arg}\` must contain numbers, got ${describeValue(x)} at ${path}[${i}]`,
          );
        out[pos++] = x;
      }
      return;
    }
    for (let i = 0; i < like.length; i++) walk(like[i], depth + 1, `${path}[${i}]`);
  };
  walk(value, 0, "");
  return out;
}

/** Reads a batch of label maps (see {@link LabelMaps}); `minRank` 2 treats a 2-D input as one image. */
export function readLabelMaps(value: unknown, fn: string, arg: string): LabelMaps {
  let data: Float64Array;
  let shape: number[];
  if (isTensorLike(value)) {
    shape = [...value.shape];
    data = toFloat64(value, fn, arg);
  } else if (value !== null && typeof value === "object" && "data" in value && "shape" in value) {
    const v = value as { data: ArrayLike<number>; shape: readonly number[] };
    if (!Array.isArray(v.shape) || v.shape.some((s) => !Number.isInteger(s) || s < 0))
      fail(
        "invalid_value",
        `${fn}: \`${arg}.shape\` must be an array of non-negative integers, got ${describeValue(v.shape)}`,
      );
    shape = [...v.shape];
    const total = shape.reduce((a, b) => a * b, 1);
    const length = (v.data as { length?: unknown } | null)?.length;
    if (length !== total)
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}.data\` must have ${total} elements for shape [${shape.join(", ")}], got ${describeValue(length)}`,
      );
    assertAllocation(fn, `\`${arg}\` of shape [${shape.join(", ")}]`, total * 8, "invalid_value");
    data = toFloat64(v.data, fn, `${arg}.data`);
  } else if (Array.isArray(value)) {
    shape = nestedShape(value);
    data = flattenNested(value, shape, fn, arg);
  } else {
    return fail(
      "invalid_value",
      `${fn}: \`${arg}\` must be nested arrays [N][H][W], { data, shape } or a tensor, got ${describeValue(value)}`,
    );
  }
  if (shape.length === 0) fail("shape_mismatch", `${fn}: \`${arg}\` must have at least one axis`);
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
