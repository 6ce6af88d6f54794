import type { CatalogEntry } from "../../catalog/types.js";
import { frechetDistanceMeta } from "./frechet-distance.js";
import { inceptionScoreMeta } from "./inception-score.js";
import { kernelInceptionDistanceMeta } from "./kernel-inception-distance.js";
import { generativePrecisionRecallMeta } from "./precision-recall.js";

/** Catalog entries of the generative metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [
  frechetDistanceMeta,
  kernelInceptionDistanceMeta,
  inceptionScoreMeta,
  generativePrecisionRecallMeta,
];
