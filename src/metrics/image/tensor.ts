import { readNdFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";

/** A dense row-major tensor: float64 data and its shape. */
export interface Tensor {
  readonly data: Float64Array;
  readonly shape: readonly number[];
}

/** What image and depth metrics accept: nested number arrays, `{ data, shape }`, a typed array, or a tensor. */
export type TensorInput =
  | number
  | readonly TensorInput[]
  | ArrayLike<number>
  | { readonly data: ArrayLike<number>; readonly shape: readonly number[] };

/**
 * Reads a tensor through the core's one coercion path (`readNdFloat64`): nested arrays
 * (rectangular, numbers only; typed-array rows), `{ data, shape }`, a typed array (rank 1) or a
 * tensor-like object with `dataSync()`. Ragged input is `shape_mismatch`, a non-number
 * `invalid_value`, both naming the index; a nested input past the allocation budget is
 * `invalid_value`. Data already in a Float64Array is not copied (it is only read).
 */
export function toTensor(value: unknown, fn: string, arg: string): Tensor {
  return readNdFloat64(value, fn, arg);
}

/** Throws `invalid_value` at the first NaN or infinity. */
export function assertTensorFinite(t: Tensor, fn: string, arg: string): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (d[i]! - d[i]! !== 0)
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must be finite, got ${describeValue(d[i])} at flat index ${i}`,
      );
  }
}

/** Throws `shape_mismatch` unless both shapes are equal. */
export function assertSameShape(a: Tensor, b: Tensor, fn: string, argA: string, argB: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    fail(
      "shape_mismatch",
      `${fn}: \`${argA}\` and \`${argB}\` must have the same shape, got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]`,
    );
  }
}

/** An image batch in NCHW layout. */
export interface ImageBatch {
  readonly data: Float64Array;
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

/**
 * Reads an image batch: rank 4 is NCHW, rank 3 is one CHW image, rank 2 one HW image. Values
 * must be finite.
 */
export function toImageBatch(value: unknown, fn: string, arg: string): ImageBatch {
  const t = toTensor(value, fn, arg);
  const s = t.shape;
  if (s.length < 2 || s.length > 4) {
    fail("shape_mismatch", `${fn}: \`${arg}\` must be NCHW (rank 4), CHW or HW, got shape [${s.join(", ")}]`);
  }
  assertTensorFinite(t, fn, arg);
  const [n, c, h, w] = s.length === 4 ? s : s.length === 3 ? [1, ...s] : [1, 1, ...s];
  return { data: t.data, n: n!, c: c!, h: h!, w: w! };
}

/** Reads `preds` and `target` image batches of the same shape. */
export function readImagePair(fn: string, preds: unknown, target: unknown): [ImageBatch, ImageBatch] {
  const p = toImageBatch(preds, fn, "preds");
  const t = toImageBatch(target, fn, "target");
  if (p.n !== t.n || p.c !== t.c || p.h !== t.h || p.w !== t.w) {
    fail(
      "shape_mismatch",
      `${fn}: \`preds\` and \`target\` must have the same shape, got [${p.n}, ${p.c}, ${p.h}, ${p.w}] and [${t.n}, ${t.c}, ${t.h}, ${t.w}]`,
    );
  }
  return [p, t];
}
