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
  binary("binaryEqualErrorRateDef"),
  binary("binaryPrecisionAtFixedRecallDef", { minRecall: 0.5 }),
  binary("binaryRecallAtFixedPrecisionDef", { minPrecision: 0.5 }),
  binary("binarySensitivityAtSpecificityDef", { minSpecificity: 0.5 }),
  binary("binarySpecificityAtSensitivityDef", { minSensitivity: 0.5 }),
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
  multilabel("multilabelF1Def", { average: "samples" }),
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
