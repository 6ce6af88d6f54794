import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import { retrievalMapMeta } from "./average-precision.js";
import { dcgScoreMeta, ndcgScoreMeta } from "./dcg-score.js";
import { retrievalFallOutMeta } from "./fall-out.js";
import { retrievalHitRateMeta } from "./hit-rate.js";
import { retrievalNdcgMeta } from "./ndcg.js";
import { retrievalPrecisionMeta } from "./precision-at-k.js";
import { retrievalRPrecisionMeta } from "./r-precision.js";
import { retrievalRecallMeta } from "./recall-at-k.js";
import { retrievalMrrMeta } from "./reciprocal-rank.js";
import { retrievalAurocMeta } from "./retrieval-auroc.js";

/** Catalog entry of mean average precision. */
const retrievalMapEntry: CatalogEntry = {
  ...metaFields(retrievalMapMeta),
  title: "Mean average precision (MAP@k)",
  kind: "metric",
  tasks: ["retrieval", "rag"],
  formula:
    "\\mathrm{MAP} = \\frac{1}{|Q|}\\sum_{q} \\frac{1}{|R_q^{k}|}\\sum_{i \\le k,\\, d_i \\in R_q} \\mathrm{P@}i",
  differentiable: false,
  robustness: [
    "Rewards relevant documents ranked early; sensitive to the number of relevant documents per query.",
    "torchmetrics divides by the relevant documents retrieved within k, trec_eval by all judged relevant documents.",
  ],
  references: [
    { paper: "Manning, Raghavan & Schütze, Introduction to Information Retrieval (2008), 8.4" },
    { implementation: "torchmetrics 1.9.0 RetrievalMAP (top_k, empty_target_action)" },
    { paper: "McSherry & Najork, ECIR 2008 (tie-averaged AP)" },
  ],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalMap", "retrievalMapDef"],
};

/** Catalog entry of mean reciprocal rank. */
const retrievalMrrEntry: CatalogEntry = {
  ...metaFields(retrievalMrrMeta),
  title: "Mean reciprocal rank (MRR@k)",
  kind: "metric",
  tasks: ["retrieval", "rag"],
  formula: "\\mathrm{MRR} = \\frac{1}{|Q|}\\sum_{q} \\frac{1}{\\mathrm{rank}_q}",
  differentiable: false,
  robustness: ["Only the first relevant document counts; ignores every later one."],
  references: [
    { paper: "Voorhees, TREC-8 Question Answering Track Report (1999)" },
    { implementation: "torchmetrics 1.9.0 RetrievalMRR (top_k, empty_target_action)" },
  ],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalMrr", "retrievalMrrDef"],
};

