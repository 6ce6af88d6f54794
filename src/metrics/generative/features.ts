import {
  addFolds,
  ddQuotient,
  ddSubProductOverN,
  FOLDS,
  foldsFit,
  foldsToDoubleDouble,
  levelSplitter,
  MAX_FOLD_SAMPLES,
  raiseFolds,
  topLevel,
} from "../../core/binned-sums.js";
import { type Matrix, type MatrixInput, toMatrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { exponentOf, SPLITTER } from "../../core/exact-sum.js";
import { assertAllocation } from "../../core/limits.js";
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
 * Mergeable moments of a feature set, the same for any split into batches and any merge order
 * (issue 13 §3): `n`, the sums `Σ x_j` and the products `Σ x_i x_j` (i <= j) as reproducible
 * binned sums (`core/binned-sums.ts`). Each product is exact (Dekker's TwoProduct: the rounded
 * product and its error are both deposited; float32 features need only the first) and rounded
 * 2^-63 or more below the bound of its sum, so a scatter entry is within
 * n 2^-59 max|x_i| max|x_j| of exact (docs/defaults.md).
 * `exponents[j]` is the largest binary exponent of |x_j| so far (-Infinity while every x_j was
 * 0): it sets each sum's top level. O(d^2) state, 24 bytes per product.
 */
export interface FeatureMoments {
  n: number;
  exponents: Float64Array;
  /** Folds of `Σ x_j`, {@link FOLDS} per feature. */
  sums: Float64Array;
  /** Folds of `Σ x_i x_j` for i <= j, row by row ({@link productIndex}), {@link FOLDS} per pair. */
  products: Float64Array;
}

/** Largest |feature| the moments take is below 2^MAX_FEATURE_EXPONENT (products stay far from overflow). */
export const MAX_FEATURE_EXPONENT = 256;

/** Samples per feature set: below 2^21, so that every fold stays exact (`MAX_FOLD_SAMPLES`). */
export const MAX_FEATURE_SAMPLES = MAX_FOLD_SAMPLES;

/** The index of the pair (i, j), i <= j, among d features' pairs listed row by row. */
export function productIndex(i: number, j: number, d: number): number {
  return i * d - (i * (i + 1)) / 2 + j;
}

/** The top level of the sums of feature j (exponent e) and of products of features with exponents ei, ej. */
const sumTop = (e: number): number => topLevel(e + 1);
const productTop = (ei: number, ej: number): number => topLevel(ei + ej + 2);

/** Moments of an empty feature set of dimension `d`. */
export function emptyFeatureMoments(d = 0): FeatureMoments {
  return {
    n: 0,
    exponents: new Float64Array(d).fill(Number.NEGATIVE_INFINITY),
    sums: new Float64Array(FOLDS * d),
    products: new Float64Array((FOLDS * d * (d + 1)) / 2),
  };
}

/** What {@link addFeatureBatch} needs to know of a batch first: each feature's largest exponent, and whether every value is a float32. */
export interface FeatureScan {
  exponents: Float64Array;
  float32: boolean;
}

/**
 * Scans a batch of feature rows, refusing values of 2^{@link MAX_FEATURE_EXPONENT} or more and
 * a feature count whose moments would pass the allocation budget. O(rows d).
 */
export function scanFeatures(batch: Matrix, fn: string, arg: string): FeatureScan {
  const { cols: d, data } = batch;
  assertAllocation(fn, `the moments of ${d} features`, 8 * FOLDS * ((d * (d + 1)) / 2 + d), "invalid_value");
  const exponents = new Float64Array(d).fill(Number.NEGATIVE_INFINITY);
  let float32 = true;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === 0) continue;
    const e = exponentOf(v);
    if (e >= MAX_FEATURE_EXPONENT)
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must be below 2^${MAX_FEATURE_EXPONENT} in magnitude, got ${v} at [${Math.floor(i / d)}][${i % d}]`,
      );
    if (e > exponents[i % d]!) exponents[i % d] = e;
    if (float32 && Math.fround(v) !== v) float32 = false;
  }
  return { exponents, float32 };
}

/** Refuses a batch of `rows` samples that would take a feature set past {@link MAX_FEATURE_SAMPLES}. */
export function checkSampleCount(m: FeatureMoments, rows: number, fn: string, arg: string): void {
  if (m.n + rows > MAX_FEATURE_SAMPLES)
    fail(
      "invalid_value",
      `${fn}: \`${arg}\` would make ${m.n + rows} samples in one set, above the ${MAX_FEATURE_SAMPLES} the exact moments take`,
    );
}

