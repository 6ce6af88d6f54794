/** Monocular depth losses. */
export * from "./berhu-loss.js";
export {
  berHuLossEntry,
  edgeAwareSmoothnessLossEntry,
  edgeLossEntry,
  leftRightConsistencyLossEntry,
  minimumReprojectionLossEntry,
  photometricLossEntry,
  scaleInvariantLogLossEntry,
  scaleShiftInvariantLossEntry,
  ssimLossEntry,
} from "./catalog.js";
export * from "./edge-aware-smoothness-loss.js";
export * from "./edge-loss.js";
export * from "./horizontal-sampler.js";
export * from "./left-right-consistency-loss.js";
export * from "./minimum-reprojection-loss.js";
export * from "./photometric-loss.js";
export * from "./scale-invariant-log-loss.js";
export * from "./scale-shift-invariant-loss.js";
export * from "./ssim-loss.js";