/** Catalog entry of nDCG over grouped queries (torchmetrics form). */
const retrievalNdcgEntry: CatalogEntry = {
  ...metaFields(retrievalNdcgMeta),
  title: "Normalized discounted cumulative gain (nDCG@k)",
  kind: "metric",
  tasks: ["retrieval", "rag"],
  formula:
    "\\mathrm{nDCG@}k = \\frac{\\sum_{i=1}^{k} g(rel_i)/\\log_2(i+1)}{\\sum_{i=1}^{k} g(rel^{*}_i)/\\log_2(i+1)}",
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

/**
 * scikit-learn's `dcg_score` and `ndcg_score`: `preds` (scores) and `target` (true relevance) are
 * n x L matrices, one row per query with L >= 2 documents; each row's DCG@k is the tie-averaged
 * sum of gains times discounts 1 / (log(i + 2) / log(logBase)) (zero past k), nDCG divides it by
 * the DCG of the ideal order (0 for an all-zero row); the result is the mean over rows, weighted
 * by `sampleWeight` when given (numpy `average`). Matches scikit-learn 1.2.1 `dcg_score(y_true,
 * y_score, k=k, log_base=logBase, sample_weight=w, ignore_ties=...)` and `ndcg_score(y_true,
 * y_score, k=k, sample_weight=w, ignore_ties=...)`. Note the argument order here: preds first,
 * as every plumbline metric. The state holds two exact sums (`core/exact-sum.ts`: merges are
 * bit-identical in any order) and a row count (rows are complete queries), so it stays O(1).
 * Update O(n L log L).
 *
 * Differences: `ignoreTies` ranks equal scores in input order where sklearn takes numpy's
 * unstable argsort order (not reproducible); `ndcgScore` refuses negative relevance, which
 * scikit-learn 1.2.1 warns about and 1.4 refuses.
 */

/** Catalog entry of sklearn's `ndcg_score` (n x L matrices). */
const ndcgScoreEntry: CatalogEntry = {
  ...metaFields(ndcgScoreMeta),
  title: "nDCG@k over score matrices (scikit-learn ndcg_score)",
  kind: "metric",
  tasks: ["retrieval"],
  formula: retrievalNdcgEntry.formula,
  differentiable: false,
  robustness: ["Rows whose true relevance is all zero score 0 and still count in the mean."],
  references: [{ implementation: "scikit-learn 1.2.1 ndcg_score (k, sample_weight, ignore_ties)" }],
  traits: ["ranking", "graded-relevance"],
  exports: ["ndcgScore", "ndcgScoreDef"],
};

/** Catalog entry of sklearn's `dcg_score` (n x L matrices). */
const dcgScoreEntry: CatalogEntry = {
  ...metaFields(dcgScoreMeta),
  title: "DCG@k over score matrices (scikit-learn dcg_score)",
  kind: "metric",
  tasks: ["retrieval"],
  formula: "\\mathrm{DCG@}k = \\sum_{i=1}^{k} \\frac{rel_i}{\\log_b(i+1)}",
  differentiable: false,
  robustness: ["Unnormalised: grows with the number and grade of relevant documents; compare with nDCG."],
  references: [
    { paper: "Järvelin & Kekäläinen, Cumulated gain-based evaluation of IR techniques, TOIS 2002" },
    { implementation: "scikit-learn 1.2.1 dcg_score (k, log_base, sample_weight, ignore_ties)" },
  ],
  traits: ["ranking", "graded-relevance"],
  exports: ["dcgScore", "dcgScoreDef"],
};

/** Catalog entry of precision@k. */
const retrievalPrecisionEntry: CatalogEntry = {
  ...metaFields(retrievalPrecisionMeta),
  title: "Precision@k",
  kind: "metric",
  tasks: ["retrieval", "rag"],
  formula: "\\mathrm{P@}k = \\frac{|\\{\\text{relevant in top } k\\}|}{k}",
  differentiable: false,
  robustness: [
    "Ignores the order inside the top k; bounded by (relevant documents) / k for queries with few relevant.",
  ],
  references: [
    { implementation: "torchmetrics 1.9.0 RetrievalPrecision (top_k, adaptive_k, empty_target_action)" },
  ],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalPrecision", "retrievalPrecisionDef"],
};

/** Catalog entry of recall@k. */
const retrievalRecallEntry: CatalogEntry = {
  ...metaFields(retrievalRecallMeta),
  title: "Recall@k",
  kind: "metric",
  tasks: ["retrieval", "rag"],
  formula: "\\mathrm{R@}k = \\frac{|\\{\\text{relevant in top } k\\}|}{|\\{\\text{relevant}\\}|}",
  differentiable: false,
  robustness: [
    "Only counts relevant documents the system scored; unretrieved relevant documents are invisible to it.",
  ],
  references: [{ implementation: "torchmetrics 1.9.0 RetrievalRecall (top_k, empty_target_action)" }],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalRecall", "retrievalRecallDef"],
};

/** Catalog entry of hit rate@k. */
const retrievalHitRateEntry: CatalogEntry = {
  ...metaFields(retrievalHitRateMeta),
  title: "Hit rate@k",
  kind: "metric",
  tasks: ["retrieval", "rag"],
  formula: "\\mathrm{HR@}k = \\frac{1}{|Q|}\\sum_q [\\exists\\, d \\in \\text{top } k: d \\text{ relevant}]",
  differentiable: false,
  robustness: ["Binary per query: one relevant document in the top k is as good as k of them."],
  references: [{ implementation: "torchmetrics 1.9.0 RetrievalHitRate (top_k, empty_target_action)" }],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalHitRate", "retrievalHitRateDef"],
};

/** Catalog entry of R-precision. */
const retrievalRPrecisionEntry: CatalogEntry = {
  ...metaFields(retrievalRPrecisionMeta),
  title: "R-precision",
  kind: "metric",
  tasks: ["retrieval"],
  formula: "\\mathrm{RP} = \\frac{|\\{\\text{relevant in top } R\\}|}{R},\\; R = |\\{\\text{relevant}\\}|",
  differentiable: false,
  robustness: ["Adapts the cut-off to each query; equals recall and precision at R."],
  references: [{ implementation: "torchmetrics 1.9.0 RetrievalRPrecision (empty_target_action)" }],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalRPrecision", "retrievalRPrecisionDef"],
};

/** Catalog entry of fall-out@k. */
const retrievalFallOutEntry: CatalogEntry = {
  ...metaFields(retrievalFallOutMeta),
  title: "Fall-out@k",
  kind: "metric",
  tasks: ["retrieval"],
  formula: "\\mathrm{FO@}k = \\frac{|\\{\\text{non-relevant in top } k\\}|}{|\\{\\text{non-relevant}\\}|}",
  differentiable: false,
  robustness: [
    "The false-positive rate of the top k; near 0 for any k when most documents are non-relevant.",
  ],
  references: [
    { implementation: "torchmetrics 1.9.0 RetrievalFallOut (top_k, empty_target_action='pos' by default)" },
  ],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalFallOut", "retrievalFallOutDef"],
};

/** Catalog entry of per-query AUROC. */
const retrievalAurocEntry: CatalogEntry = {
  ...metaFields(retrievalAurocMeta),
  title: "Per-query AUROC",
  kind: "metric",
  tasks: ["retrieval"],
  formula: "\\mathrm{AUROC}_q = P(s_{+} > s_{-}) + \\tfrac12 P(s_{+} = s_{-})",
  differentiable: false,
  robustness: ["Ignores position: a swap at rank 1 costs as much as one at rank 100."],
  references: [
    { paper: "Hanley & McNeil 1982" },
    {
      implementation: "torchmetrics 1.9.0 RetrievalAUROC (top_k, max_fpr, empty_target_action)",
    },
  ],
  traits: ["ranking", "binary-relevance"],
  exports: ["retrievalAuroc", "retrievalAurocDef"],
};

/** Catalog entries of the retrieval metrics (joined to each definition's `meta` by id). */
export const entries: readonly CatalogEntry[] = [
  retrievalMapEntry,
  retrievalMrrEntry,
  retrievalNdcgEntry,
  ndcgScoreEntry,
  dcgScoreEntry,
  retrievalPrecisionEntry,
  retrievalRecallEntry,
  retrievalHitRateEntry,
  retrievalRPrecisionEntry,
  retrievalFallOutEntry,
  retrievalAurocEntry,
];
