/** plumbline/segmentation: the public API of the segmentation metrics. */
export { entries as catalog } from "./catalog.js";
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
export { type LabelMapInput, type LabelMaps, readLabelMaps } from "./label-maps.js";
export { type MeanIouOptions, type MeanIouState, meanIou, meanIouDef, meanIouMeta } from "./mean-iou.js";
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
  type PixelAccuracyOptions,
  type PixelAccuracyState,
  pixelAccuracy,
  pixelAccuracyDef,
  pixelAccuracyMeta,
} from "./pixel-accuracy.js";
