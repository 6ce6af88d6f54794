import { describeValue, invalidValue, shapeMismatch } from "./errors.js";
import { assertAllocation, getLimits } from "./limits.js";

/** The typed arrays that hold numbers (not BigInts). */
export type NumericTypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** Anything plumbline accepts where a vector of numbers is expected. */
export type NumericArray = readonly number[] | NumericTypedArray | TensorLike;

/** A TensorFlow.js-like tensor, read through `dataSync()` without importing tfjs. */
export interface TensorLike {
  readonly shape: readonly number[];
  dataSync(): ArrayLike<number> | Float32Array | Int32Array | Uint8Array;
}

/** A row-major matrix: `number[][]`, `{ data, rows, cols }`, or a rank-2 tensor. */
export type MatrixInput = readonly (readonly number[])[] | DenseMatrix | TensorLike;

/** A dense row-major matrix view. */
export interface DenseMatrix {
  readonly data: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
}

/** A dense row-major matrix with float64 storage, as the kernels consume it. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export function isTensorLike(value: unknown): value is TensorLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as TensorLike).dataSync === "function" &&
    Array.isArray((value as TensorLike).shape)
  );
}

/**
 * Reads a numeric vector into a Float64Array (a copy only when the input is not already one).
 * Accepts number arrays, every typed array and tensor-like objects; rejects anything else,
 * including arrays holding non-numbers, with `invalid_value`.
 */
export function toFloat64(value: unknown, fn: string, arg: string): Float64Array {
  if (value instanceof Float64Array) return value;
  if (isTensorLike(value)) {
    const data = value.dataSync();
    if (!isNumericView(data)) assertNumbers(data, fn, `${arg}.dataSync()`);
    return Float64Array.from(data);
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
      invalidValue(`${fn}: \`${arg}\` must be a numeric array, got ${describeValue(value)}`);
    }
    return Float64Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) {
    assertNumbers(value, fn, arg);
    return Float64Array.from(value);
  }
  return invalidValue(
    `${fn}: \`${arg}\` must be an array of numbers, a typed array or a tensor, got ${describeValue(value)}`,
  );
}

/**
 * Reads a matrix (`number[][]`, `{ data, rows, cols }`, `{ data, shape }` or a rank-2 tensor)
 * into a row-major Float64 {@link Matrix}, through {@link readNdFloat64} (ragged rows are
 * `shape_mismatch`, non-numbers `invalid_value`, nested sizes within the allocation budget);
 * `[]` is the empty 0 x 0 matrix. Data already in a Float64Array is not copied.
 */
export function toMatrix(value: unknown, fn: string, arg: string): Matrix {
  if (Array.isArray(value) && value.length === 0) return { data: new Float64Array(0), rows: 0, cols: 0 };
  const { data, shape } = readNdFloat64(value, fn, arg);
  if (shape.length !== 2)
    shapeMismatch(
      `${fn}: \`${arg}\` must be a matrix [rows, columns] (number[][], { data, rows, cols } or a rank-2 tensor), got shape [${shape.join(", ")}]`,
    );
  return { data, rows: shape[0]!, cols: shape[1]! };
}

/** Reads a vector or a matrix: a 1-D input becomes a matrix with one column. */
export function toMatrixOrColumn(value: unknown, fn: string, arg: string): Matrix {
  if (isTensorLike(value) && value.shape.length === 1) {
    const data = Float64Array.from(value.dataSync());
    return { data, rows: data.length, cols: 1 };
  }
  if (Array.isArray(value) && (value.length === 0 || typeof value[0] === "number")) {
    const data = toFloat64(value, fn, arg);
    return { data, rows: data.length, cols: 1 };
  }
  if (ArrayBuffer.isView(value)) {
    const data = toFloat64(value, fn, arg);
    return { data, rows: data.length, cols: 1 };
  }
  return toMatrix(value, fn, arg);
}

/** A nested array of any depth. */
export type NestedArray<T> = readonly (T | NestedArray<T>)[];

/**
 * An N-d numeric input: a number array nested to any depth (rectangular; the innermost rows may
 * be typed arrays), a typed array (rank 1), `{ data, shape }` or `{ data, rows, cols }` with
 * row-major `data`, or a tensor-like object (`shape` and `dataSync()`, as TensorFlow.js tensors).
 */
