/** plumbline/classification: the public API of the classification metrics. */

export * from "./accuracy.js";
export * from "./auroc.js";
export * from "./average-precision.js";
export * from "./balanced-accuracy.js";
export * from "./brier-score.js";
export * from "./calibration-error.js";
export { entries as catalog } from "./catalog.js";
export * from "./cohen-kappa.js";
export * from "./confusion-matrix.js";
export * from "./coverage-error.js";
export type { BinaryCurveOptions, MulticlassCurveOptions, MultilabelCurveOptions } from "./curve-defs.js";
export type { ThresholdsOption } from "./curve-state.js";
export * from "./equal-error-rate.js";
export * from "./exact-match.js";
export * from "./f-beta.js";
export * from "./false-discovery-rate.js";
export * from "./false-positive-rate.js";
export * from "./hamming-distance.js";
export * from "./hinge-loss.js";
export * from "./jaccard-index.js";
export type { LabelRankingOptions } from "./label-ranking.js";
export * from "./label-ranking-average-precision.js";
export * from "./label-ranking-loss.js";
export * from "./log-loss.js";
export * from "./matthews-corrcoef.js";
export * from "./negative-predictive-value.js";
export type { OperatingPoint } from "./operating-point.js";
export * from "./precision.js";
export * from "./precision-at-fixed-recall.js";
export * from "./precision-recall-curve.js";
export * from "./recall.js";
export * from "./recall-at-fixed-precision.js";
export * from "./roc-curve.js";
export * from "./sensitivity-at-specificity.js";
export * from "./specificity.js";
export * from "./specificity-at-sensitivity.js";
export type { MulticlassAveragedOptions, MultilabelAveragedOptions } from "./stat-metric.js";
export {
  type Average,
  type Averaged,
  type BinaryArgs,
  type BinaryStatOptions,
  binaryStatScores,
  binaryStatScoresDef,
  type ConfusionState,
  type MulticlassArgs,
  type MulticlassStatOptions,
  type MulticlassStatScoresOptions,
  type MultilabelArgs,
  type MultilabelAverage,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  type MultilabelStatScoresOptions,
  multiclassStatScores,
  multiclassStatScoresDef,
  multilabelStatScores,
  multilabelStatScoresDef,
  type StatScores,
  type StatScoresPerClass,
  statScoresMeta,
} from "./stat-scores.js";
