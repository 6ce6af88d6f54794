/** Sample rows of plumbline/generative for the robustness suite (see index.mjs). */
const real = [
  [0.1, 0.5, 0.3],
  [0.4, 0.2, 0.9],
  [0.7, 0.8, 0.1],
  [0.3, 0.6, 0.5],
];
const fake = [
  [0.2, 0.4, 0.4],
  [0.5, 0.1, 0.8],
  [0.9, 0.7, 0.2],
  [0.6, 0.3, 0.7],
];
const probs = [
  [0.7, 0.2, 0.1],
  [0.1, 0.8, 0.1],
  [0.3, 0.3, 0.4],
  [0.2, 0.1, 0.7],
];

export const rows = [
  { factory: "frechetDistanceDef", options: {}, batches: [[real, fake], [real.slice(0, 2), []]] },
  {
    factory: "kernelInceptionDistanceDef",
    options: { subsets: 3, subsetSize: 2, seed: 1 },
    batches: [[real, fake]],
  },
  { factory: "inceptionScoreDef", options: { splits: 2 }, batches: [[probs]] },
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
