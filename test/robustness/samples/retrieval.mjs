/** Sample rows of plumbline/retrieval for the robustness suite (see index.mjs). */
// Two queries (ids 0 and 3) with tied and distinct scores; graded targets for nDCG.
const preds = [0.9, 0.4, 0.4, 0.1, 0.8, 0.3, 0.5];
const binary = [1, 0, 1, 0, 0, 1, 1];
const graded = [3, 0, 1, 0, 2, 0, 1];
const indexes = [0, 0, 0, 0, 3, 3, 3];

// The third batch adds documents to query 3 (scores distinct from its others), so merges join one
// query's documents from two shards.
const grouped = (factory, options = {}, target = binary) => ({
  factory,
  options,
  batches: [
    [preds, target, indexes],
    [preds.slice(0, 3), target.slice(0, 3), [5, 5, 5]],
    [[0.7, 0.2, 0.45], target === graded ? [2, 0, 3] : [1, 0, 1], [3, 3, 3]],
  ],
});

const rowsP = [
  [0.9, 0.2, 0.2, 0.4],
  [0.1, 0.3, 0.8, 0.8],
];
const rowsT = [
  [2, 0, 1, 0],
  [0, 1, 3, 0],
];
const matrix = (factory, options = {}) => ({
  factory,
  options,
  batches: [
    [rowsP, rowsT],
    [rowsP.slice(1), rowsT.slice(1)],
    [[[0.3, 0.6, 0.1, 0.5]], [[1, 2, 0, 1]]],
  ],
});
// Weighted rows: the weighted sum of row values and the sum of weights are both state sums.
const weighted = (factory, options = {}) => ({
  factory,
  options,
  batches: [
    [rowsP, rowsT, [0.3, 1.7]],
    [rowsP.slice(1), rowsT.slice(1), [0.1]],
    [[[0.3, 0.6, 0.1, 0.5]], [[1, 2, 0, 1]], [2.9]],
  ],
});

export const rows = [
  grouped("retrievalMapDef", { topK: 3, ties: "average" }),
  grouped("retrievalMrrDef", { emptyTargetAction: "skip", nonPositiveScores: "keep" }),
  grouped("retrievalNdcgDef", { topK: 2, gain: "exponential" }, graded),
  grouped("retrievalSuiteDef", { metrics: ["map@2", "ndcg", "rprec"], ties: "average" }),
  grouped("retrievalPrecisionDef", { topK: 5, adaptiveK: true }),
  grouped("retrievalRecallDef", { topK: 2, aggregation: "median" }),
  grouped("retrievalHitRateDef", { topK: 1, ties: "optimistic" }),
  grouped("retrievalRPrecisionDef", { ignoreIndex: -1 }),
  grouped("retrievalFallOutDef", { topK: 2, emptyTargetAction: "neg" }),
  grouped("retrievalAurocDef", { maxFpr: 0.5, ties: "pessimistic" }),
  matrix("ndcgScoreDef", { k: 3 }),
  matrix("dcgScoreDef", { logBase: 10, ignoreTies: true }),
  weighted("ndcgScoreDef"),
  weighted("dcgScoreDef", { k: 2 }),
];

/** Every `*Def` export of plumbline/retrieval has a row. */
export const complete = true;
