/**
 * N-d inputs of the classification metrics (internal), for the `(N, ...)` and `(N, C, ...)`
 * layouts of torchmetrics. Numeric inputs are read by the core's one coercion path
 * (`readNdArray` in core/coerce.ts: nested arrays, typed arrays, `{ data, shape }`,
 * `{ data, rows, cols }`, tensors; numbers only, ragged arrays refused). Label inputs may hold
 * strings instead (sklearn's string labels), never a mix.
 */
import {
  flattenNested,
  isNumericView,
  type NdArray,
  type NdInput,
  type NestedArray,
  nestedShape,
  readNdArray,
} from "../../core/coerce.js";
import { invalidValue, shapeMismatch } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";

export type { NdArray, NdInput, NestedArray } from "../../core/coerce.js";

/** An N-d label input: numbers, or strings (sklearn's string labels). */
export type LabelInput = NdInput | NestedArray<string>;

/** A plain vector: a number array or a (non-BigInt) typed array, as the fast paths take it. */
export function isPlainVector(value: unknown): value is ArrayLike<number> {
  return isNumericView(value) || Array.isArray(value);
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Label values as read: numbers, or strings (sklearn's string labels). */
export type LabelArray = NdArray<number> | (NdArray<string> & { strings: true });

/**
 * Reads a label input: numbers as `readNdArray`, or a (nested) array of strings. A mix of
 * numbers and strings is `invalid_value` (as sklearn's "mix of label input types").
 */
export function readLabelValues(value: unknown, fn: string, arg: string): LabelArray {
  if (!Array.isArray(value)) return readNdArray(value, fn, arg);
  const shape = nestedShape(value, fn, arg);
  let first: unknown = value;
  for (let d = 0; d < shape.length && Array.isArray(first) && first.length > 0; d++) first = first[0];
  if (typeof first !== "string") return readNdArray(value, fn, arg);
  const size = product(shape);
  assertAllocation(fn, `\`${arg}\` of shape [${shape.join(", ")}]`, 8 * size, "invalid_value");
  const out: string[] = new Array(size);
  const isString = (v: unknown): v is string => typeof v === "string";
  try {
    flattenNested(value, shape, out, isString, "strings", fn, arg);
  } catch (error) {
    // Re-word a non-string among strings: labels must not mix types.
    if ((error as { code?: string }).code === "invalid_value")
      invalidValue(
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
      shapeMismatch(`${fn}: \`${argA}\` and \`${argB}\` must have the same length, got ${a[0]} and ${b[0]}`);
    shapeMismatch(
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
