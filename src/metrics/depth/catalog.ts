import type { CatalogEntry } from "../../catalog/types.js";
import { absRelMeta } from "./abs-rel.js";
import { badPixelRateMeta } from "./bad-pixel-rate.js";
import { deltaAccuracyMeta } from "./delta-accuracy.js";
import { depthRmseLogMeta, depthRmseMeta } from "./depth-rmse.js";
import { log10ErrorMeta } from "./log10-error.js";
import { silogMeta } from "./silog.js";
import { sqRelMeta } from "./sq-rel.js";
import { whdrMeta } from "./whdr.js";

/** Catalog entries of the depth metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [
  absRelMeta,
  sqRelMeta,
  depthRmseMeta,
  depthRmseLogMeta,
  log10ErrorMeta,
  deltaAccuracyMeta,
  silogMeta,
  badPixelRateMeta,
  whdrMeta,
];
