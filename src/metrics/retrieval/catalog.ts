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

/** Catalog entries of the retrieval metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [
  retrievalMapMeta,
  retrievalMrrMeta,
  retrievalNdcgMeta,
  ndcgScoreMeta,
  dcgScoreMeta,
  retrievalPrecisionMeta,
  retrievalRecallMeta,
  retrievalHitRateMeta,
  retrievalRPrecisionMeta,
  retrievalFallOutMeta,
  retrievalAurocMeta,
];
