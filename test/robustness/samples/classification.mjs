/** Sample rows of plumbline/classification for the robustness suite (see index.mjs). */
const p = [0.1, 0.8, 0.4, 0.65, 0.3, 0.9];
const t = [0, 1, 0, 1, 1, 0];
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

export const binary = (factory, options = {}) => ({ factory, options, batches: [[p, t], [p.slice(0, 3), t.slice(0, 3)]] });
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

export const rows = [
  binary("binaryAccuracyDef"),
  multiclass("multiclassF1Def"),
  multilabel("multilabelPrecisionDef"),
  binary("binaryAurocDef"),
  binary("binaryAveragePrecisionDef"),
  binary("binaryCalibrationErrorDef"),
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = false;
