import type { CatalogEntry } from "../../catalog/types.js";
import type { MatrixInput } from "../../core/coerce.js";
import { toMatrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import {
  accumulatorValue,
  addToAccumulator,
  type CompensatedAccumulator,
  mergeAccumulators,
  newAccumulator,
} from "../../core/sum.js";
import { assertIntegerOption, assertOneOf } from "../../core/validate.js";
import type { MetricDef } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  newScratch,
  type RankedQuery,
  type RetrievalArgs,
  type RetrievalOptions,
  type RetrievalState,
  rankQuery,
  resolveRetrievalOptions,
  retrievalDef,
} from "./grouped.js";

/** Gain of a relevance grade: `"linear"` (rel, torchmetrics and sklearn) or `"exponential"` (2^rel - 1, Burges et al. 2005). */
export type NdcgGain = "linear" | "exponential";

/** Options of {@link retrievalNdcg}. */
export interface RetrievalNdcgOptions extends RetrievalOptions {
  /** Default `"linear"`. */
  readonly gain?: NdcgGain;
}

/** Catalog entry of nDCG over grouped queries (torchmetrics form). */
export const retrievalNdcgMeta: CatalogEntry = {
  id: "retrieval/ndcg",
  title: "Normalized discounted cumulative gain (nDCG@k)",
  kind: "metric",
  tasks: ["retrieval", "rag"],
  formula:
    "\\mathrm{nDCG@}k = \\frac{\\sum_{i=1}^{k} g(rel_i)/\\log_2(i+1)}{\\sum_{i=1}^{k} g(rel^{*}_i)/\\log_2(i+1)}",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: [
    "Handles graded relevance; the ideal DCG here is over the judged documents the system scored.",
    "Ties among scores are averaged (as torchmetrics and sklearn); trec_eval breaks them by document id.",
  ],
  references: [
    { paper: "Järvelin & Kekäläinen, Cumulated gain-based evaluation of IR techniques, TOIS 2002" },
    { implementation: "torchmetrics 1.9.0 RetrievalNormalizedDCG (top_k, empty_target_action)" },
  ],
  traits: ["ranking", "graded-relevance"],
  exports: ["retrievalNdcg", "retrievalNdcgDef"],
};

/** Catalog entry of sklearn's `ndcg_score` (n x L matrices). */
export const ndcgScoreMeta: CatalogEntry = {
  id: "retrieval/ndcg_score",
  title: "nDCG@k over score matrices (scikit-learn ndcg_score)",
  kind: "metric",
  tasks: ["retrieval"],
  formula: retrievalNdcgMeta.formula,
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Rows whose true relevance is all zero score 0 and still count in the mean."],
  references: [{ implementation: "scikit-learn 1.9.1 ndcg_score (k, ignore_ties=False)" }],
  traits: ["ranking", "graded-relevance"],
  exports: ["ndcgScore", "ndcgScoreDef"],
};

const discounts: number[] = [];
/** 1 / log2(i + 2), the discount of 0-based rank i. */
function discount(i: number): number {
  while (discounts.length <= i) discounts.push(1 / Math.log2(discounts.length + 2));
  return discounts[i]!;
}

/**
 * nDCG of one ranked query: tie groups get the mean gain of the group times the sum of the
 * discounts of the positions they occupy within k (the tie-averaged DCG of McSherry & Najork
 * 2008, as torchmetrics and sklearn compute it); the ideal DCG sorts the same documents by
 * gain. 0 when the ideal DCG is 0.
 */
export function ndcgKernel(query: RankedQuery, topK: number | null, gain: NdcgGain): number {
  const n = query.end - query.start;
  const k = Math.min(topK ?? n, n);
  if (gainScratch.length < n) gainScratch = new Float64Array(Math.max(n, gainScratch.length * 2));
  const gains = gainScratch.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const rel = query.target[query.start + i]!;
    gains[i] = gain === "linear" ? rel : 2 ** rel - 1;
  }
  let dcg = 0;
  let groupStart = 0;
  for (let g = 0; g < query.groups && groupStart < k; g++) {
    const groupEnd = query.groupEnd[g]!;
    let sum = 0;
    for (let i = groupStart; i < groupEnd; i++) sum += gains[i]!;
    let discountSum = 0;
    const last = Math.min(groupEnd, k);
    for (let i = groupStart; i < last; i++) discountSum += discount(i);
    dcg += (sum / (groupEnd - groupStart)) * discountSum;
    groupStart = groupEnd;
  }
  if (dcg === 0) return 0; // also covers an ideal DCG of 0 (no gain at all)
  let ideal = 0;
  if (k * 4 < n) {
    // The k largest gains by insertion into a small descending buffer: O(n k) worst, ~O(n) typical.
    if (topScratch.length < k) topScratch = new Float64Array(k);
    let filledTop = 0;
    for (let i = 0; i < n; i++) {
      const g = gains[i]!;
      if (filledTop === k && g <= topScratch[k - 1]!) continue;
      let j = filledTop < k ? filledTop++ : k - 1;
      while (j > 0 && topScratch[j - 1]! < g) {
        topScratch[j] = topScratch[j - 1]!;
        j--;
      }
      topScratch[j] = g;
    }
    for (let i = 0; i < k; i++) ideal += topScratch[i]! * discount(i);
  } else {
    gains.sort(); // ascending: the ideal order reads it from the end
    for (let i = 0; i < k; i++) ideal += gains[n - 1 - i]! * discount(i);
  }
  return ideal === 0 ? 0 : dcg / ideal;
}

let gainScratch = new Float64Array(64);
let topScratch = new Float64Array(16);

