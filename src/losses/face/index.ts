/** Face recognition and metric-learning losses. */

export { stopGradient } from "../gradient-tools.js";
export type { TensorInput } from "../tensor-input.js";
export { l2Normalize } from "../tensor-math.js";
export * from "./arcface-loss.js";
export * from "./barlow-twins-loss.js";
export {
  arcFaceLossEntry,
  barlowTwinsLossEntry,
  centerLossEntry,
  circleLossEntry,
  contrastiveLossEntry,
  cosFaceLossEntry,
  infoNceLossEntry,
  ntXentLossEntry,
  simSiamLossEntry,
  softmaxLossEntry,
  sphereFaceLossEntry,
  tripletMarginLossEntry,
  tripletMiningLossEntry,
} from "./catalog.js";
export * from "./center-loss.js";
export * from "./circle-loss.js";
export * from "./contrastive-loss.js";
export * from "./cosface-loss.js";
export * from "./info-nce-loss.js";
export * from "./nt-xent-loss.js";
export * from "./simsiam-loss.js";
export * from "./softmax-loss.js";
export * from "./sphereface-loss.js";
export * from "./triplet-margin-loss.js";
export * from "./triplet-mining-loss.js";
