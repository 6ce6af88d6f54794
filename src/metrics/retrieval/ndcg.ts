import type { CatalogEntry } from "../../catalog/types.js";
import { optionNames, optOneOf } from "../../core/options.js";
import type { MetricDef } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  type RankedQuery,
  RETRIEVAL_OPTIONS,
  type RetrievalArgs,
  type RetrievalOptions,
  type RetrievalState,
  readRetrievalOptions,
  retrievalDef,
} from "./grouped.js";

/** Gain of a relevance grade: `"linear"` (rel, torchmetrics and sklearn) or `"exponential"` (2^rel - 1, Burges et al. 2005). */
export type NdcgGain = "linear" | "exponential";

/** Options of {@link retrievalNdcg}. */
export interface RetrievalNdcgOptions extends RetrievalOptions {
  /** Default `"linear"`. */
  readonly gain?: NdcgGain;
}

const NAMES = optionNames<RetrievalNdcgOptions>()(...RETRIEVAL_OPTIONS, "gain");

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
 * targets (non-negative integers) and linear gain; equal scores are tie-averaged under `ties: "torchmetrics"` (as
 * torchmetrics does) and `"average"`. O(n) state; compute O(n log n) for the ideal sorts.
 */
export function retrievalNdcgDef(
  options?: RetrievalNdcgOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalNdcg";
  const { resolved, record } = readRetrievalOptions<RetrievalNdcgOptions>(fn, options, NAMES);
  const gain = optOneOf(fn, "gain", record.gain, ["linear", "exponential"], "linear");
  return retrievalDef(retrievalNdcgMeta, fn, resolved, (q, k) => ndcgKernel(q, k, gain), {
    graded: true,
    groupTies: resolved.ties === "average" || resolved.ties === "torchmetrics",
    extraOptions: { gain },
  });
}

/** One-shot {@link retrievalNdcgDef}: `retrievalNdcg(preds, target, indexes, options)`. */
export function retrievalNdcg(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalNdcgOptions,
): number {
  return runOnce(retrievalNdcgDef(options), preds, target, indexes);
}
