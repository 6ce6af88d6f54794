/** Sequence losses: CTC, token-level cross-entropy, sequence-level objectives. */
export * from "./ctc-loss.js";
