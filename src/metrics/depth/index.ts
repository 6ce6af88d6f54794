/** plumbline/depth: the public API of the monocular depth metrics (Eigen et al. 2014 conventions). */
export * from "./abs-rel.js";
export { entries as catalog } from "./catalog.js";
export * from "./delta-accuracy.js";
export * from "./depth-rmse.js";
export type { DepthArgs, DepthOptions, DepthState } from "./engine.js";
export * from "./log10-error.js";
export * from "./silog.js";
export * from "./sq-rel.js";
