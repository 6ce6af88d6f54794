/** plumbline/depth: the public API of the monocular depth metrics (Eigen et al. 2014 conventions). */
export * from "./abs-rel.js";
export * from "./bad-pixel-rate.js";
export * from "./delta-accuracy.js";
export * from "./depth-rmse.js";
export type { DepthArgs, DepthOptions, DepthState } from "./engine.js";
export * from "./log10-error.js";
export type { DepthProtocol } from "./protocol.js";
export * from "./silog.js";
export * from "./sq-rel.js";
export * from "./whdr.js";
