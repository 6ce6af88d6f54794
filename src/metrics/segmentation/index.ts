/** plumbline/segmentation: the public API of the segmentation metrics. */

export {
  type AverageSurfaceDistanceOptions,
  averageSurfaceDistance,
  averageSurfaceDistanceDef,
  averageSurfaceDistanceMeta,
} from "./average-surface-distance.js";
export { type BoundaryF1Options, boundaryF1, boundaryF1Def, boundaryF1Meta } from "./boundary-f1.js";
export { type ClassCounts, classCounts, type InputFormat } from "./class-counts.js";
export {
  type DiceScoreOptions,
  type DiceScoreState,
  diceScore,
  diceScoreDef,
  diceScoreMeta,
} from "./dice-score.js";
export {
  type FrequencyWeightedIouOptions,
  frequencyWeightedIou,
  frequencyWeightedIouDef,
  frequencyWeightedIouMeta,
} from "./frequency-weighted-iou.js";
export {
  type GeneralizedDiceScoreOptions,
  type GeneralizedDiceScoreState,
  generalizedDiceScore,
  generalizedDiceScoreDef,
  generalizedDiceScoreMeta,
} from "./generalized-dice-score.js";
export {
  type HausdorffDistanceOptions,
  hausdorffDistance,
  hausdorffDistanceDef,
  hausdorffDistanceMeta,
} from "./hausdorff-distance.js";
export { type LabelMapInput, type LabelMaps, readLabelMaps } from "./label-maps.js";
export { maskAp, maskApDef, maskApFromCoco, maskApMeta } from "./mask-ap.js";
export { type MeanIouOptions, type MeanIouState, meanIou, meanIouDef, meanIouMeta } from "./mean-iou.js";
export {
  type ModifiedPanopticQualityOptions,
  modifiedPanopticQuality,
  modifiedPanopticQualityDef,
  modifiedPanopticQualityMeta,
} from "./modified-panoptic-quality.js";
export {
  type NormalizedSurfaceDiceOptions,
  normalizedSurfaceDice,
  normalizedSurfaceDiceDef,
  normalizedSurfaceDiceMeta,
} from "./normalized-surface-dice.js";
export { type NpyArray, parseNpy } from "./npy.js";
export {
  type PanopticQualityDetails,
  type PanopticQualityOptions,
  type PanopticQualityState,
  panopticQuality,
  panopticQualityDef,
  panopticQualityDetails,
  panopticQualityMeta,
} from "./panoptic-quality.js";
export {
  type PanopticAnnotation,
  type PanopticImage,
  type PanopticQualityCocoOptions,
  type PanopticQualityCocoResult,
  type PanopticQualityCocoState,
  type PanopticSegment,
  type PqSummary,
  panopticQualityCoco,
  panopticQualityCocoDef,
  panopticQualityCocoMeta,
  rgbToPanopticId,
} from "./panoptic-quality-coco.js";
export type { PerImageState } from "./per-image-def.js";
export {
  type PixelAccuracyOptions,
  type PixelAccuracyState,
  pixelAccuracy,
  pixelAccuracyDef,
  pixelAccuracyMeta,
} from "./pixel-accuracy.js";
export * from "./suite.js";
export { percentile, squaredDistanceTransform, surface } from "./surface.js";
