/** Sample rows of plumbline/retrieval for the robustness suite (see index.mjs). */
// Two queries (ids 0 and 3) with tied and distinct scores; graded targets for nDCG.
const preds = [0.9, 0.4, 0.4, 0.1, 0.8, 0.3, 0.5];
const binary = [1, 0, 1, 0, 0, 1, 1];
const graded = [3, 0, 1, 0, 2, 0, 1];
const indexes = [0, 0, 0, 0, 3, 3, 3];

const grouped = (factory, options = {}, target = binary) => ({
  factory,
  options,
  batches: [
    [preds, target, indexes],
    [preds.slice(0, 3), target.slice(0, 3), [5, 5, 5]],
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
const matrix = (factory, options = {}) => ({ factory, options, batches: [[rowsP, rowsT], [rowsP.slice(1), rowsT.slice(1)]] });

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
];

/** Every `*Def` export of plumbline/retrieval has a row. */
export const complete = true;
