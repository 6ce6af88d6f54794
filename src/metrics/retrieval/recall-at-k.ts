import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  binaryGain,
  binaryRetrievalDefinition,
  RETRIEVAL_MAP_OPTIONS,
  type RetrievalMapOptions,
} from "./average-precision.js";
import { expectedGainAtK, type RetrievalArgs, type RetrievalState, relevantCount } from "./grouped.js";
import { relevantWithin } from "./relevant-ranks.js";

/** Options of {@link retrievalRecall}. */
export type RetrievalRecallOptions = RetrievalMapOptions;

export const retrievalRecallMeta: MetricMeta = {
  id: "retrieval/recall_at_k",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * Recall@k as a MetricDef: per query, relevant documents among the first `topK` divided by all
 * the query's relevant documents, averaged over queries. Matches torchmetrics 1.9.0
 * `RetrievalRecall(top_k, empty_target_action)`: a document with score <= 0 is not counted in
 * the numerator (`nonPositiveScores`), but is in the denominator. O(n) state.
 */
export function retrievalRecallDef(
  options?: RetrievalRecallOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  return binaryRetrievalDefinition(
    retrievalRecallMeta,
    "retrievalRecall",
    options,
    RETRIEVAL_MAP_OPTIONS,
    (q, topK, nonPositive) => {
      const n = q.end - q.start;
      return (
        expectedGainAtK(q, Math.min(topK ?? n, n), (i) => binaryGain(q, i, nonPositive)) / relevantCount(q)
      );
    },
    undefined,
    // the relevant documents ranked within k, over all relevant ones (whatever their score)
    (r, m, topK, target, from) => {
      let relevant = 0;
      for (let d = from; d < from + m; d++) relevant += target[d]!;
      return relevantWithin(r, Math.min(topK ?? m, m)) / relevant;
    },
  );
}

/** One-shot {@link retrievalRecallDef}: `retrievalRecall(preds, target, indexes, options)`. */
export function retrievalRecall(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalRecallOptions,
): number {
  return runOnce(retrievalRecallDef(options), preds, target, indexes);
}
