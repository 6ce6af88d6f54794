/**
 * N-d inputs of the classification metrics (internal): the one place where user input becomes
 * row-major data and a shape, for the `(N, ...)` and `(N, C, ...)` layouts of torchmetrics.
 *
 * An N-d input is any of:
 * - a tensor-like object (`shape` and `dataSync()`, as TensorFlow.js tensors);
 * - `{ data, shape }` with row-major `data` (a number array or a typed array);
 * - `{ data, rows, cols }` (a dense matrix);
 * - a typed array (1-d) or a number array, nested to any depth (rectangular).
 *
 * Numbers only: a string, boolean, `null` or object where a number belongs is `invalid_value`
 * naming its position; a ragged array is `shape_mismatch`. Label inputs may hold strings instead
 * (sklearn's string labels), never a mix.
 */
import { isTensorLike, type MatrixInput, type NumericArray } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { getLimits } from "../../core/limits.js";

/** A nested array of any depth. */
export type NestedArray<T> = readonly (T | NestedArray<T>)[];

/** An N-d numeric input: see the module comment. */
export type NdInput =
  | NumericArray
  | MatrixInput
  | { readonly data: ArrayLike<number>; readonly shape: readonly number[] }
  | NestedArray<number>;

/** An N-d label input: numbers, or strings (sklearn's string labels). */
export type LabelInput = NdInput | NestedArray<string>;

/** Row-major data and its shape (`data.length` is the product of `shape`). */
export interface NdArray<T = number> {
  readonly data: ArrayLike<T>;
  readonly shape: readonly number[];
}

/** A plain vector: a number array or a (non-BigInt) typed array, as the fast paths take it. */
export function isPlainVector(value: unknown): value is ArrayLike<number> {
  return isTypedVector(value) || Array.isArray(value);
}

function isTypedVector(value: unknown): value is ArrayLike<number> {
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** `[i][j]` for the flat index `flat` of `shape`. */
function position(flat: number, shape: readonly number[]): string {
  if (shape.length <= 1) return `index ${flat}`;
  const parts: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    parts.unshift(rest % shape[d]!);
    rest = Math.floor(rest / shape[d]!);
  }
  return parts.map((p) => `[${p}]`).join("");
}

function checkShape(fn: string, arg: string, shape: unknown): readonly number[] {
  if (
    !Array.isArray(shape) ||
    shape.length === 0 ||
    shape.length > getLimits().maxNestingDepth ||
    !shape.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0)
  )
    fail(
      "invalid_value",
      `${fn}: \`${arg}.shape\` must be a non-empty list of non-negative integers, got ${describeValue(shape)}`,
    );
  return shape as number[];
}

/** Shape of a nested array from its first elements (validated while flattening). */
function nestedShape(value: readonly unknown[], fn: string, arg: string): number[] {
  const shape: number[] = [];
  let node: unknown = value;
  while (Array.isArray(node) || (shape.length > 0 && isTypedVector(node))) {
    const list = node as ArrayLike<unknown>;
    shape.push(list.length);
    if (shape.length > getLimits().maxNestingDepth)
      fail("shape_mismatch", `${fn}: \`${arg}\` is nested deeper than ${getLimits().maxNestingDepth} levels`);
    if (list.length === 0) break;
    node = list[0];
  }
  return shape;
}

/**
 * Flattens a nested array of the given shape into `out` (row-major), checking every row's
 * length and every leaf with `leaf` (which returns false to refuse it).
 */
function flatten<T>(
  value: unknown,
  shape: readonly number[],
  depth: number,
  out: T[] | Float64Array,
  offset: { at: number },
  leaf: (v: unknown) => boolean,
  fn: string,
  arg: string,
  path: string,
): void {
  const last = depth === shape.length - 1;
  const list = value as ArrayLike<unknown>;
  if (!(Array.isArray(value) || (last && isTypedVector(value))) || list.length !== shape[depth])
    fail(
      "shape_mismatch",
      `${fn}: \`${arg}\` must be a rectangular array of shape [${shape.join(", ")}], got ${Array.isArray(value) || isTypedVector(value) ? `${list.length} elements` : describeValue(value)} at ${path || "the top"}`,
    );
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (last) {
      if (!leaf(v))
        fail(
          "invalid_value",
          `${fn}: \`${arg}\` must contain only numbers, got ${describeValue(v)} at ${shape.length > 1 ? `${path}[${i}]` : `index ${i}`}`,
        );
      (out as unknown[])[offset.at++] = v;
    } else {
      flatten(v, shape, depth + 1, out, offset, leaf, fn, arg, `${path}[${i}]`);
    }
  }
}

const isNumber = (v: unknown) => typeof v === "number";

/**
 * Reads an N-d numeric input (see the module comment). A typed array or a flat number array is
 * used as is (no copy); nested arrays are flattened into a Float64Array.
 */
