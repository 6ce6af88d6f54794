/** plumbline/core: shared machinery for metrics (coercion, validation, errors, kernels, codec). */

export * from "../metric.js";
export * from "./buffer.js";
export * from "./close.js";
export * from "./codec.js";
export * from "./coerce.js";
export * from "./cumsum.js";
export * from "./curve-binning.js";
export * from "./errors.js";
export * from "./limits.js";
export * from "./options.js";
export * from "./quantile-sketch.js";
export * from "./sha256.js";
export * from "./sort.js";
export * from "./sort-float64.js";
export * from "./state-check.js";
export * from "./sum.js";
export * from "./validate.js";