/**
 * Adds a batch of feature rows, scanned by {@link scanFeatures} and counted by
 * {@link checkSampleCount}, to `m` in place. O(rows d^2): 3 deposits per product, twice when a
 * value is not a float32.
 */
export function addFeatureBatch(m: FeatureMoments, batch: Matrix, scan: FeatureScan): void {
  const { rows, cols: d, data } = batch;
  if (rows === 0) return;
  const { exponents: batchExponents, float32 } = scan;
  if (m.exponents.length === 0) Object.assign(m, emptyFeatureMoments(d));
  raiseLevels(m, batchExponents);
  const { sums, products, exponents } = m;
  // Columns of the batch (and, unless every value is a float32, their Veltkamp halves for the
  // products' errors), so that each sum's folds stay in registers while its terms go by.
  const column = transposed(data, rows, d);
  const high = float32 ? column : column.map((v) => SPLITTER * v - (SPLITTER * v - v));
  const low = float32 ? column : column.map((v, k) => v - high[k]!);
  for (let j = 0; j < d; j++) {
    const top = sumTop(exponents[j]!);
    addTerms(sums, FOLDS * j, top, column, j * rows, rows);
  }
  const value = new Float64Array(rows);
  const valueHigh = new Float64Array(rows);
  const valueLow = new Float64Array(rows);
  const at = new Int32Array(rows);
  const sink = new Float64Array(FOLDS);
  for (let i = 0; i < d; i++) {
    if (exponents[i] === Number.NEGATIVE_INFINITY) continue;
    // The rows where feature i is not 0 (the others add nothing to its products).
    let k = 0;
    for (let r = 0; r < rows; r++) {
      const a = column[i * rows + r]!;
      if (a === 0) continue;
      value[k] = a;
      valueHigh[k] = high[i * rows + r]!;
      valueLow[k] = low[i * rows + r]!;
      at[k++] = r;
    }
    // Two pairs (i, j) and (i, j + 1) at a time, their folds in registers; past the last
    // feature the second pair is a copy of the first written to a scratch sink.
    for (let j = i; j < d; j += 2) {
      const j2 = j + 1 < d ? j + 1 : j;
      const top = productTop(exponents[i]!, exponents[j]!);
      const top2 = productTop(exponents[i]!, exponents[j2]!);
      const m0 = levelSplitter(top);
      const m1 = levelSplitter(top - 1);
      const m2 = levelSplitter(top - 2);
      const n0 = levelSplitter(top2);
      const n1 = levelSplitter(top2 - 1);
      const n2 = levelSplitter(top2 - 2);
      const c = FOLDS * productIndex(i, j, d);
      const into = j2 === j ? sink : products;
      const c2 = j2 === j ? 0 : c + FOLDS;
      const base = j * rows;
      const base2 = j2 * rows;
      // addTerms' deposits, inlined with the products: through a scratch array and a call per
      // pair the update took 1.5x (float32) to 1.8x (float64) as long.
      let f0 = products[c]!;
      let f1 = products[c + 1]!;
      let f2 = products[c + 2]!;
      let g0 = into[c2]!;
      let g1 = into[c2 + 1]!;
      let g2 = into[c2 + 2]!;
      for (let q = 0; q < k; q++) {
        const a = value[q]!;
        const x = a * column[base + at[q]!]!;
        let part = x + m0 - m0;
        f0 += part;
        let rest = x - part;
        part = rest + m1 - m1;
        f1 += part;
        rest -= part;
        f2 += rest + m2 - m2;
        const y = a * column[base2 + at[q]!]!;
        part = y + n0 - n0;
        g0 += part;
        rest = y - part;
        part = rest + n1 - n1;
        g1 += part;
        rest -= part;
        g2 += rest + n2 - n2;
        if (float32) continue;
        // The products' rounding errors (Dekker's TwoProduct), deposited the same way; below
        // 2^-53 of the product, they have no part at the top level.
        const ah = valueHigh[q]!;
        const al = valueLow[q]!;
        let bh = high[base + at[q]!]!;
        let bl = low[base + at[q]!]!;
        rest = al * bl - (x - ah * bh - al * bh - ah * bl);
        part = rest + m1 - m1;
        f1 += part;
        rest -= part;
        f2 += rest + m2 - m2;
        bh = high[base2 + at[q]!]!;
        bl = low[base2 + at[q]!]!;
        rest = al * bl - (y - ah * bh - al * bh - ah * bl);
        part = rest + n1 - n1;
        g1 += part;
        rest -= part;
        g2 += rest + n2 - n2;
      }
      products[c] = f0;
      products[c + 1] = f1;
      products[c + 2] = f2;
      into[c2] = g0;
      into[c2 + 1] = g1;
      into[c2 + 2] = g2;
    }
  }
  m.n += rows;
}

