/** plumbline/retrieval: the public API of the retrieval metrics. */

export * from "./average-precision.js";
export * from "./dcg-score.js";
export * from "./fall-out.js";
export type {
  Aggregation,
  EmptyTargetAction,
  RankedQuery,
  ResolvedRetrievalOptions,
  RetrievalArgs,
  RetrievalOptions,
  RetrievalState,
  TieHandling,
} from "./grouped.js";
export * from "./hit-rate.js";
export * from "./ndcg.js";
export * from "./precision-at-k.js";
export * from "./r-precision.js";
export * from "./recall-at-k.js";
export * from "./reciprocal-rank.js";
export * from "./retrieval-auroc.js";
export * from "./suite.js";
export * from "./trec.js";