/**
 * nDCG@k over queries grouped by `indexes`, as a MetricDef: per query
 * DCG@k / IDCG@k with DCG@k = sum_{i<=k} gain(rel_i) / log2(i + 1), the ideal DCG from the
 * same documents sorted by relevance, 0 when the ideal DCG is 0; then the mean over queries.
 * Matches torchmetrics 1.9.0 `RetrievalNormalizedDCG(top_k, empty_target_action)` with graded
 * targets and linear gain; equal scores are tie-averaged under `ties: "torchmetrics"` (as
 * torchmetrics does) and `"average"`. O(n) state; compute O(n log n) for the ideal sorts.
 */
export function retrievalNdcgDef(
  options: RetrievalNdcgOptions = {},
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalNdcg";
  const resolved = resolveRetrievalOptions(options, fn);
  const gain = assertOneOf(options.gain ?? "linear", ["linear", "exponential"] as const, fn, "gain");
  return retrievalDef(retrievalNdcgMeta, fn, resolved, (q, k) => ndcgKernel(q, k, gain), {
    graded: true,
    groupTies: resolved.ties === "average" || resolved.ties === "torchmetrics",
    extraOptions: { gain },
  });
}

/** One-shot {@link retrievalNdcgDef}. */
export function retrievalNdcg(
  indexes: ArrayLike<number>,
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  options: RetrievalNdcgOptions = {},
): number {
  return runOnce(retrievalNdcgDef(options), indexes, preds, target);
}

/** Options of {@link ndcgScore}. */
export interface NdcgScoreOptions {
  /** Only the first k positions count; absent/null: all. */
  readonly k?: number | null;
  /** sklearn `ignore_ties`: rank ties by input order instead of averaging them (sklearn then takes numpy's unstable argsort order, not reproducible). Default false. */
  readonly ignoreTies?: boolean;
}

/** State of {@link ndcgScoreDef}: the sum of per-row nDCG and the row count. */
export interface NdcgScoreState {
  sum: CompensatedAccumulator;
  rows: number;
}

/**
 * scikit-learn's `ndcg_score` as a MetricDef: `target` (true relevance, >= 0) and `preds`
 * (scores) are n x L matrices, one row per query; each row's nDCG@k (linear gain, discount
 * 1/log2(i+1), ties averaged unless `ignoreTies`, 0 for an all-zero row) is averaged over
 * rows. Matches scikit-learn 1.9.1 `ndcg_score(y_true, y_score, k=k, ignore_ties=...)` (note
 * the argument order here: preds first, as every plumbline metric). State O(1):
 * rows are complete queries. Compute O(1); update O(n L log L).
 */
export function ndcgScoreDef(
  options: NdcgScoreOptions = {},
): MetricDef<NdcgScoreState, [preds: MatrixInput, target: MatrixInput], number> {
  const fn = "ndcgScore";
  const k = options.k ?? null;
  if (k !== null) assertIntegerOption(k, 1, fn, "k");
  const ignoreTies = options.ignoreTies ?? false;
  if (typeof ignoreTies !== "boolean") {
    fail(
      "invalid_option",
      `${fn}: option \`ignoreTies\` must be a boolean, got ${describeValue(ignoreTies)}`,
    );
  }
  return {
    id: ndcgScoreMeta.id,
    meta: ndcgScoreMeta,
    options: { k, ignoreTies },
    init: () => ({ sum: newAccumulator(), rows: 0 }),
    update(state, predsIn, targetIn) {
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
          `${fn}: \`preds\` must have more than 1 document per row (nDCG is meaningless otherwise), got ${preds.cols}`,
        );
      }
      for (let i = 0; i < preds.data.length; i++) {
        if (!Number.isFinite(preds.data[i]!)) {
          fail(
            "invalid_value",
            `${fn}: \`preds\` must be finite, got ${describeValue(preds.data[i])} at index ${i}`,
          );
        }
        const t = target.data[i]!;
        if (!(Number.isFinite(t) && t >= 0)) {
          fail(
            "invalid_value",
            `${fn}: \`target\` must contain finite relevance grades >= 0, got ${describeValue(t)} at index ${i}`,
          );
        }
      }
      const L = preds.cols;
      const scratch = newScratch();
      for (let r = 0; r < preds.rows; r++) {
        rankQuery(preds.data, target.data, null, r * L, L, "torchmetrics", scratch);
        const groupEnd = scratch.groupEnd;
        let groups = 0;
        for (let j = 1; j <= L; j++) {
          if (j === L || ignoreTies || scratch.scores[j] !== scratch.scores[j - 1]) groupEnd[groups++] = j;
        }
        const query: RankedQuery = {
          scores: scratch.scores,
          target: scratch.target,
          start: 0,
          end: L,
          groupEnd,
          groups,
        };
        addToAccumulator(state.sum, ndcgKernel(query, k, "linear"));
        state.rows++;
      }
    },
    merge: (a, b) => ({ sum: mergeAccumulators(a.sum, b.sum), rows: a.rows + b.rows }),
    compute(state) {
      if (state.rows === 0) fail("empty_input", `${fn}: no rows were given (call update first)`);
      return accumulatorValue(state.sum) / state.rows;
    },
  };
}

/** One-shot {@link ndcgScoreDef}: `ndcgScore(preds, target, { k })` = sklearn `ndcg_score(target, preds, k=k)`. */
export function ndcgScore(preds: MatrixInput, target: MatrixInput, options: NdcgScoreOptions = {}): number {
  return runOnce(ndcgScoreDef(options), preds, target);
}