/** `rows x d` row-major values as `d x rows` (one column after another). */
function transposed(data: Float64Array, rows: number, d: number): Float64Array {
  const out = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) out[j * rows + r] = data[r * d + j]!;
  return out;
}

/** Adds `count` terms `values[from ..]` to the folds at `folds[at ..]` of top level `top`: one part per level, rounded at the last. */
function addTerms(
  folds: Float64Array,
  at: number,
  top: number,
  values: Float64Array,
  from: number,
  count: number,
): void {
  const m0 = levelSplitter(top);
  const m1 = levelSplitter(top - 1);
  const m2 = levelSplitter(top - 2);
  let f0 = folds[at]!;
  let f1 = folds[at + 1]!;
  let f2 = folds[at + 2]!;
  for (let q = from; q < from + count; q++) {
    const x = values[q]!;
    let part = x + m0 - m0;
    f0 += part;
    let rest = x - part;
    part = rest + m1 - m1;
    f1 += part;
    rest -= part;
    f2 += rest + m2 - m2;
  }
  folds[at] = f0;
  folds[at + 1] = f1;
  folds[at + 2] = f2;
}

/** Raises `m`'s exponents to at least `seen` (per feature), moving the folds of every sum whose top level rises. */
function raiseLevels(m: FeatureMoments, seen: Float64Array): void {
  const old = m.exponents;
  const d = old.length;
  const next = old.map((e, j) => Math.max(e, seen[j]!));
  if (next.every((e, j) => e === old[j])) return;
  for (let j = 0; j < d; j++) raiseSum(m.sums, j, sumTop(old[j]!), sumTop(next[j]!));
  for (let i = 0; i < d; i++) {
    if (next[i] === Number.NEGATIVE_INFINITY) continue;
    for (let j = i; j < d; j++)
      raiseSum(
        m.products,
        productIndex(i, j, d),
        productTop(old[i]!, old[j]!),
        productTop(next[i]!, next[j]!),
      );
  }
  m.exponents = next;
}

/** Moves sum `index`'s folds from top level `from` to `to` (a sum of no terms, -Infinity, holds zeros). */
function raiseSum(folds: Float64Array, index: number, from: number, to: number): void {
  if (to > from && from !== Number.NEGATIVE_INFINITY) raiseFolds(folds, FOLDS * index, to - from);
}

/** The moments of the union of two feature sets (a new object; neither is changed). O(d^2). */
export function combineFeatureMoments(a: FeatureMoments, b: FeatureMoments, fn: string): FeatureMoments {
  if (a.exponents.length === 0 || b.exponents.length === 0) {
    const from = a.exponents.length === 0 ? b : a;
    return {
      n: from.n,
      exponents: from.exponents.slice(),
      sums: from.sums.slice(),
      products: from.products.slice(),
    };
  }
  if (a.n + b.n > MAX_FEATURE_SAMPLES)
    fail(
      "invalid_value",
      `${fn}: cannot merge states of ${a.n} and ${b.n} samples in one set, above the ${MAX_FEATURE_SAMPLES} the exact moments take`,
    );
  const d = a.exponents.length;
  const exponents = a.exponents.map((e, j) => Math.max(e, b.exponents[j]!));
  const sums = new Float64Array(a.sums.length);
  const products = new Float64Array(a.products.length);
  for (const from of [a, b]) {
    for (let j = 0; j < d; j++) {
      const to = sumTop(exponents[j]!);
      if (to !== Number.NEGATIVE_INFINITY)
        addFolds(sums, FOLDS * j, to, from.sums, FOLDS * j, sumTop(from.exponents[j]!));
    }
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++) {
        const to = productTop(exponents[i]!, exponents[j]!);
        const at = FOLDS * productIndex(i, j, d);
        if (to !== Number.NEGATIVE_INFINITY)
          addFolds(products, at, to, from.products, at, productTop(from.exponents[i]!, from.exponents[j]!));
      }
  }
  return { n: a.n + b.n, exponents, sums, products };
}

