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
import { directFromRanks, relevantRank } from "./relevant-ranks.js";

export const retrievalHitRateMeta: MetricMeta = {
  id: "retrieval/hit_rate_at_k",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** 1 if a relevant document is within the first k; with tie groups, the probability of it. */
export function hitRateKernel(query: RankedQuery, topK: number | null): number {
  const n = query.end - query.start;
  const k = Math.min(topK ?? n, n);
  let groupStart = 0;
  for (let g = 0; g < query.groups && groupStart < k; g++) {
    const groupEnd = query.groupEnd[g]!;
    let r = 0;
    for (let i = groupStart; i < groupEnd; i++) r += query.target[query.start + i]!;
    if (r > 0) {
      const inside = Math.min(groupEnd, k) - groupStart;
      return inside === groupEnd - groupStart ? 1 : 1 - hypergeometric(groupEnd - groupStart, r, inside, 0);
    }
    groupStart = groupEnd;
  }
  return 0;
}

/**
 * Hit rate@k as a MetricDef: the fraction of queries with at least one relevant document among
 * the first `topK`. Matches torchmetrics 1.9.0 `RetrievalHitRate(top_k, empty_target_action)`
 * (no score filter). O(n) state.
 */
export function retrievalHitRateDef(
  options?: RetrievalOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalHitRate";
  const { resolved } = readRetrievalOptions(fn, options, RETRIEVAL_OPTIONS);
  if (resolved.ties !== "torchmetrics")
    return retrievalDef(retrievalHitRateMeta, fn, resolved, hitRateKernel);
  // ties in input order: 1 when the first relevant document (any score) ranks within topK
  const direct = directFromRanks(true, (r, m, topK) => (r > 0 && relevantRank(0) <= (topK ?? m) ? 1 : 0));
  return retrievalDef(retrievalHitRateMeta, fn, resolved, hitRateKernel, { direct });
}

/** One-shot {@link retrievalHitRateDef}: `retrievalHitRate(preds, target, indexes, options)`. */
export function retrievalHitRate(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalOptions,
): number {
  return runOnce(retrievalHitRateDef(options), preds, target, indexes);
}
