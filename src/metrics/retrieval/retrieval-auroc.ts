import type { CatalogEntry } from "../../catalog/types.js";
import type { MetricDef } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  type RankedQuery,
  type RetrievalArgs,
  type RetrievalOptions,
  type RetrievalState,
  resolveRetrievalOptions,
  retrievalDef,
} from "./grouped.js";

/** Catalog entry of per-query AUROC. */
export const retrievalAurocMeta: CatalogEntry = {
  id: "retrieval/auroc",
  title: "Per-query AUROC",
  kind: "metric",
  tasks: ["retrieval"],
  formula: "\\mathrm{AUROC}_q = P(s_{+} > s_{-}) + \\tfrac12 P(s_{+} = s_{-})",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Ignores position: a swap at rank 1 costs as much as one at rank 100."],
  references: [
    { paper: "Hanley & McNeil 1982" },
    {
      implementation: "torchmetrics 1.9.0 RetrievalAUROC (top_k, empty_target_action; max_fpr not supported)",
    },
  ],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalAuroc", "retrievalAurocDef"],
};

/**
 * AUROC of the first k ranked documents of one query (Mann-Whitney): the fraction of
 * (relevant, non-relevant) pairs ranked in the right order, a tie counting `tieCredit`
 * (1/2 as torchmetrics' binary_auroc). 0 when the top k hold only one class (torchmetrics).
 */
export function aurocKernel(query: RankedQuery, topK: number | null, tieCredit: number): number {
  const n = query.end - query.start;
  const end = query.start + Math.min(topK ?? n, n);
  let positives = 0;
  for (let i = query.start; i < end; i++) positives += query.target[i]!;
  const negatives = end - query.start - positives;
  if (positives === 0 || negatives === 0) return 0;
  let negativesAbove = 0;
  let correct = 0;
  let i = query.start;
  while (i < end) {
    let j = i;
    let pos = 0;
    while (j < end && query.scores[j] === query.scores[i]) pos += query.target[j++]!;
    const neg = j - i - pos;
    correct += pos * (negatives - negativesAbove - neg) + tieCredit * pos * neg;
    negativesAbove += neg;
    i = j;
  }
  return correct / (positives * negatives);
}

/**
 * Per-query AUROC over queries grouped by `indexes`, as a MetricDef: each query's AUROC over
 * its first `topK` documents, averaged. Matches torchmetrics 1.9.0 `RetrievalAUROC(top_k,
 * empty_target_action)` (no `max_fpr`). Ties in score earn 1/2 (`"torchmetrics"`, `"average"`),
 * 1 (`"optimistic"`) or 0 (`"pessimistic"`). O(n) state.
 */
export function retrievalAurocDef(
  options: RetrievalOptions = {},
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const fn = "retrievalAuroc";
  const resolved = resolveRetrievalOptions(options, fn);
  const credit = resolved.ties === "optimistic" ? 1 : resolved.ties === "pessimistic" ? 0 : 0.5;
  return retrievalDef(retrievalAurocMeta, fn, resolved, (q, k) => aurocKernel(q, k, credit), {
    groupTies: false,
  });
}

/** One-shot {@link retrievalAurocDef}. */
export function retrievalAuroc(
  indexes: ArrayLike<number>,
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  options: RetrievalOptions = {},
): number {
  return runOnce(retrievalAurocDef(options), indexes, preds, target);
}
