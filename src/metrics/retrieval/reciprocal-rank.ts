import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  binaryGain,
  binaryRetrievalDefinition,
  RETRIEVAL_MAP_OPTIONS,
  type RetrievalMapOptions,
} from "./average-precision.js";
import type { RankedQuery, RetrievalArgs, RetrievalState } from "./grouped.js";
import { relevantRank } from "./relevant-ranks.js";

/** Options of {@link retrievalMrr} (same as MAP's, including `nonPositiveScores`). */
export type RetrievalMrrOptions = RetrievalMapOptions;

export const retrievalMrrMeta: MetricMeta = {
  id: "retrieval/mrr",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * Reciprocal rank of one ranked query: 1 / (rank of the first relevant document within k),
 * 0 if none. With tie groups, the expectation over orders of the first group holding a
 * relevant document: P(first relevant at offset j) = C(n-1-j, r-1) / C(n, r).
 */
export function reciprocalRankKernel(
  query: RankedQuery,
  topK: number | null,
  nonPositive: RetrievalMrrOptions["nonPositiveScores"] & string,
): number {
  const n = query.end - query.start;
  const k = Math.min(topK ?? n, n);
  let groupStart = 0;
  for (let g = 0; g < query.groups && groupStart < k; g++) {
    const groupEnd = query.groupEnd[g]!;
    const size = groupEnd - groupStart;
    let r = 0;
    for (let i = groupStart; i < groupEnd; i++) r += binaryGain(query, query.start + i, nonPositive);
    if (r > 0) {
      let expected = 0;
      let p = r / size;
      const last = Math.min(size - r, k - groupStart - 1);
      for (let j = 0; j <= last; j++) {
        expected += p / (groupStart + 1 + j);
        p *= (size - j - r) / (size - 1 - j);
      }
      return expected;
    }
    groupStart = groupEnd;
  }
  return 0;
}

/**
 * Mean reciprocal rank as a MetricDef: per query 1 / rank of the first relevant document
 * within `topK` (0 if none), averaged over queries. Matches torchmetrics 1.9.0
 * `RetrievalMRR(top_k, empty_target_action)`, including its rule that a document with score
 * <= 0 counts as non-relevant (`nonPositiveScores`). O(n) state.
 */
export function retrievalMrrDef(
  options?: RetrievalMrrOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  return binaryRetrievalDefinition(
    retrievalMrrMeta,
    "retrievalMrr",
    options,
    RETRIEVAL_MAP_OPTIONS,
    reciprocalRankKernel,
    undefined,
    // 1 / the first relevant document's rank when it is within topK
    (r, m, topK) => (r > 0 && relevantRank(0) <= (topK ?? m) ? 1 / relevantRank(0) : 0),
  );
}

/** One-shot {@link retrievalMrrDef}: `retrievalMrr(preds, target, indexes, options)`. */
export function retrievalMrr(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalMrrOptions,
): number {
  return runOnce(retrievalMrrDef(options), preds, target, indexes);
}