export type NdInput =
  | NumericArray
  | MatrixInput
  | { readonly data: ArrayLike<number>; readonly shape: readonly number[] }
  | NestedArray<number>;

/** Row-major data and its shape (`data.length` is the product of `shape`). */
export interface NdArray<T = number> {
  readonly data: ArrayLike<T>;
  readonly shape: readonly number[];
}

/** The storage {@link readNdArray} flattens nested arrays into. */
export type NdStorage = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor;

/** A numeric typed array (not a DataView, not a BigInt array). */
export function isNumericView(value: unknown): value is ArrayLike<number> {
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

/** `[1][0]` for an index path, `index 3` for a rank-1 one, `the top` for none. */
function pathText(path: readonly number[], rank: number): string {
  if (path.length === 0) return "the top";
  if (rank === 1) return `index ${path[0]}`;
  return path.map((i) => `[${i}]`).join("");
}

function checkShape(fn: string, arg: string, shape: unknown): readonly number[] {
  if (
    !Array.isArray(shape) ||
    shape.length === 0 ||
    shape.length > getLimits().maxNestingDepth ||
    !shape.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0)
  )
    invalidValue(
      `${fn}: \`${arg}.shape\` must be a non-empty list of non-negative integers, got ${describeValue(shape)}`,
    );
  return [...(shape as number[])];
}

/**
 * The shape of a nested array from its first element at each depth (a typed array ends it);
 * every other element is checked against it by {@link flattenNested}. Deeper than the nesting
 * limit (`getLimits().maxNestingDepth`) is `shape_mismatch`.
 */
export function nestedShape(value: readonly unknown[], fn: string, arg: string): number[] {
  const shape: number[] = [];
  let node: unknown = value;
  while (Array.isArray(node) || (shape.length > 0 && isNumericView(node))) {
    const list = node as ArrayLike<unknown>;
    shape.push(list.length);
    if (shape.length > getLimits().maxNestingDepth)
      shapeMismatch(`${fn}: \`${arg}\` is nested deeper than ${getLimits().maxNestingDepth} levels`);
    if (list.length === 0 || !Array.isArray(node)) break;
    node = list[0];
  }
  return shape;
}

/**
 * Flattens a nested array of `shape` (from {@link nestedShape}) into `out`, row-major, checking
 * every element: a row of another length or a number where a row belongs is `shape_mismatch`
 * ("ragged", never padded or truncated); a leaf that `isLeaf` refuses (strings, booleans,
 * `null`, objects, arrays where `leaves` belong) is `invalid_value`. Both name the index path.
 */
export function flattenNested<T>(
  value: unknown,
  shape: readonly number[],
  out: { [index: number]: T },
  isLeaf: (v: unknown) => v is T,
  leaves: string,
  fn: string,
  arg: string,
): void {
  const rank = shape.length;
  const path: number[] = [];
  const shapeText = `shape [${shape.join(", ")}] from the first elements`;
  const ragged = (expected: string, got: string): never =>
    shapeMismatch(
      `${fn}: \`${arg}\` is ragged: expected ${expected} at ${pathText(path, rank)} (${shapeText}), got ${got}`,
    );
  const refused = (v: unknown): never =>
    invalidValue(
      `${fn}: \`${arg}\` must contain only ${leaves}, got ${describeValue(v)} at ${pathText(path, rank)}`,
    );
  let at = 0;
  const visit = (node: unknown, depth: number): void => {
    const last = depth === rank - 1;
    const isList = Array.isArray(node) || isNumericView(node);
    if (!isList) {
      if (typeof node === "number") ragged(`an array of ${shape[depth]}`, describeValue(node));
      refused(node);
    }
    const list = node as ArrayLike<unknown>;
    if (!last && !Array.isArray(node)) ragged("nested arrays", describeValue(node));
    if (list.length !== shape[depth]) ragged(`${shape[depth]} entries`, `${list.length}`);
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (last) {
        if (!isLeaf(v)) {
          path.push(i);
          refused(v);
        }
        out[at++] = v as T;
      } else {
        path.push(i);
        visit(v, depth + 1);
        path.pop();
      }
    }
  };
  visit(value, 0);
}

