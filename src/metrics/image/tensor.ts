import { isTensorLike } from "../../core/coerce.js";
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

function nestedShape(value: unknown): number[] {
  const shape: number[] = [];
  let v: unknown = value;
  while (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    const arr = v as ArrayLike<unknown>;
    shape.push(arr.length);
    if (arr.length === 0) break;
    v = arr[0];
  }
  return shape;
}

/**
 * Reads a tensor: nested arrays (checked to be rectangular and numeric), `{ data, shape }`, a
 * typed array (rank 1) or a tensor-like object with `dataSync()`. Throws `shape_mismatch` for
 * ragged input and `invalid_value` for non-numbers.
 */
export function toTensor(value: unknown, fn: string, arg: string): Tensor {
  if (isTensorLike(value)) return { data: Float64Array.from(value.dataSync()), shape: [...value.shape] };
  if (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "data" in value &&
    "shape" in value
  ) {
    const { data, shape } = value as { data: ArrayLike<number>; shape: readonly number[] };
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      fail(
        "invalid_value",
        `${fn}: \`${arg}.shape\` must be an array of non-negative integers, got ${describeValue(shape)}`,
      );
    }
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    if (data.length !== size) {
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}.data\` must have ${size} elements for shape [${shape.join(", ")}], got ${data.length}`,
      );
    }
    return { data: Float64Array.from(data), shape: [...shape] };
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return {
      data: Float64Array.from(value as unknown as ArrayLike<number>),
      shape: [(value as unknown as ArrayLike<number>).length],
    };
  }
  if (!Array.isArray(value)) {
    return fail(
      "invalid_value",
      `${fn}: \`${arg}\` must be a nested number array, { data, shape } or a tensor, got ${describeValue(value)}`,
    );
  }
  const shape = nestedShape(value);
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  let offset = 0;
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== "number")
        fail(
          "invalid_value",
          `${fn}: \`${arg}\` must contain only numbers, got ${describeValue(v)} at ${path}`,
        );
      data[offset++] = v;
      return;
    }
    const isArray = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
    if (!isArray || (v as ArrayLike<unknown>).length !== shape[depth]) {
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}\` must be rectangular with shape [${shape.join(", ")}], got ${isArray ? `length ${(v as ArrayLike<unknown>).length}` : describeValue(v)} at ${path || "top level"}`,
      );
    }
    const arr = v as ArrayLike<unknown>;
    for (let i = 0; i < arr.length; i++) walk(arr[i], depth + 1, `${path}[${i}]`);
  };
  walk(value, 0, "");
  return { data, shape };
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
