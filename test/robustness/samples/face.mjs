/** Sample rows of plumbline/face for the robustness suite (see index.mjs). */
const scores = [0.9, 0.1, 0.75, 0.4, 0.6, 0.2];
const labels = [1, 0, 1, 0, 1, 0];
const similarity = [
  [0.9, 0.1, 0.3],
  [0.2, 0.8, 0.8],
  [0.4, 0.35, 0.1],
];

const landmarksP = [
  [[0, 0], [10, 1], [5, 6]],
  [[1, 0], [9, 0], [5, 5]],
];
const landmarksT = [
  [[0, 0], [10, 0], [5, 5]],
  [[0, 0], [10, 0], [5, 5]],
];

export const rows = [
  {
    factory: "landmarkErrorDef",
    options: { eyeCorners: [0, 1], threshold: 0.08 },
    batches: [[landmarksP, landmarksT], [landmarksP.slice(0, 1), landmarksT.slice(0, 1)]],
  },
  { factory: "faceVerificationDef", options: { farTargets: [0.01, 0.1] }, batches: [[scores, labels]] },
  {
    factory: "identificationRankDef",
    options: { ranks: [1, 2], ties: "average" },
    batches: [[similarity, [0, 1, 2], [0, 1, 2]]],
  },
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
