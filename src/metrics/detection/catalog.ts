import type { CatalogEntry } from "../../catalog/types.js";
import {
  boxIouMeta,
  completeBoxIouMeta,
  distanceBoxIouMeta,
  generalizedBoxIouMeta,
  nmsMeta,
} from "./box-ops.js";
import { cocoMapMeta } from "./coco-eval.js";
import { detectionMapMeta } from "./detection-map.js";
import { rleMeta } from "./rle.js";
import { vocApMeta } from "./voc-ap.js";

/** Catalog entries of the detection metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [
  cocoMapMeta,
  detectionMapMeta,
  vocApMeta,
  boxIouMeta,
  generalizedBoxIouMeta,
  distanceBoxIouMeta,
  completeBoxIouMeta,
  nmsMeta,
  rleMeta,
];
