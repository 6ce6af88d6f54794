import { type MatrixInput, toFloat64, toMatrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { addExactSums, ExactSum, exactSums, exactSumsShape, exactToNumber } from "../../core/exact-sum.js";
import { optBoolean, optInteger, optionNames, optNumber, readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import { newScratch, rankQuery, type Scratch } from "./grouped.js";

export const ndcgScoreMeta: MetricMeta = {
  id: "retrieval/ndcg_score",
  range: [0, 1],
  direction: "higher",
  conventions: ["scikit-learn-1.2.1"],
};

export const dcgScoreMeta: MetricMeta = {
  id: "retrieval/dcg_score",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "higher",
  conventions: ["scikit-learn-1.2.1"],
};

/** Options of {@link ndcgScore}. */
export interface NdcgScoreOptions {
  /** Only the first k positions count; absent/null: all. */
  readonly k?: number | null;
  /** sklearn `ignore_ties`: rank equal scores in input order instead of averaging them. Default false. */
  readonly ignoreTies?: boolean;
}
/** Options of {@link dcgScore}. */
export interface DcgScoreOptions extends NdcgScoreOptions {
  /** Base of the logarithm of the discount (sklearn `log_base`, default 2). */
  readonly logBase?: number;
}
const NDCG_NAMES = optionNames<NdcgScoreOptions>()("k", "ignoreTies");
const DCG_NAMES = optionNames<DcgScoreOptions>()("k", "ignoreTies", "logBase");

/**
 * State of {@link dcgScoreDef} and {@link ndcgScoreDef}: the exact sums (`core/exact-sum.ts`
 * limbs) of the weighted row values and of the weights, and the number of rows.
 */
export interface DcgScoreState {
  sum: Float64Array;
  weight: Float64Array;
  rows: number;
}

/** Arguments of `update`: score and relevance matrices, and optionally one weight per row. */
export type DcgScoreArgs = [preds: MatrixInput, target: MatrixInput, sampleWeight?: ArrayLike<number>];

/** sklearn's discounts 1 / (log(i + 2) / log(base)) for ranks 0..L-1, zero from rank k on. */
function discountsOf(L: number, k: number | null, logBase: number): Float64Array {
  const out = new Float64Array(L);
  const lb = Math.log(logBase);
  for (let i = 0; i < L && (k === null || i < k); i++) out[i] = 1 / (Math.log(i + 2) / lb);
  return out;
}

/**
 * The DCG of one ranked row (`scratch.scores/target[0..L)`, score descending, ties in input
 * order): the gains of each tie group averaged over the group times the group's discounts
 * (sklearn `_tie_averaged_dcg`), or position by position with `ignoreTies`.
 */
function rankedDcg(scratch: Scratch, L: number, discounts: Float64Array, ignoreTies: boolean): number {
  let dcg = 0;
  let i = 0;
  while (i < L) {
    let j = i + 1;
    if (!ignoreTies) while (j < L && scratch.scores[j] === scratch.scores[i]) j++;
    let gain = 0;
    let discount = 0;
    for (let r = i; r < j; r++) {
      gain += scratch.target[r]!;
      discount += discounts[r]!;
    }
    dcg += (gain / (j - i)) * discount;
    i = j;
  }
  return dcg;
}

/** The DCG of the ideal order of a row's gains (sorted descending). */
function idealDcg(
  target: Float64Array,
  from: number,
  L: number,
  discounts: Float64Array,
  sorted: Float64Array,
): number {
  for (let i = 0; i < L; i++) sorted[i] = target[from + i]!;
  const row = sorted.subarray(0, L).sort();
  let dcg = 0;
  for (let i = 0; i < L; i++) dcg += row[L - 1 - i]! * discounts[i]!;
  return dcg;
}

function sklearnDcgDef(
  meta: MetricMeta,
  fn: string,
  k: number | null,
  logBase: number,
  ignoreTies: boolean,
  normalized: boolean,
  options: Record<string, unknown>,
): MetricDef<DcgScoreState, DcgScoreArgs, number> {
  return {
    id: meta.id,
    meta,
    options,
    init: () => ({ sum: exactSums(1), weight: exactSums(1), rows: 0 }),
    update(state, predsIn, targetIn, sampleWeightIn) {
      const preds = toMatrix(predsIn, fn, "preds");
      const target = toMatrix(targetIn, fn, "target");
      if (preds.rows !== target.rows || preds.cols !== target.cols) {
        fail(
          "shape_mismatch",
          `${fn}: \`preds\` and \`target\` must have the same shape, got ${preds.rows} x ${preds.cols} and ${target.rows} x ${target.cols}`,
        );
      }
      if (preds.rows > 0 && preds.cols < 2) {
        fail(
          "invalid_value",
          `${fn}: \`target\` must have at least 2 documents per row (sklearn's multilabel or multioutput formats), got ${preds.cols}`,
        );
      }
      for (let i = 0; i < preds.data.length; i++) {
        if (!Number.isFinite(preds.data[i]!))
          fail(
            "invalid_value",
            `${fn}: \`preds\` must be finite, got ${describeValue(preds.data[i])} at index ${i}`,
          );
        const t = target.data[i]!;
        if (!Number.isFinite(t) || (normalized && t < 0))
          fail(
            "invalid_value",
            `${fn}: \`target\` must contain finite${normalized ? " non-negative" : ""} relevance values, got ${describeValue(t)} at index ${i}`,
          );
      }
      let weights: Float64Array | undefined;
      if (sampleWeightIn !== undefined) {
        weights = toFloat64(sampleWeightIn, fn, "sampleWeight");
        if (weights.length !== preds.rows)
          fail(
            "shape_mismatch",
            `${fn}: \`sampleWeight\` must have one weight per row (${preds.rows}), got ${weights.length}`,
          );
        const bad = weights.findIndex((w) => !Number.isFinite(w));
        if (bad >= 0)
          fail(
            "invalid_value",
            `${fn}: \`sampleWeight\` must be finite, got ${describeValue(weights[bad])} at index ${bad}`,
          );
      }
      const L = preds.cols;
      const discounts = discountsOf(L, k, logBase);
      const scratch = newScratch();
      const sorted = new Float64Array(L);
      // Work on copies, so a batch rejected half-way leaves the state as it was.
      const sumLimbs = state.sum.slice();
      const weightLimbs = state.weight.slice();
      const sum = new ExactSum(sumLimbs);
      const weight = new ExactSum(weightLimbs);
      for (let r = 0; r < preds.rows; r++) {
        rankQuery(preds.data, target.data, r * L, L, "torchmetrics", scratch);
        let value = rankedDcg(scratch, L, discounts, ignoreTies);
        if (normalized) {
          const ideal = idealDcg(target.data, r * L, L, discounts, sorted);
          value = ideal === 0 ? 0 : value / ideal;
        }
        if (!Number.isFinite(value))
          fail(
            "invalid_value",
            `${fn}: the DCG of row ${r} is ${value}: \`target\` relevance values too large for float64`,
          );
        const w = weights ? weights[r]! : 1;
        // The product as numpy rounds it, or exactly where float64 cannot hold it.
        const term = value * w;
        if (Number.isFinite(term)) sum.add(term);
        else sum.addProduct(value, w);
        weight.add(w);
      }
      sum.finish();
      weight.finish();
      state.sum = sumLimbs;
      state.weight = weightLimbs;
      state.rows += preds.rows;
    },
    merge: (a, b) => ({
      sum: addExactSums(a.sum, b.sum),
      weight: addExactSums(a.weight, b.weight),
      rows: a.rows + b.rows,
    }),
    compute(state) {
      if (state.rows === 0) fail("empty_input", `${fn}: no rows were given (call update first)`);
      const weight = exactToNumber(state.weight);
      if (weight === 0)
        fail(
          "invalid_value",
          `${fn}: \`sampleWeight\` sums to zero, so the weighted mean is undefined (numpy raises)`,
        );
      return exactToNumber(state.sum) / weight;
    },
    validateState(state): asserts state is DcgScoreState {
      checkState(meta.id, state, { sum: exactSumsShape(1), weight: exactSumsShape(1), rows: field.count() });
    },
  };
}

function readK(fn: string, k: unknown): number | null {
  return k === null || k === undefined ? null : optInteger(fn, "k", k, 1, { min: 1, max: 2 ** 31 - 1 });
}

/** scikit-learn's `ndcg_score` as a MetricDef (see the module comment). */
export function ndcgScoreDef(options?: NdcgScoreOptions): MetricDef<DcgScoreState, DcgScoreArgs, number> {
  const fn = "ndcgScore";
  const o = readOptions<NdcgScoreOptions>(fn, options, NDCG_NAMES);
  const k = readK(fn, o.k);
  const ignoreTies = optBoolean(fn, "ignoreTies", o.ignoreTies, false);
  return sklearnDcgDef(ndcgScoreMeta, fn, k, 2, ignoreTies, true, { k, ignoreTies });
}

/** `(preds, target[, sampleWeight], options)`: an array-like third argument is the weights. */
function weightsAndOptions<O>(
  third: unknown,
  fourth: unknown,
): [ArrayLike<number> | undefined, O | undefined] {
  const arrayLike =
    Array.isArray(third) ||
    ArrayBuffer.isView(third) ||
    (typeof third === "object" &&
      third !== null &&
      typeof (third as { dataSync?: unknown }).dataSync === "function");
  return arrayLike
    ? [third as ArrayLike<number>, fourth as O | undefined]
    : [undefined, third as O | undefined];
}

/**
 * One-shot {@link ndcgScoreDef}: `ndcgScore(preds, target[, sampleWeight], options)` equals
 * sklearn `ndcg_score(target, preds, k=k, sample_weight=sampleWeight)`.
 */
export function ndcgScore(preds: MatrixInput, target: MatrixInput, options?: NdcgScoreOptions): number;
export function ndcgScore(
  preds: MatrixInput,
  target: MatrixInput,
  sampleWeight: ArrayLike<number>,
  options?: NdcgScoreOptions,
): number;
export function ndcgScore(
  preds: MatrixInput,
  target: MatrixInput,
  third?: unknown,
  fourth?: unknown,
): number {
  const [weights, options] = weightsAndOptions<NdcgScoreOptions>(third, fourth);
  return runOnce(ndcgScoreDef(options), preds, target, weights);
}

/** scikit-learn's `dcg_score` as a MetricDef (see the module comment). */
export function dcgScoreDef(options?: DcgScoreOptions): MetricDef<DcgScoreState, DcgScoreArgs, number> {
  const fn = "dcgScore";
  const o = readOptions<DcgScoreOptions>(fn, options, DCG_NAMES);
  const k = readK(fn, o.k);
  const ignoreTies = optBoolean(fn, "ignoreTies", o.ignoreTies, false);
  const logBase = optNumber(fn, "logBase", o.logBase, 2, { min: 0, minExclusive: true });
  if (logBase === 1)
    fail("invalid_option", `${fn}: option \`logBase\` must not be 1 (log 1 = 0 divides by zero), got 1`);
  return sklearnDcgDef(dcgScoreMeta, fn, k, logBase, ignoreTies, false, { k, ignoreTies, logBase });
}

/**
 * One-shot {@link dcgScoreDef}: `dcgScore(preds, target[, sampleWeight], options)` equals sklearn
 * `dcg_score(target, preds, k=k, log_base=logBase, sample_weight=sampleWeight)`.
 *
 * @example
 * // sklearn's doctest: gains [10, 0, 0, 1, 5] ranked by [.1, .2, .3, 4, 70]
 * dcgScore([[0.1, 0.2, 0.3, 4, 70]], [[10, 0, 0, 1, 5]]); // 9.4995... (5/1 + 1/log2(3) + 0 + 0 + 10/log2(6))
 */
export function dcgScore(preds: MatrixInput, target: MatrixInput, options?: DcgScoreOptions): number;
export function dcgScore(
  preds: MatrixInput,
  target: MatrixInput,
  sampleWeight: ArrayLike<number>,
  options?: DcgScoreOptions,
): number;
export function dcgScore(preds: MatrixInput, target: MatrixInput, third?: unknown, fourth?: unknown): number {
  const [weights, options] = weightsAndOptions<DcgScoreOptions>(third, fourth);
  return runOnce(dcgScoreDef(options), preds, target, weights);
}
