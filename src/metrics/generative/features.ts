import { type Matrix, type MatrixInput, toMatrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { checkState, type FieldCheck, field, stateInvariant } from "../../core/state-check.js";

/** A feature matrix: one row per sample (e.g. 2048 Inception pool features), `number[][]` or `{ data, rows, cols }`. */
export type FeatureInput = MatrixInput;

/** Reads a feature matrix; finite values only. An empty array is an empty batch. */
export function readFeatures(value: unknown, fn: string, arg: string): Matrix {
  const m = toMatrix(value, fn, arg);
  if (m.cols > MAX_FEATURE_DIM)
    fail(
      "invalid_value",
      `${fn}: \`${arg}\` must have at most ${MAX_FEATURE_DIM} features per row, got ${m.cols}`,
    );
  for (let i = 0; i < m.data.length; i++) {
    const v = m.data[i]!;
    if (v - v !== 0) {
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must be finite, got ${describeValue(v)} at [${Math.floor(i / m.cols)}][${i % m.cols}]`,
      );
    }
  }
  return m;
}

/**
 * Largest feature dimension the feature-based metrics take (Inception pool features have 2048,
 * CLIP and DINOv2 up to 1536): FID's compute is O(d^3), so a state of larger `d` could not be
 * computed in bounded time.
 */
export const MAX_FEATURE_DIM = 8192;

/** Throws `shape_mismatch` when a batch's feature dimension differs from the one seen so far. */
export function checkDimension(expected: number, got: Matrix, fn: string, arg: string): void {
  if (got.rows > 0 && expected !== 0 && got.cols !== expected) {
    fail("shape_mismatch", `${fn}: \`${arg}\` must have ${expected} features per row, got ${got.cols}`);
  }
}

/**
 * Reads one `update(real, fake)` batch of a two-set feature metric (FID, KID): both matrices,
 * each checked against the state's feature count `dim` (0 = none seen yet) and against each
 * other. Returns them with the feature count after the batch.
 */
export function readFeaturePair(
  real: FeatureInput,
  fake: FeatureInput,
  dim: number,
  fn: string,
): { r: Matrix; f: Matrix; dim: number } {
  const r = readFeatures(real, fn, "real");
  const f = readFeatures(fake, fn, "fake");
  checkDimension(dim, r, fn, "real");
  checkDimension(dim, f, fn, "fake");
  if (r.rows > 0 && f.rows > 0 && r.cols !== f.cols) {
    fail(
      "shape_mismatch",
      `${fn}: \`real\` and \`fake\` must have the same number of features, got ${r.cols} and ${f.cols}`,
    );
  }
  return { r, f, dim: r.rows > 0 ? r.cols : f.rows > 0 ? f.cols : dim };
}

/** Feature count of the merge of two states with feature counts `a` and `b` (0 = none seen yet); fails when they differ. */
export function mergedDimension(a: number, b: number, fn: string): number {
  if (a !== 0 && b !== 0 && a !== b)
    fail("shape_mismatch", `${fn}: cannot merge states of ${a} and ${b} features`);
  return a || b;
}

/**
 * Mergeable mean and centred scatter matrix of a feature set: `n`, `mean` (d) and
 * `scatter = sum (x - mean)(x - mean)^T` (d x d, row-major). Batches are reduced two-pass and
 * combined with Chan et al.'s pairwise update, so the covariance never comes from
 * `E[xx^T] - mean mean^T`. O(d^2) state.
 */
export interface FeatureMoments {
  n: number;
  mean: Float64Array;
  scatter: Float64Array;
}

/** Moments of an empty feature set of dimension `d`. */
export function emptyFeatureMoments(d = 0): FeatureMoments {
  return { n: 0, mean: new Float64Array(d), scatter: new Float64Array(d * d) };
}

/** Two-pass mean and centred scatter matrix of one batch of feature rows. O(rows d^2). */
export function batchFeatureMoments(m: Matrix): FeatureMoments {
  const { rows, cols: d, data } = m;
  const mean = new Float64Array(d);
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) mean[j]! += data[r * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= rows;
  const scatter = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < d; j++) centred[j] = data[r * d + j]! - mean[j]!;
    for (let i = 0; i < d; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      const base = i * d;
      for (let j = i; j < d; j++) scatter[base + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) scatter[i * d + j] = scatter[j * d + i]!;
  return { n: rows, mean, scatter };
}

/** Chan et al.'s pairwise combination of two feature-set moments (a new object). O(d^2). */
export function combineFeatureMoments(a: FeatureMoments, b: FeatureMoments): FeatureMoments {
  if (a.n === 0) return { n: b.n, mean: b.mean.slice(), scatter: b.scatter.slice() };
  if (b.n === 0) return { n: a.n, mean: a.mean.slice(), scatter: a.scatter.slice() };
  const d = a.mean.length;
  const n = a.n + b.n;
  const delta = new Float64Array(d);
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    delta[j] = b.mean[j]! - a.mean[j]!;
    mean[j] = a.mean[j]! + (delta[j]! * b.n) / n;
  }
  const w = (a.n * b.n) / n;
  const scatter = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++)
      scatter[i * d + j] = a.scatter[i * d + j]! + b.scatter[i * d + j]! + delta[i]! * delta[j]! * w;
  }
  return { n, mean, scatter };
}

/** The check of a {@link FeatureMoments} of feature count `dim` (`mean` may be empty while `n` is 0). */
export function featureMomentsShape(dim: number): FieldCheck {
  return field.custom((value, path, id) => {
    checkState(id, value, {
      n: field.count(),
      mean: field.typed(Float64Array),
      scatter: field.typed(Float64Array),
    });
    const m = value as FeatureMoments;
    const d = m.mean.length;
    stateInvariant(id, d === dim || (m.n === 0 && d === 0), `${path}.mean must hold ${dim} values, got ${d}`);
    stateInvariant(
      id,
      m.scatter.length === d * d,
      `${path}.scatter must hold ${d * d} values, got ${m.scatter.length}`,
    );
    for (let i = 0; i < d; i++)
      stateInvariant(id, m.scatter[i * d + i]! >= 0, `${path}.scatter must have a non-negative diagonal`);
  });
}

/** The check of a state's feature count: a count up to {@link MAX_FEATURE_DIM}. */
export const featureDimShape: FieldCheck = field.number({
  test: (v) => Number.isInteger(v) && v >= 0 && v <= MAX_FEATURE_DIM,
  words: `integers in [0, ${MAX_FEATURE_DIM}]`,
});
