import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  expectedGainAtK,
  noIrrelevant,
  RETRIEVAL_OPTIONS,
  type RetrievalArgs,
  type RetrievalOptions,
  type RetrievalState,
  readRetrievalOptions,
  relevantCount,
  retrievalDef,
} from "./grouped.js";

export const retrievalFallOutMeta: MetricMeta = {
  id: "retrieval/fall_out_at_k",
  range: [0, 1],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * Fall-out@k as a MetricDef: per query, non-relevant documents among the first `topK` divided
 * by all the query's non-relevant documents, averaged over queries. Lower is better. Matches
 * torchmetrics 1.9.0 `RetrievalFallOut(top_k, empty_target_action)`; as there, the "empty"
 * queries are those with no non-relevant document and the default `emptyTargetAction` is
 * `"pos"` (1). O(n) state.
 */
export function retrievalFallOutDef(
  options?: RetrievalOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalFallOut";
  const { resolved } = readRetrievalOptions(fn, options, RETRIEVAL_OPTIONS, { emptyDefault: "pos" });
  return retrievalDef(
    retrievalFallOutMeta,
    fn,
    resolved,
    (q, topK) => {
      const n = q.end - q.start;
      return expectedGainAtK(q, Math.min(topK ?? n, n), (i) => 1 - q.target[i]!) / (n - relevantCount(q));
    },
    { isEmpty: noIrrelevant },
  );
}

/** One-shot {@link retrievalFallOutDef}: `retrievalFallOut(preds, target, indexes, options)`. */
export function retrievalFallOut(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalOptions,
): number {
  return runOnce(retrievalFallOutDef(options), preds, target, indexes);
}
