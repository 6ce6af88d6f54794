/** plumbline/classification: the public API of the classification metrics. */

export * from "./accuracy.js";
export { type AucOptions, auc, aucMeta } from "./auc.js";
export * from "./auroc.js";
export * from "./average-precision.js";
export * from "./balanced-accuracy.js";
export * from "./brier-score.js";
export * from "./calibration-error.js";
export * from "./class-likelihood-ratios.js";
export * from "./classification-report.js";
export * from "./cohen-kappa.js";
export type { Average } from "./confusion-kernel.js";
export * from "./confusion-matrix.js";
export * from "./coverage-error.js";
export * from "./critical-success-index.js";
export type { BinaryCurveOptions, MulticlassCurveOptions, MultilabelCurveOptions } from "./curve-defs.js";
export type { ThresholdsOption } from "./curve-state.js";
export * from "./equal-error-rate.js";
export * from "./exact-match.js";
export * from "./f-beta.js";
export * from "./false-discovery-rate.js";
export * from "./false-positive-rate.js";
export * from "./group-fairness.js";
export * from "./hamming-distance.js";
export * from "./hinge-loss.js";
export * from "./jaccard-index.js";
export type { LabelRankingOptions } from "./label-ranking.js";
export * from "./label-ranking-average-precision.js";
export * from "./label-ranking-loss.js";
export { type ClassLabel, uniqueLabels } from "./labels.js";
export * from "./log-auc.js";
export * from "./log-loss.js";
export * from "./matthews-corrcoef.js";
export type { LabelInput, NdInput, NestedArray } from "./ndarray.js";
export * from "./negative-predictive-value.js";
export type { OperatingPoint } from "./operating-point.js";
export * from "./precision.js";
export * from "./precision-at-fixed-recall.js";
export * from "./precision-recall-curve.js";
export type { PredsKind, ScoresKind } from "./preds-kind.js";
export * from "./recall.js";
export * from "./recall-at-fixed-precision.js";
export * from "./reliability-curve.js";
export * from "./roc-curve.js";
export * from "./sensitivity-at-specificity.js";
export * from "./specificity.js";
export * from "./specificity-at-sensitivity.js";
export type {
  BinaryArgs,
  BinaryStatOptions,
  ConfusionState,
  MulticlassArgs,
  MulticlassStatOptions,
  MultidimAverage,
  MultilabelArgs,
  MultilabelCountsState,
  MultilabelStatOptions,
  SamplewiseState,
  StatState,
} from "./stat-defs.js";
export type {
  Averaged,
  ClassNamesOption,
  MulticlassAveragedOptions,
  Multidim,
  MultilabelAverage,
  MultilabelAveragedOptions,
  PerClass,
} from "./stat-metric.js";
export {
  binaryStatScores,
  binaryStatScoresDef,
  type MulticlassStatScoresOptions,
  type MultilabelStatScoresOptions,
  multiclassStatScores,
  multiclassStatScoresDef,
  multilabelStatScores,
  multilabelStatScoresDef,
  type StatScores,
  type StatScoresPerClass,
  statScores,
  statScoresDef,
  statScoresMeta,
} from "./stat-scores.js";
export * from "./suite.js";
