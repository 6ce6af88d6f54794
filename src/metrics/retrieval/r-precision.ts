import { optionNames } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  expectedGainAtK,
  type RetrievalArgs,
  type RetrievalOptions,
  type RetrievalState,
  readRetrievalOptions,
  relevantCount,
  retrievalDef,
} from "./grouped.js";

/** Options of {@link retrievalRPrecision} (no `topK`: the cut-off is the query's relevant count). */
export type RetrievalRPrecisionOptions = Omit<RetrievalOptions, "topK">;

const NAMES = optionNames<RetrievalRPrecisionOptions>()(
  "emptyTargetAction",
  "ties",
  "ignoreIndex",
  "aggregation",
);

export const retrievalRPrecisionMeta: MetricMeta = {
  id: "retrieval/r_precision",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * R-precision as a MetricDef: per query with R relevant documents, the relevant documents
 * among the first R divided by R, averaged over queries. Matches torchmetrics 1.9.0
 * `RetrievalRPrecision(empty_target_action)` (no score filter). O(n) state.
 */
export function retrievalRPrecisionDef(
  options?: RetrievalRPrecisionOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalRPrecision";
  const { resolved } = readRetrievalOptions(fn, options, NAMES, { allowTopK: false });
  return retrievalDef(
    retrievalRPrecisionMeta,
    fn,
    resolved,
    (q) => {
      const relevant = relevantCount(q);
      return expectedGainAtK(q, relevant, (i) => q.target[i]!) / relevant;
    },
    { allowTopK: false },
  );
}

/** One-shot {@link retrievalRPrecisionDef}: `retrievalRPrecision(preds, target, indexes, options)`. */
export function retrievalRPrecision(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalRPrecisionOptions,
): number {
  return runOnce(retrievalRPrecisionDef(options), preds, target, indexes);
}