/**
 * The mean and the centred scatter matrix `Σ (x - mean)(x - mean)^T` (d x d, row-major) of a
 * feature set, from its exact sums in double-double arithmetic: `scatter_ij = S_ij - s_i s_j / n`,
 * rounded once (within about 2^-100 of the larger term; a diagonal below 0 by rounding is 0).
 */
export function featureScatter(m: FeatureMoments): { mean: Float64Array; scatter: Float64Array } {
  const d = m.exponents.length;
  const { n } = m;
  // v[0..1]: one product sum; v[2 + 2j ..]: the sum of feature j; all double-doubles.
  const v = new Float64Array(2 + 2 * d);
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    foldsToDoubleDouble(m.sums, FOLDS * j, v, 2 + 2 * j);
    mean[j] = ddQuotient(v, 2 + 2 * j, n);
  }
  const scatter = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      foldsToDoubleDouble(m.products, FOLDS * productIndex(i, j, d), v, 0);
      const s = ddSubProductOverN(v, 0, 2 + 2 * i, 2 + 2 * j, n);
      scatter[i * d + j] = scatter[j * d + i] = i === j ? Math.max(0, s) : s;
    }
  return { mean, scatter };
}

/** The check of a {@link FeatureMoments} of feature count `dim` (its arrays may be empty while `n` is 0). */
export function featureMomentsShape(dim: number): FieldCheck {
  return field.custom((value, path, id) => {
    checkState(
      id,
      value,
      {
        n: field.number({
          test: (v) => Number.isInteger(v) && v >= 0 && v <= MAX_FEATURE_SAMPLES,
          words: `integers in [0, ${MAX_FEATURE_SAMPLES}]`,
        }),
        exponents: field.typed(Float64Array, {
          values: {
            test: (e) =>
              e === Number.NEGATIVE_INFINITY ||
              (Number.isInteger(e) && e >= -1074 && e < MAX_FEATURE_EXPONENT),
            words: `-Infinity or integers in [-1074, ${MAX_FEATURE_EXPONENT - 1}]`,
          },
        }),
        sums: field.typed(Float64Array, { values: "finite" }),
        products: field.typed(Float64Array, { values: "finite" }),
      },
      path,
    );
    const m = value as FeatureMoments;
    const d = m.exponents.length;
    const invariant = (ok: boolean, what: string) => stateInvariant(id, ok, `${path}${what}`);
    invariant(d === dim || (m.n === 0 && d === 0), `.exponents must hold ${dim} values, got ${d}`);
    invariant(m.sums.length === FOLDS * d, `.sums must hold ${FOLDS * d} values, got ${m.sums.length}`);
    const pairs = (FOLDS * d * (d + 1)) / 2;
    invariant(m.products.length === pairs, `.products must hold ${pairs} values, got ${m.products.length}`);
    invariant(
      m.n > 0 || m.exponents.every((e) => e === Number.NEGATIVE_INFINITY),
      ".exponents must all be -Infinity when there are no samples",
    );
    for (let j = 0; j < d; j++)
      invariant(
        foldsFit(m.sums, FOLDS * j, sumTop(m.exponents[j]!), m.n),
        `.sums of feature ${j} do not fit its exponent and ${m.n} samples`,
      );
    const diagonal = new Float64Array(2);
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++) {
        const at = FOLDS * productIndex(i, j, d);
        invariant(
          foldsFit(m.products, at, productTop(m.exponents[i]!, m.exponents[j]!), m.n),
          `.products of features ${i} and ${j} do not fit their exponents and ${m.n} samples`,
        );
        if (i !== j) continue;
        foldsToDoubleDouble(m.products, at, diagonal, 0);
        invariant(diagonal[0]! >= 0, `.products of feature ${i} with itself must not be negative`);
      }
  });
}

/** The check of a state's feature count: a count up to {@link MAX_FEATURE_DIM}. */
export const featureDimShape: FieldCheck = field.number({
  test: (v) => Number.isInteger(v) && v >= 0 && v <= MAX_FEATURE_DIM,
  words: `integers in [0, ${MAX_FEATURE_DIM}]`,
});
