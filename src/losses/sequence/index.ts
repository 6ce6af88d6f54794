/** Sequence losses: CTC, token-level cross-entropy, sequence-level objectives. */

export {
  ctcLossEntry,
  minimumRiskTrainingEntry,
  reinforceLossEntry,
  tokenCrossEntropyEntry,
} from "./catalog.js";
export * from "./ctc-loss.js";
export * from "./minimum-risk-training.js";
export * from "./reinforce-loss.js";
export * from "./token-cross-entropy.js";
