import { describeValue, fail } from "./errors.js";

/** Anything plumbline accepts where a vector of numbers is expected. */
export type NumericArray =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | TensorLike;

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

function isDenseMatrix(value: unknown): value is DenseMatrix {
  return (
    typeof value === "object" &&
    value !== null &&
    "data" in value &&
    "rows" in value &&
    "cols" in value &&
    typeof (value as DenseMatrix).rows === "number" &&
    typeof (value as DenseMatrix).cols === "number"
  );
}

/**
 * Reads a numeric vector into a Float64Array (a copy only when the input is not already one).
 * Accepts number arrays, every typed array and tensor-like objects; rejects anything else,
 * including arrays holding non-numbers, with `invalid_value`.
 */
export function toFloat64(value: unknown, fn: string, arg: string): Float64Array {
  if (value instanceof Float64Array) return value;
  if (isTensorLike(value)) return Float64Array.from(value.dataSync());
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
      fail("invalid_value", `${fn}: \`${arg}\` must be a numeric array, got ${describeValue(value)}`);
    }
    return Float64Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) {
    const out = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v !== "number") {
        fail(
          "invalid_value",
          `${fn}: \`${arg}\` must contain only numbers, got ${describeValue(v)} at index ${i}`,
        );
      }
      out[i] = v;
    }
    return out;
  }
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be an array of numbers, a typed array or a tensor, got ${describeValue(value)}`,
  );
}

/**
 * Reads a matrix (`number[][]`, `{ data, rows, cols }`, or a rank-2 tensor) into a row-major
 * Float64 {@link Matrix}. Ragged rows raise `shape_mismatch`.
 */
export function toMatrix(value: unknown, fn: string, arg: string): Matrix {
  if (isTensorLike(value)) {
    if (value.shape.length !== 2) {
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}\` must be a rank-2 tensor, got shape [${value.shape.join(", ")}]`,
      );
    }
    return { data: Float64Array.from(value.dataSync()), rows: value.shape[0]!, cols: value.shape[1]! };
  }
  if (isDenseMatrix(value)) {
    const { rows, cols } = value;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` rows and cols must be non-negative integers, got ${rows} x ${cols}`,
      );
    }
    const data = toFloat64(value.data, fn, `${arg}.data`);
    if (data.length !== rows * cols) {
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}.data\` must have rows * cols = ${rows * cols} elements, got ${data.length}`,
      );
    }
    return { data, rows, cols };
  }
  if (Array.isArray(value)) {
    const rows = value.length;
    if (rows === 0) return { data: new Float64Array(0), rows: 0, cols: 0 };
    const first = value[0];
    if (!Array.isArray(first) && !ArrayBuffer.isView(first)) {
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}\` must be a matrix (array of rows), got ${describeValue(first)} as row 0`,
      );
    }
    const cols = (first as ArrayLike<number>).length;
    const data = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      const row = value[r] as unknown;
      if (!Array.isArray(row) && !ArrayBuffer.isView(row)) {
        fail("shape_mismatch", `${fn}: \`${arg}\` row ${r} must be an array, got ${describeValue(row)}`);
      }
      const rowLike = row as ArrayLike<unknown>;
      if (rowLike.length !== cols) {
        fail(
          "shape_mismatch",
          `${fn}: \`${arg}\` rows must all have ${cols} columns, got ${rowLike.length} in row ${r}`,
        );
      }
      for (let c = 0; c < cols; c++) {
        const v = rowLike[c];
        if (typeof v !== "number") {
          fail(
            "invalid_value",
            `${fn}: \`${arg}\` must contain only numbers, got ${describeValue(v)} at [${r}][${c}]`,
          );
        }
        data[r * cols + c] = v;
      }
    }
    return { data, rows, cols };
  }
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be a number[][], { data, rows, cols } or a rank-2 tensor, got ${describeValue(value)}`,
  );
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
