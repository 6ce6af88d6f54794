import type { CatalogEntry } from "../../catalog/types.js";
import { averageSurfaceDistanceMeta } from "./average-surface-distance.js";
import { boundaryF1Meta } from "./boundary-f1.js";
import { diceScoreMeta } from "./dice-score.js";
import { frequencyWeightedIouMeta } from "./frequency-weighted-iou.js";
import { generalizedDiceScoreMeta } from "./generalized-dice-score.js";
import { hausdorffDistanceMeta } from "./hausdorff-distance.js";
import { maskApMeta } from "./mask-ap.js";
import { meanIouMeta } from "./mean-iou.js";
import { modifiedPanopticQualityMeta } from "./modified-panoptic-quality.js";
import { normalizedSurfaceDiceMeta } from "./normalized-surface-dice.js";
import { panopticQualityMeta } from "./panoptic-quality.js";
import { panopticQualityCocoMeta } from "./panoptic-quality-coco.js";
import { pixelAccuracyMeta } from "./pixel-accuracy.js";

/** Catalog entries of the segmentation metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [
  pixelAccuracyMeta,
  meanIouMeta,
  frequencyWeightedIouMeta,
  diceScoreMeta,
  generalizedDiceScoreMeta,
  panopticQualityMeta,
  panopticQualityCocoMeta,
  modifiedPanopticQualityMeta,
  hausdorffDistanceMeta,
  normalizedSurfaceDiceMeta,
  averageSurfaceDistanceMeta,
  boundaryF1Meta,
  maskApMeta,
];