export function readNumbers(value: unknown, fn: string, arg: string): NdArray {
  if (isTypedVector(value)) return { data: value, shape: [value.length] };
  if (isTensorLike(value)) {
    const shape = checkShape(fn, `${arg}`, value.shape);
    const data = value.dataSync();
    if (data.length !== product(shape))
      fail("shape_mismatch", `${fn}: \`${arg}\` holds ${data.length} values for shape [${shape.join(", ")}]`);
    return { data, shape };
  }
  if (Array.isArray(value)) {
    const shape = nestedShape(value, fn, arg);
    if (shape.length === 1) {
      for (let i = 0; i < value.length; i++)
        if (typeof value[i] !== "number")
          fail(
            "invalid_value",
            `${fn}: \`${arg}\` must contain only numbers, got ${describeValue(value[i])} at index ${i}`,
          );
      return { data: value as number[], shape };
    }
    const out = new Float64Array(product(shape));
    flatten(value, shape, 0, out, { at: 0 }, isNumber, fn, arg, "");
    return { data: out, shape };
  }
  if (typeof value === "object" && value !== null) {
    const record = value as { data?: unknown; shape?: unknown; rows?: unknown; cols?: unknown };
    if ("data" in record && ("shape" in record || ("rows" in record && "cols" in record))) {
      const shape = checkShape(fn, arg, "shape" in record ? record.shape : [record.rows, record.cols]);
      const inner = readNumbers(record.data, fn, `${arg}.data`);
      if (inner.shape.length !== 1 || inner.data.length !== product(shape))
        fail(
          "shape_mismatch",
          `${fn}: \`${arg}.data\` must hold ${product(shape)} values for shape [${shape.join(", ")}], got ${inner.data.length}`,
        );
      return { data: inner.data, shape };
    }
  }
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be an array of numbers (nested for more dimensions), a typed array, a tensor or { data, shape }, got ${describeValue(value)}`,
  );
}

/** Label values as read: numbers, or strings (sklearn's string labels). */
export type LabelArray = NdArray<number> | (NdArray<string> & { strings: true });

/**
 * Reads a label input: numbers as {@link readNumbers}, or a (nested) array of strings. A mix of
 * numbers and strings is `invalid_value` (as sklearn's "mix of label input types").
 */
export function readLabelValues(value: unknown, fn: string, arg: string): LabelArray {
  if (!Array.isArray(value)) return readNumbers(value, fn, arg);
  const shape = nestedShape(value, fn, arg);
  let first: unknown = value;
  for (let d = 0; d < shape.length && Array.isArray(first) && first.length > 0; d++) first = first[0];
  if (typeof first !== "string") return readNumbers(value, fn, arg);
  const out: string[] = new Array(product(shape));
  const isString = (v: unknown) => typeof v === "string";
  try {
    flatten(value, shape, 0, out, { at: 0 }, isString, fn, arg, "");
  } catch (error) {
    // Re-word a non-string among strings: labels must not mix types.
    if ((error as { code?: string }).code === "invalid_value")
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` mixes string labels with other values (${(error as Error).message.split("got ")[1]}); labels must be all strings or all numbers`,
      );
    throw error;
  }
  return { data: out, shape, strings: true };
}

/** The elements per sample of `shape` (the product of the dimensions after the first). */
export function sampleSize(shape: readonly number[]): number {
  return product(shape.slice(1));
}

/** Fails unless both shapes are equal. */
export function assertSameShape(
  a: readonly number[],
  b: readonly number[],
  fn: string,
  argA: string,
  argB: string,
): void {
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    if (a.length === 1 && b.length === 1)
      fail(
        "shape_mismatch",
        `${fn}: \`${argA}\` and \`${argB}\` must have the same length, got ${a[0]} and ${b[0]}`,
      );
    fail(
      "shape_mismatch",
      `${fn}: \`${argA}\` and \`${argB}\` must have the same shape, got [${a.join(", ")}] and [${b.join(", ")}]`,
    );
  }
}

/**
 * Moves the class axis of `(N, C, d1, ...)` data last: `(N * d1 * ..., C)` rows, one per
 * element (row n * D + r for sample n and element r). A copy only when there are extra dimensions.
 */
export function classesLast(
  data: ArrayLike<number>,
  shape: readonly number[],
): Float64Array | ArrayLike<number> {
  if (shape.length <= 2) return data;
  const N = shape[0]!;
  const C = shape[1]!;
  const D = product(shape.slice(2));
  const out = new Float64Array(N * C * D);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) {
      const from = (n * C + c) * D;
      for (let r = 0; r < D; r++) out[(n * D + r) * C + c] = data[from + r]!;
    }
  return out;
}

export { position as flatPosition };
