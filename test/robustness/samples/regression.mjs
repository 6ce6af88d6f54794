/** Sample rows of plumbline/regression for the robustness suite (see index.mjs). */
const preds = [2.5, 0.4, 2.1, 7.8, 3.3, 1.2];
const target = [3, 0.5, 2, 7, 3.1, 1];
const matrixPreds = [
  [0.5, 1.2],
  [1.1, 2.3],
  [2.4, 2.9],
  [3.2, 4.1],
];
const matrixTarget = [
  [0.4, 1],
  [1.3, 2.1],
  [2.2, 3.2],
  [3.1, 3.8],
];
const p = [
  [0.2, 0.3, 0.5],
  [0.6, 0.3, 0.1],
];
const q = [
  [0.3, 0.3, 0.4],
  [0.5, 0.25, 0.25],
];

const pair = (factory, options = {}) => ({
  factory,
  options,
  batches: [
    [preds, target],
    [preds.slice(0, 3), target.slice(0, 3)],
  ],
});
const matrix = (factory, options = {}) => ({ factory, options, batches: [[matrixPreds, matrixTarget]] });

export const rows = [
  pair("meanSquaredErrorDef"),
  matrix("meanSquaredErrorDef", { multioutput: "raw_values" }),
  pair("rootMeanSquaredErrorDef"),
  pair("meanAbsoluteErrorDef"),
  pair("meanAbsolutePercentageErrorDef", { epsilon: 1e-9 }),
  pair("symmetricMeanAbsolutePercentageErrorDef"),
  pair("weightedMeanAbsolutePercentageErrorDef"),
  pair("meanSquaredLogErrorDef"),
  pair("rootMeanSquaredLogErrorDef"),
  pair("logCoshErrorDef"),
  pair("meanPinballLossDef", { alpha: 0.9 }),
  pair("tweedieDevianceDef", { power: 1.5 }),
  pair("minkowskiDistanceDef", { p: 3 }),
  pair("maxErrorDef"),
  pair("medianAbsoluteErrorDef"),
  // Fewer values than k: the sketch is exact, so any split order gives the same bits (its
  // compactions, order-dependent within the stated bound, are tested in src/core/quantile-sketch.test.ts).
  pair("medianAbsoluteErrorSketchDef", { k: 16 }),
  pair("d2AbsoluteErrorDef"),
  pair("d2PinballScoreDef", { alpha: 0.25 }),
  pair("d2TweedieScoreDef", { power: 1.5 }),
  pair("r2ScoreDef"),
  pair("r2ScoreDef", { forceFinite: false, adjusted: 1 }),
  matrix("r2ScoreDef", { multioutput: "variance_weighted" }),
  pair("explainedVarianceDef"),
  pair("pearsonCorrelationDef"),
  pair("concordanceCorrelationDef"),
  pair("spearmanCorrelationDef"),
  pair("kendallTauDef"),
  pair("kendallTauDef", { variant: "c", tTest: true, alternative: "greater" }),
  pair("normalizedRootMeanSquaredErrorDef", { normalization: "range" }),
  pair("relativeSquaredErrorDef", { squared: false }),
  pair("cosineSimilarityDef"),
  matrix("cosineSimilarityDef", { reduction: "none" }),
  { factory: "klDivergenceDef", options: {}, batches: [[p, q]] },
  { factory: "jsDivergenceDef", options: { reduction: "sum" }, batches: [[p, q]] },
  pair("regressionSuiteDef"),
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
