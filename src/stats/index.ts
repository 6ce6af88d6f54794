/** Confidence intervals and paired significance tests for evaluation results. */
export {
  type BootstrapOptions,
  bootstrapInterval,
  type Interval,
  type PairedTestResult,
  pairedBootstrapTest,
  permutationTest,
} from "./bootstrap.js";
export { type DeLongResult, delongTest } from "./delong.js";
export { binomialHalfCdf, erfc, normalCdf, normalQuantile, twoSidedNormalPValue } from "./distributions.js";
export { type McNemarResult, mcnemarTest } from "./mcnemar.js";
export { quantileSorted } from "./quantile.js";
