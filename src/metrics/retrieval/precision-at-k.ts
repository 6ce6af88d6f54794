import { optBoolean, optionNames } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  binaryGain,
  binaryRetrievalDefinition,
  RETRIEVAL_MAP_OPTIONS,
  type RetrievalMapOptions,
} from "./average-precision.js";
import { expectedGainAtK, type RetrievalArgs, type RetrievalState } from "./grouped.js";
import { relevantWithin } from "./relevant-ranks.js";

/** Options of {@link retrievalPrecision}. */
export interface RetrievalPrecisionOptions extends RetrievalMapOptions {
  /** torchmetrics `adaptive_k`: when `topK` exceeds a query's document count, divide by the count. Default false. */
  readonly adaptiveK?: boolean;
}

const NAMES = optionNames<RetrievalPrecisionOptions>()(...RETRIEVAL_MAP_OPTIONS, "adaptiveK");

export const retrievalPrecisionMeta: MetricMeta = {
  id: "retrieval/precision_at_k",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * Precision@k as a MetricDef: per query, relevant documents among the first `topK` divided by
 * `topK` (by the query's document count when `topK` is absent, or with `adaptiveK` when
 * `topK` exceeds it), averaged over queries. Matches torchmetrics 1.9.0
 * `RetrievalPrecision(top_k, adaptive_k, empty_target_action)`, including its rule that a
 * document with score <= 0 counts as non-relevant. Tie groups contribute pro rata
 * (`ties: "average"`). O(n) state.
 */
export function retrievalPrecisionDef(
  options?: RetrievalPrecisionOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalPrecision";
  return binaryRetrievalDefinition(
    retrievalPrecisionMeta,
    fn,
    options,
    NAMES,
    (q, topK, nonPositive, own) => {
      const n = q.end - q.start;
      const k = topK === null || (own.adaptiveK && topK > n) ? n : topK;
      return expectedGainAtK(q, Math.min(k, n), (i) => binaryGain(q, i, nonPositive)) / k;
    },
    (record) => ({ adaptiveK: optBoolean(fn, "adaptiveK", record.adaptiveK, false) }),
    // the relevant documents ranked within k, over k
    (r, m, topK, _target, _from, own) => {
      const k = topK === null || (own.adaptiveK && topK > m) ? m : topK;
      return relevantWithin(r, Math.min(k, m)) / k;
    },
  );
}

/** One-shot {@link retrievalPrecisionDef}: `retrievalPrecision(preds, target, indexes, options)`. */
export function retrievalPrecision(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalPrecisionOptions,
): number {
  return runOnce(retrievalPrecisionDef(options), preds, target, indexes);
}
