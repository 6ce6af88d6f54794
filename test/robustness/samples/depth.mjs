/** Sample rows of plumbline/depth for the robustness suite (see index.mjs). */
const preds = [1.2, 2.4, 3.1, 0.9, 5.5, 7.2];
const target = [1, 2.5, 3, 1.1, 5, 8];

const pair = (factory, options = {}) => ({
  factory,
  options,
  batches: [
    [preds, target],
    [preds.slice(2), target.slice(2)],
  ],
});

export const rows = [
  pair("absRelDef"),
  pair("sqRelDef"),
  pair("depthRmseDef"),
  pair("depthRmseLogDef"),
  pair("log10ErrorDef"),
  pair("silogDef", { lambda: 1 }),
  pair("deltaAccuracyDef", { threshold: 1.25 ** 2 }),
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
