import { optionNames, optOneOf } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  type RankedQuery,
  RETRIEVAL_OPTIONS,
  type RetrievalArgs,
  type RetrievalOptions,
  type RetrievalState,
  readRetrievalOptions,
  retrievalDef,
  type Scores,
  type Targets,
} from "./grouped.js";

/** Gain of a relevance grade: `"linear"` (rel, torchmetrics and sklearn) or `"exponential"` (2^rel - 1, Burges et al. 2005). */
export type NdcgGain = "linear" | "exponential";

/** Options of {@link retrievalNdcg}. */
export interface RetrievalNdcgOptions extends RetrievalOptions {
  /** Default `"linear"`. */
  readonly gain?: NdcgGain;
}

const NAMES = optionNames<RetrievalNdcgOptions>()(...RETRIEVAL_OPTIONS, "gain");

export const retrievalNdcgMeta: MetricMeta = {
  id: "retrieval/ndcg",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
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

/** Up to this k, nDCG@k's direct kernel takes any query of more than k documents. */
const DIRECT_MAX_K = 64;
let gainScratch = new Float64Array(64);
let topScratch = new Float64Array(16);
let topScores = new Float64Array(16);
let topGains = new Float64Array(16);

/**
 * nDCG@k of one query without ranking it, for tie-averaged DCG (`"torchmetrics"`, `"average"`),
 * when the query has more than k documents and k is at most 64 or small next to the query
 * (4k < m); otherwise undefined: the query is ranked. The k highest scores are kept by insertion
 * (expected O(m + k log m) for random order, at most k moves per document); T, the k-th
 * highest, splits the documents: those above T (fewer than k) are grouped by equal score as in
 * {@link ndcgKernel}, and the tie group at T gets its mean gain over the positions it holds up to
 * k. The ideal DCG takes the k largest gains. Equals {@link ndcgKernel} on the ranked query (up
 * to the order of additions within a tie group).
 */
export function ndcgDirect(
  preds: Scores,
  target: Targets,
  from: number,
  m: number,
  topK: number | null,
  exponential: boolean,
): number | undefined {
  // Insertion costs at most k moves per document: a small k (<= 64) or one small next to m.
  if (topK === null || topK >= m || (topK > DIRECT_MAX_K && topK * 4 >= m)) return undefined;
  const k = topK;
  if (topScores.length < k) {
    topScores = new Float64Array(k);
    topGains = new Float64Array(k);
    topScratch = new Float64Array(Math.max(k, topScratch.length));
  }
  const end = from + m;
  let filledTop = 0;
  let filledIdeal = 0;
  // Whether a document left out of the top k may score the final cut: one turned away at a
  // score equal to the k-th, or dropped while the k-th stayed at its score. Otherwise the tie
  // group at the cut is all in the top k and the documents need not be scanned again.
  let cutMayTie = false;
  for (let d = from; d < end; d++) {
    const s = preds[d]!;
    const g = exponential ? 2 ** target[d]! - 1 : target[d]!;
    if (filledTop < k || s > topScores[k - 1]!) {
      const full = filledTop === k;
      const dropped = topScores[k - 1]!;
      let i = full ? k - 1 : filledTop++;
      while (i > 0 && topScores[i - 1]! < s) {
        topScores[i] = topScores[i - 1]!;
        topGains[i] = topGains[i - 1]!;
        i--;
      }
      topScores[i] = s;
      topGains[i] = g;
      if (full && topScores[k - 1] === dropped) cutMayTie = true;
    } else if (!cutMayTie && s === topScores[k - 1]) cutMayTie = true;
    // only positive gains compete for the ideal order (zeros add nothing to the ideal DCG)
    if (filledIdeal < k ? g > 0 : g > topScratch[k - 1]!) {
      let i = filledIdeal < k ? filledIdeal++ : k - 1;
      while (i > 0 && topScratch[i - 1]! < g) {
        topScratch[i] = topScratch[i - 1]!;
        i--;
      }
      topScratch[i] = g;
    }
  }
  const cut = topScores[k - 1]!;
  let dcg = 0;
  let i = 0;
  while (i < k && topScores[i]! > cut) {
    let j = i + 1;
    let sum = topGains[i]!;
    while (j < k && topScores[j] === topScores[i]) sum += topGains[j++]!;
    let discountSum = 0;
    for (let p = i; p < j; p++) discountSum += discount(p);
    dcg += (sum / (j - i)) * discountSum;
    i = j;
  }
  // The tie group at the cut: every document scoring `cut`, holding positions i.. of which those before k count.
  let tieGain = 0;
  let tieSize = 0;
  if (cutMayTie) {
    for (let d = from; d < end; d++) {
      if (preds[d] === cut) {
        tieGain += exponential ? 2 ** target[d]! - 1 : target[d]!;
        tieSize++;
      }
    }
  } else {
    // the same documents in the same (input) order as the scan would add them
    for (let p = i; p < k; p++) {
      tieGain += topGains[p]!;
      tieSize++;
    }
  }
  let discountSum = 0;
  for (let p = i; p < k; p++) discountSum += discount(p);
  dcg += (tieGain / tieSize) * discountSum;
  if (dcg === 0) return 0;
  let ideal = 0;
  for (let p = 0; p < filledIdeal; p++) ideal += topScratch[p]! * discount(p);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * nDCG@k over queries grouped by `indexes`, as a MetricDef: per query
 * DCG@k / IDCG@k with DCG@k = sum_{i<=k} gain(rel_i) / log2(i + 1), the ideal DCG from the
 * same documents sorted by relevance, 0 when the ideal DCG is 0; then the mean over queries.
 * Matches torchmetrics 1.9.0 `RetrievalNormalizedDCG(top_k, empty_target_action)` with graded
 * targets (non-negative integers) and linear gain; equal scores are tie-averaged under `ties: "torchmetrics"` (as
 * torchmetrics does) and `"average"`. O(n) state; compute O(n log n) for the ideal sorts.
 * Merged results do not depend on the split or merge order: each query is scored from all its
 * documents, tie groups sum integer gains (exact below 2^53: any linear gain, exponential gains of
 * grades up to 52) and the mean over queries runs in query-id order.
 */
export function retrievalNdcgDef(
  options?: RetrievalNdcgOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalNdcg";
  const { resolved, record } = readRetrievalOptions<RetrievalNdcgOptions>(fn, options, NAMES);
  const gain = optOneOf(fn, "gain", record.gain, ["linear", "exponential"], "linear");
  const averaged = resolved.ties === "average" || resolved.ties === "torchmetrics";
  return retrievalDef(retrievalNdcgMeta, fn, resolved, (q, k) => ndcgKernel(q, k, gain), {
    graded: true,
    groupTies: averaged,
    extraOptions: { gain },
    ...(averaged
      ? {
          direct: (preds: Scores, target: Targets, from: number, m: number, k: number | null) =>
            ndcgDirect(preds, target, from, m, k, gain === "exponential"),
        }
      : {}),
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
