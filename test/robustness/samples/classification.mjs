/** Sample rows of plumbline/classification for the robustness suite (see index.mjs): one per `*Def` export. */
const p = [0.1, 0.8, 0.4, 0.65, 0.3, 0.9];
const t = [0, 1, 0, 1, 1, 0];
const w = [1, 2, 0.5, 1, 3, 1];
const mcPreds = [
  [0.7, 0.2, 0.1],
  [0.1, 0.6, 0.3],
  [0.2, 0.2, 0.6],
  [0.5, 0.4, 0.1],
];
const mcTarget = [0, 1, 2, 1];
const mlPreds = [
  [0.9, 0.2],
  [0.3, 0.7],
  [0.6, 0.6],
];
const mlTarget = [
  [1, 0],
  [0, 1],
  [1, 1],
];

const nd = [
  [0.2, 0.8, 0.6],
  [0.9, 0.1, 0.4],
];
const ndTarget = [
  [0, 1, 1],
  [1, 0, 1],
];
const words = ["cat", "dog", "emu", "dog", "cat"];
const groups = [0, 1, 1, 0, 1, 0];

export const binary = (factory, options = {}) => ({
  factory,
  options,
  batches: [
    [p, t],
    [p.slice(0, 3), t.slice(0, 3)],
  ],
});
/** A binary row whose batches carry `sampleWeight` (weighted states have their own layout). */
export const weighted = (factory, options = {}) => ({ factory, options, batches: [[p, t, w]], oneShotArgs: [p, t] });
export const multiclass = (factory, options = {}) => ({
  factory,
  options: { numClasses: 3, ...options },
  batches: [[mcPreds, mcTarget]],
});
export const multilabel = (factory, options = {}) => ({
  factory,
  options: { numLabels: 2, ...options },
  batches: [[mlPreds, mlTarget]],
});

/** Binary, multiclass and multilabel rows of a concept with the same options. */
const all = (concept, options = {}) => [
  binary(`binary${concept}Def`, options),
  multiclass(`multiclass${concept}Def`, options),
  multilabel(`multilabel${concept}Def`, options),
];

