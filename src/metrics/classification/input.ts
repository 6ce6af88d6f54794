/**
 * Input reading and option parsing shared by the classification metrics (internal).
 * Every reader validates a whole batch before a metric mutates its state.
 */
import { type Matrix, toFloat64, toMatrix, toMatrixOrColumn } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertNonEmpty, assertSameLength } from "../../core/validate.js";

/** A per-sample weight vector, as scikit-learn's `sample_weight`. */
export type SampleWeight = ArrayLike<number> | undefined;

/** Rejects NaN and infinities (the first offender is named). */
export function assertFiniteValues(values: ArrayLike<number>, fn: string, arg: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v))
      fail("invalid_value", `${fn}: \`${arg}\` must be finite, got ${describeValue(v)} at index ${i}`);
  }
}

/** Finite scores (any real number): AUROC, AP, curves, hinge. */
export function readScores(value: unknown, fn: string, arg = "preds"): Float64Array {
  const out = toFloat64(value, fn, arg);
  assertFiniteValues(out, fn, arg);
  return out;
}

/** Probabilities in [0, 1] (NaN and infinities are named as such). */
export function readProbabilities(value: unknown, fn: string, arg = "preds"): Float64Array {
  const out = toFloat64(value, fn, arg);
  assertProbabilityValues(out, fn, arg);
  return out;
}

export function assertProbabilityValues(values: ArrayLike<number>, fn: string, arg: string): void {
  assertFiniteValues(values, fn, arg);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0 || v > 1)
      fail("invalid_value", `${fn}: \`${arg}\` must contain probabilities in [0, 1], got ${v} at index ${i}`);
  }
}

/** Binary targets: 0, 1 or `ignoreIndex`. */
export function readBinaryTarget(
  value: unknown,
  fn: string,
  ignoreIndex: number | undefined,
  arg = "target",
): Float64Array {
  const out = toFloat64(value, fn, arg);
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    if (v !== 0 && v !== 1 && v !== ignoreIndex) {
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain only 0 and 1, got ${describeValue(v)} at index ${i}`,
      );
    }
  }
  return out;
}

/** Integer class labels in [0, numClasses), or `ignoreIndex`. */
export function readLabels(
  value: unknown,
  fn: string,
  numClasses: number,
  ignoreIndex: number | undefined,
  arg = "target",
): Float64Array {
  const out = toFloat64(value, fn, arg);
  assertLabelValues(out, fn, numClasses, ignoreIndex, arg);
  return out;
}

export function assertLabelValues(
  values: ArrayLike<number>,
  fn: string,
  numClasses: number,
  ignoreIndex: number | undefined,
  arg: string,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === ignoreIndex) continue;
    if (!Number.isInteger(v)) {
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain integer class labels, got ${describeValue(v)} at index ${i}`,
      );
    }
    if (v < 0 || v >= numClasses)
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain labels in [0, ${numClasses}), got ${v} at index ${i}`,
      );
  }
}

/** A score matrix with exactly `cols` columns (rows = samples). */
export function readScoreMatrix(value: unknown, fn: string, cols: number, arg = "preds"): Matrix {
  const m = toMatrix(value, fn, arg);
  if (m.cols !== cols && m.rows > 0)
    fail("shape_mismatch", `${fn}: \`${arg}\` must have ${cols} columns, got ${m.cols}`);
  assertFiniteValues(m.data, fn, arg);
  return { data: m.data, rows: m.rows, cols };
}

/**
 * Multiclass predictions: a label vector (N) or a score matrix (N x numClasses). Returns the
 * labels (argmax of scores, first maximum on ties) and the scores when given.
 */
export function readMulticlassPreds(
  value: unknown,
  fn: string,
  numClasses: number,
): { labels: Float64Array; scores?: Matrix } {
  const m = toMatrixOrColumn(value, fn, "preds");
  // An empty batch is a no-op whatever its layout.
  if (m.rows === 0)
    return { labels: new Float64Array(0), scores: { data: new Float64Array(0), rows: 0, cols: numClasses } };
  if (m.cols === 1) {
    assertNotScoreColumn(m.data, fn, numClasses);
    assertLabelValues(m.data, fn, numClasses, undefined, "preds");
    return { labels: m.data };
  }
  if (m.cols !== numClasses)
    fail(
      "shape_mismatch",
      `${fn}: \`preds\` must be labels (N) or scores (N x ${numClasses}), got ${m.rows} x ${m.cols}`,
    );
  assertFiniteValues(m.data, fn, "preds");
  const labels = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let best = 0;
    let bestScore = m.data[r * numClasses]!;
    for (let c = 1; c < numClasses; c++) {
      const s = m.data[r * numClasses + c]!;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    labels[r] = best;
  }
  return { labels, scores: m };
}

/**
 * A single column of fractional values given where multiclass labels belong is a column of
 * scores: says so, and which call reads it (issue 9 §10), instead of "must contain integer labels".
 */
function assertNotScoreColumn(values: Float64Array, fn: string, numClasses: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && !Number.isInteger(v)) {
      const binary = fn.replace(/^multiclass/, "binary");
      fail(
        "invalid_value",
        `${fn}: \`preds\` holds the score ${v} at index ${i}, but a single column must hold integer class labels; scores of one class are a binary problem (${binary}, or task: "binary"), multiclass scores need a matrix with one column per class (N x ${numClasses})`,
      );
    }
  }
}

/** Non-negative finite weights, one per sample; undefined means all ones. */
export function readWeights(value: unknown, n: number, fn: string): Float64Array | undefined {
  if (value === undefined) return undefined;
  const w = toFloat64(value, fn, "sampleWeight");
  assertSameLength(w.length, n, fn, "sampleWeight", "target");
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (!(Number.isFinite(v) && v >= 0))
      fail(
        "invalid_value",
        `${fn}: \`sampleWeight\` must be finite and non-negative, got ${describeValue(v)} at index ${i}`,
      );
  }
  return w;
}

export function assertSameRows(a: number, b: number, fn: string): void {
  assertSameLength(a, b, fn, "preds", "target");
}

export function assertNotEmpty(n: number, fn: string): void {
  assertNonEmpty(n, fn, "preds");
}

/** `num / den`, or `zeroDivision` when `den` is 0. */
export function safeDivide(num: number, den: number, zeroDivision = 0): number {
  return den !== 0 ? num / den : zeroDivision;
}

/**
 * Throws `empty_input` when a metric is computed before any sample was seen, and
 * `invalid_state` when the state's total is not a finite count (a corrupt state, never "no samples").
 */
export function assertSeen(total: number, fn: string): void {
  if (!Number.isFinite(total) || total < 0)
    fail("invalid_state", `${fn}: the state's sample total is ${describeValue(total)}, not a count`);
  if (total === 0) fail("empty_input", `${fn}: \`preds\` must hold at least one sample, got 0`);
}