const isNumber = (v: unknown): v is number => typeof v === "number";

/** Fails unless `list` is an array of numbers (the messages of {@link flattenNested}). */
function assertNumbers(list: unknown, fn: string, arg: string): asserts list is readonly number[] {
  if (!Array.isArray(list))
    invalidValue(`${fn}: \`${arg}\` must be an array of numbers, got ${describeValue(list)}`);
  for (let i = 0; i < list.length; i++)
    if (typeof list[i] !== "number") flattenNested(list, [list.length], [], isNumber, "numbers", fn, arg);
}

/**
 * The one path from an N-d numeric input ({@link NdInput}) to row-major data and its shape.
 * A typed array, a flat number array (checked), a tensor's `dataSync()` and `{ data, shape }`'s
 * data are used as they are (no copy); nested arrays are flattened into a new `storage` array
 * (Float64Array unless said), whose size goes through the allocation budget first
 * (`invalid_value` past it: a sparse `new Array(1e6)` holding one long row must not allocate
 * 1e6 rows). Numbers only: see {@link flattenNested} for the messages. NaN and infinities are
 * numbers here: what they mean is the caller's policy.
 */
export function readNdArray(
  value: unknown,
  fn: string,
  arg: string,
  storage: NdStorage = Float64Array,
): NdArray {
  if (isNumericView(value)) return { data: value, shape: [value.length] };
  if (isTensorLike(value)) {
    const shape = checkShape(fn, arg, value.shape);
    const data = value.dataSync();
    if (!isNumericView(data)) assertNumbers(data, fn, `${arg}.dataSync()`);
    if (data.length !== product(shape))
      shapeMismatch(`${fn}: \`${arg}\` holds ${data.length} values for shape [${shape.join(", ")}]`);
    return { data, shape };
  }
  if (Array.isArray(value)) {
    const shape = nestedShape(value, fn, arg);
    if (shape.length === 1) {
      assertNumbers(value, fn, arg);
      return { data: value as number[], shape };
    }
    const size = product(shape);
    assertAllocation(
      fn,
      `\`${arg}\` of shape [${shape.join(", ")}]`,
      size * storage.BYTES_PER_ELEMENT,
      "invalid_value",
    );
    const out = new storage(size);
    flattenNested(value, shape, out, isNumber, "numbers", fn, arg);
    return { data: out, shape };
  }
  if (typeof value === "object" && value !== null) {
    const record = value as { data?: unknown; shape?: unknown; rows?: unknown; cols?: unknown };
    if ("data" in record && ("shape" in record || ("rows" in record && "cols" in record))) {
      const shape = checkShape(fn, arg, "shape" in record ? record.shape : [record.rows, record.cols]);
      const inner = readNdArray(record.data, fn, `${arg}.data`, storage);
      if (inner.shape.length !== 1 || inner.data.length !== product(shape))
        shapeMismatch(
          `${fn}: \`${arg}.data\` must hold ${product(shape)} values for shape [${shape.join(", ")}], got ${inner.shape.length === 1 ? inner.data.length : `shape [${inner.shape.join(", ")}]`}`,
        );
      return { data: inner.data, shape };
    }
  }
  if (ArrayBuffer.isView(value))
    invalidValue(`${fn}: \`${arg}\` must be a numeric array, got ${describeValue(value)}`);
  return invalidValue(
    `${fn}: \`${arg}\` must be an array of numbers (nested for more dimensions), a typed array, a tensor or { data, shape }, got ${describeValue(value)}`,
  );
}

/**
 * {@link readNdArray} with Float64Array data: copied (within the allocation budget) only when it
 * is not one already, so the caller must only read it.
 */
export function readNdFloat64(
  value: unknown,
  fn: string,
  arg: string,
): NdArray & { readonly data: Float64Array } {
  const { data, shape } = readNdArray(value, fn, arg);
  if (data instanceof Float64Array) return { data, shape };
  assertAllocation(fn, `\`${arg}\` of shape [${shape.join(", ")}]`, 8 * data.length, "invalid_value");
  return { data: Float64Array.from(data), shape };
}
