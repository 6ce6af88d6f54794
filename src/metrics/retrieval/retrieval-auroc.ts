import { optionNames, optNumber } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  hypergeometric,
  type RankedQuery,
  RETRIEVAL_OPTIONS,
  type RetrievalArgs,
  type RetrievalOptions,
  type RetrievalState,
  readRetrievalOptions,
  retrievalDef,
} from "./grouped.js";

export const retrievalAurocMeta: MetricMeta = {
  id: "retrieval/auroc",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * AUROC of the first k ranked documents of one query, as the trapezoid area under the ROC
 * curve whose points are the tie groups (equal scores: one threshold, half credit, as
 * torchmetrics' binary_auroc; `splitTies` makes every ranked document its own threshold, which
 * gives the optimistic or pessimistic credit once ties are ordered by gain). With `maxFpr` in
 * (0, 1): the area up to that false-positive rate, the curve interpolated linearly at it, then
 * McClish-standardised, 0.5 * (1 + (A - maxFpr^2/2) / (maxFpr - maxFpr^2/2)) (torchmetrics and
 * sklearn). 0 when the top k hold only one class (torchmetrics). With `averageCut` (ties
 * "average"), a tie group cut by k is averaged over which of its documents fall inside (a
 * hypergeometric mixture over its relevant count); otherwise input order picks them.
 */
export function aurocKernel(
  query: RankedQuery,
  topK: number | null,
  splitTies: boolean,
  maxFpr: number | null,
  averageCut = false,
): number {
  const n = query.end - query.start;
  const k = Math.min(topK ?? n, n);
  // Threshold groups within the first k: counts of relevant and non-relevant documents.
  const pos: number[] = [];
  const neg: number[] = [];
  let i = query.start;
  const end = query.start + k;
  while (i < end) {
    let j = i;
    let p = 0;
    do p += query.target[j++]!;
    while (!splitTies && j < end && query.scores[j] === query.scores[i]);
    pos.push(p);
    neg.push(j - i - p);
    i = j;
  }
  const limit = maxFpr !== null && maxFpr < 1 ? maxFpr : 1;
  // A tie group cut by k under "average": the expectation over which of its documents fall inside.
  if (averageCut && !splitTies && end < query.end && query.scores[end] === query.scores[end - 1]) {
    let groupStart = end - 1;
    while (groupStart > query.start && query.scores[groupStart - 1] === query.scores[end - 1]) groupStart--;
    let groupEnd = end;
    while (groupEnd < query.end && query.scores[groupEnd] === query.scores[end - 1]) groupEnd++;
    let relevant = 0;
    for (let d = groupStart; d < groupEnd; d++) relevant += query.target[d]!;
    const size = groupEnd - groupStart;
    const inside = end - groupStart;
    let expected = 0;
    for (let m = Math.max(0, inside - (size - relevant)); m <= Math.min(relevant, inside); m++) {
      pos[pos.length - 1] = m;
      neg[neg.length - 1] = inside - m;
      expected += hypergeometric(size, relevant, inside, m) * areaOfGroups(pos, neg, limit);
    }
    return expected;
  }
  return areaOfGroups(pos, neg, limit);
}

/** ROC trapezoid area over threshold groups, partial up to `limit` with McClish standardisation; 0 with one class. */
function areaOfGroups(pos: readonly number[], neg: readonly number[], limit: number): number {
  let positives = 0;
  let negatives = 0;
  for (let g = 0; g < pos.length; g++) {
    positives += pos[g]!;
    negatives += neg[g]!;
  }
  if (positives === 0 || negatives === 0) return 0;
  let area = 0;
  let fpr = 0;
  let tpr = 0;
  for (let g = 0; g < pos.length; g++) {
    const nextFpr = fpr + neg[g]! / negatives;
    const nextTpr = tpr + pos[g]! / positives;
    if (nextFpr > limit) {
      const weight = (limit - fpr) / (nextFpr - fpr);
      area += ((limit - fpr) * (tpr + tpr + weight * (nextTpr - tpr))) / 2;
      break;
    }
    area += ((nextFpr - fpr) * (tpr + nextTpr)) / 2;
    fpr = nextFpr;
    tpr = nextTpr;
  }
  if (limit === 1) return area;
  const minArea = (limit * limit) / 2;
  return 0.5 * (1 + (area - minArea) / (limit - minArea));
}

/** Options of {@link retrievalAuroc}. */
export interface RetrievalAurocOptions extends RetrievalOptions {
  /** torchmetrics `max_fpr`: McClish-standardised partial AUC up to this false-positive rate, in (0, 1]. */
  readonly maxFpr?: number | null;
}

const NAMES = optionNames<RetrievalAurocOptions>()(...RETRIEVAL_OPTIONS, "maxFpr");

/**
 * Per-query AUROC over queries grouped by `indexes`, as a MetricDef: each query's AUROC over
 * its first `topK` documents, averaged. Matches torchmetrics 1.9.0 `RetrievalAUROC(top_k,
 * max_fpr, empty_target_action)`. Ties in score earn 1/2 (`"torchmetrics"`, `"average"`),
 * 1 (`"optimistic"`) or 0 (`"pessimistic"`). O(n) state.
 */
export function retrievalAurocDef(
  options?: RetrievalAurocOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalAuroc";
  const { resolved, record } = readRetrievalOptions<RetrievalAurocOptions>(fn, options, NAMES);
  const maxFpr =
    record.maxFpr === null || record.maxFpr === undefined
      ? null
      : optNumber(fn, "maxFpr", record.maxFpr, 1, { min: 0, minExclusive: true, max: 1 });
  const splitTies = resolved.ties === "optimistic" || resolved.ties === "pessimistic";
  return retrievalDef(
    retrievalAurocMeta,
    fn,
    resolved,
    (q, k) => aurocKernel(q, k, splitTies, maxFpr, resolved.ties === "average"),
    {
      groupTies: false,
      extraOptions: { maxFpr },
    },
  );
}

/** One-shot {@link retrievalAurocDef}: `retrievalAuroc(preds, target, indexes, options)`. */
export function retrievalAuroc(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalAurocOptions,
): number {
  return runOnce(retrievalAurocDef(options), preds, target, indexes);
}
