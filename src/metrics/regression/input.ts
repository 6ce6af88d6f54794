import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { toMatrixOrColumn } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";

/** What the regression metrics accept for `preds` and `target`: a vector, or an n x k matrix (k outputs). */
export type RegressionInput = NumericArray | MatrixInput;

/** The arguments of every pairwise regression metric. */
export type PairArgs = [preds: RegressionInput, target: RegressionInput];

/** A validated batch: row-major float64 data with `rows` samples and `cols` outputs. */
export interface PairBatch {
  readonly preds: Float64Array;
  readonly target: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** True when the inputs were vectors (one output). */
  readonly vector: boolean;
}

function isVectorInput(value: unknown): boolean {
  if (ArrayBuffer.isView(value)) return true;
  if (Array.isArray(value)) return value.length === 0 || typeof value[0] === "number";
  if (typeof value === "object" && value !== null && "shape" in value) {
    return (value as { shape: readonly number[] }).shape.length === 1;
  }
  return false;
}

/**
 * Reads `preds` and `target` (vectors or n x k matrices), checks they have the same shape and
 * (unless `checkFinite` is false: a fused kernel checks them in its pass) hold only finite
 * numbers. Throws `shape_mismatch` or `invalid_value` naming `fn`.
 */
export function readPair(
  fn: string,
  preds: unknown,
  target: unknown,
  names: [string, string] = ["preds", "target"],
  checkFinite = true,
): PairBatch {
  const p = toMatrixOrColumn(preds, fn, names[0]);
  const t = toMatrixOrColumn(target, fn, names[1]);
  if (p.rows !== t.rows || p.cols !== t.cols) {
    const shape = (m: { rows: number; cols: number }, v: boolean) =>
      v ? `${m.rows}` : `${m.rows} x ${m.cols}`;
    const vector = isVectorInput(preds) && isVectorInput(target);
    fail(
      "shape_mismatch",
      vector
        ? `${fn}: \`${names[0]}\` and \`${names[1]}\` must have the same length, got ${p.rows} and ${t.rows}`
        : `${fn}: \`${names[0]}\` and \`${names[1]}\` must have the same shape, got ${shape(p, false)} and ${shape(t, false)}`,
    );
  }
  if (checkFinite) assertFinitePair(fn, p.data, t.data, p.cols, names);
  return { preds: p.data, target: t.data, rows: p.rows, cols: p.cols, vector: isVectorInput(preds) };
}

/**
 * Throws `invalid_value` at the first NaN or infinity of `preds`, then of `target` (for batches
 * read with `checkFinite: false`, once a fused kernel has found one).
 */
export function assertFinitePair(
  fn: string,
  preds: Float64Array,
  target: Float64Array,
  cols: number,
  names: [string, string] = ["preds", "target"],
): void {
  assertAllFinite(preds, fn, names[0], cols);
  assertAllFinite(target, fn, names[1], cols);
}

/** Position of flat index `i` in a row-major matrix with `cols` columns, for messages. */
export function position(i: number, cols: number): string {
  return cols === 1 ? `index ${i}` : `[${Math.floor(i / cols)}][${i % cols}]`;
}

/** Throws `invalid_value` at the first NaN or infinity. */
export function assertAllFinite(values: Float64Array, fn: string, arg: string, cols = 1): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0)
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must be finite, got ${describeValue(v)} at ${position(i, cols)}`,
      );
  }
}

/** Throws `invalid_value` at the first value not above `bound` (or not at/above, when `inclusive`). */
export function assertAbove(
  values: Float64Array,
  bound: number,
  inclusive: boolean,
  fn: string,
  arg: string,
  cols = 1,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (inclusive ? v < bound : v <= bound) {
      const word = inclusive ? `>= ${bound}` : `> ${bound}`;
      fail("invalid_value", `${fn}: \`${arg}\` must be ${word}, got ${v} at ${position(i, cols)}`);
    }
  }
}

/** Throws `shape_mismatch` when a batch's output count differs from the state's. */
export function assertColumns(stateCols: number, batchCols: number, fn: string): void {
  if (stateCols !== 0 && batchCols !== stateCols) {
    fail("shape_mismatch", `${fn}: every batch must have ${stateCols} output column(s), got ${batchCols}`);
  }
}

/** Throws `unsupported` for matrix input where a metric takes vectors only. */
export function assertVector(batch: PairBatch, fn: string): void {
  if (batch.cols !== 1)
    fail("unsupported", `${fn}: multioutput input is not supported, got ${batch.rows} x ${batch.cols}`);
}

/** Throws `empty_input` when nothing was seen. */
export function assertSeen(count: number, fn: string): void {
  if (count === 0) fail("empty_input", `${fn}: \`preds\` must not be empty, got 0 elements`);
}