export const rows = [
  ...all("Accuracy"),
  ...all("Precision"),
  ...all("Recall"),
  ...all("F1"),
  ...all("FBeta", { beta: 2 }),
  ...all("Specificity"),
  ...all("NegativePredictiveValue"),
  ...all("FalsePositiveRate"),
  ...all("FalseDiscoveryRate"),
  ...all("JaccardIndex"),
  ...all("HammingDistance"),
  ...all("StatScores"),
  ...all("ConfusionMatrix"),
  ...all("MatthewsCorrcoef"),
  ...all("Auroc"),
  ...all("AveragePrecision"),
  ...all("RocCurve"),
  ...all("PrecisionRecallCurve"),
  ...all("EqualErrorRate"),
  ...all("PrecisionAtFixedRecall", { minRecall: 0.5 }),
  ...all("RecallAtFixedPrecision", { minPrecision: 0.5 }),
  ...all("SensitivityAtSpecificity", { minSpecificity: 0.5 }),
  ...all("SpecificityAtSensitivity", { minSensitivity: 0.5 }),
  binary("binaryBalancedAccuracyDef"),
  multiclass("multiclassBalancedAccuracyDef"),
  binary("binaryCohenKappaDef"),
  multiclass("multiclassCohenKappaDef", { weights: "quadratic" }),
  binary("binaryLogLossDef"),
  multiclass("multiclassLogLossDef"),
  binary("binaryBrierScoreDef"),
  multiclass("multiclassBrierScoreDef"),
  binary("binaryHingeLossDef", { squared: true }),
  multiclass("multiclassHingeLossDef"),
  binary("binaryCalibrationErrorDef", { nBins: 5 }),
  multiclass("multiclassCalibrationErrorDef"),
  multiclass("multiclassExactMatchDef"),
  multilabel("multilabelExactMatchDef"),
  multilabel("multilabelCoverageErrorDef"),
  multilabel("multilabelRankingAveragePrecisionDef"),
  multilabel("multilabelRankingLossDef"),
  // Other state layouts: binned curves, weighted exact curves, per-sample sums.
  binary("binaryAurocDef", { thresholds: 5 }),
  multiclass("multiclassAveragePrecisionDef", { thresholds: [0, 0.5, 1] }),
  multilabel("multilabelRocCurveDef", { thresholds: 4 }),
  weighted("binaryAurocDef"),
  weighted("binaryF1Def"),
  // Weighted states of every layout: non-integer weights are kept in exact cells (issue 13 §3).
  weighted("binaryAurocDef", { thresholds: 5 }),
  { factory: "multiclassF1Def", options: { numClasses: 3 }, batches: [[mcTarget, [0, 1, 1, 2], [0.5, 1e-9, 3, 1e12]]], oneShotArgs: [mcTarget, [0, 1, 1, 2]] },
  { factory: "multiclassConfusionMatrixDef", options: { numClasses: 3 }, batches: [[mcPreds, mcTarget, [0.25, 0.1, 7, 2 ** -40]]], oneShotArgs: [mcPreds, mcTarget] },
  { factory: "multilabelF1Def", options: { numLabels: 2, average: "samples" }, batches: [[mlPreds, mlTarget, [0.3, 1, 2.5]]], oneShotArgs: [mlPreds, mlTarget] },
  { factory: "multilabelExactMatchDef", options: { numLabels: 2 }, batches: [[mlPreds, mlTarget, [0.3, 1, 2.5]]], oneShotArgs: [mlPreds, mlTarget] },
  { factory: "multiclassHingeLossDef", options: { numClasses: 3, multiclassMode: "one-vs-all" }, batches: [[mcPreds, mcTarget, [0.1, 0.2, 0.3, 0.4]]], oneShotArgs: [mcPreds, mcTarget] },
  multilabel("multilabelF1Def", { average: "samples" }),
  multiclass("multiclassHingeLossDef", { multiclassMode: "one-vs-all" }),
  // Per-sample states of (N, ...) inputs, and sklearn's string labels.
  { factory: "binaryAccuracyDef", options: { multidimAverage: "samplewise" }, batches: [[nd, ndTarget]] },
  { factory: "multiclassExactMatchDef", options: { numClasses: 2, multidimAverage: "samplewise" }, batches: [[ndTarget, ndTarget]] },
  { factory: "multiclassF1Def", options: { labels: ["cat", "dog", "emu"] }, batches: [[words, words.slice().reverse()]] },
  // The task-dispatching defs (their snapshots carry the explicit variant's id).
  ...[
    "accuracyDef",
    "precisionDef",
    "recallDef",
    "f1Def",
    "specificityDef",
    "negativePredictiveValueDef",
    "falsePositiveRateDef",
    "falseDiscoveryRateDef",
    "jaccardIndexDef",
    "hammingDistanceDef",
    "statScoresDef",
    "confusionMatrixDef",
    "matthewsCorrcoefDef",
    "aurocDef",
    "averagePrecisionDef",
    "rocCurveDef",
    "precisionRecallCurveDef",
    "equalErrorRateDef",
  ].map((name, i) => [binary, multiclass, multilabel][i % 3](name, { task: ["binary", "multiclass", "multilabel"][i % 3] })),
  binary("fBetaDef", { task: "binary", beta: 0.5 }),
  multiclass("cohenKappaDef", { task: "multiclass" }),
  binary("balancedAccuracyDef", { task: "binary" }),
  multiclass("logLossDef", { task: "multiclass" }),
  binary("brierScoreDef", { task: "binary" }),
  multiclass("calibrationErrorDef", { task: "multiclass" }),
  binary("hingeLossDef", { task: "binary" }),
  multilabel("exactMatchDef", { task: "multilabel" }),
  binary("precisionAtFixedRecallDef", { task: "binary", minRecall: 0.5 }),
  multiclass("recallAtFixedPrecisionDef", { task: "multiclass", minPrecision: 0.5 }),
  multilabel("sensitivityAtSpecificityDef", { task: "multilabel", minSpecificity: 0.5 }),
  binary("specificityAtSensitivityDef", { task: "binary", minSensitivity: 0.5 }),
  // The functions the peers had (issue 10 §4).
  ...all("LogAuc", { fprRange: [0.01, 0.5] }),
  binary("logAucDef", { task: "binary" }),
  binary("binaryClassLikelihoodRatiosDef"),
  { factory: "binaryGroupStatRatesDef", options: { numGroups: 2 }, batches: [[p, t, groups]] },
  { factory: "equalOpportunityDef", options: { numGroups: 2 }, batches: [[p, t, groups]] },
  { factory: "binaryFairnessDef", options: { numGroups: 2 }, batches: [[p, t, groups]] },
  { factory: "demographicParityDef", options: { numGroups: 2 }, batches: [[p, groups]] },
  { factory: "criticalSuccessIndexDef", options: { threshold: 0.5 }, batches: [[nd, nd.slice().reverse()]] },
  {
    factory: "criticalSuccessIndexDef",
    options: { threshold: 0.5, keepSequenceDim: 1 },
    batches: [[nd, nd.slice().reverse()]],
  },
  // Averaged curves and reliability curves (issue 11 §4).
  multiclass("multiclassRocCurveDef", { average: "macro" }),
  multiclass("multiclassPrecisionRecallCurveDef", { average: "micro", thresholds: 5 }),
  binary("binaryReliabilityCurveDef"),
  multiclass("multiclassReliabilityCurveDef", { convention: "torchmetrics", nBins: 4 }),
  binary("reliabilityCurveDef", { task: "binary", nBins: 3 }),
  // A collection (id collection/metrics, rebuilt member by member).
  binary("classificationSuiteDef", { task: "binary" }),
  multiclass("classificationSuiteDef", { task: "multiclass" }),
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
