/** Confidence intervals and paired significance tests for evaluation results. */
export {
  type BootstrapOptions,
  bootstrapInterval,
  type Interval,
  MAX_RESAMPLES,
  type PairedTestResult,
  pairedBootstrapTest,
  permutationTest,
} from "./bootstrap.js";
export {
  type CompareOptions,
  type Comparison,
  type ComparisonRow,
  compare,
  dedicatedTest,
  type PairedTestName,
} from "./compare.js";
export { adjustPValues, benjaminiHochberg, CORRECTIONS, type Correction, holm } from "./corrections.js";
export { type DeLongResult, delongTest } from "./delong.js";
export { binomialHalfCdf, erfc, normalCdf, normalQuantile, twoSidedNormalPValue } from "./distributions.js";
export { type McNemarOptions, type McNemarResult, mcnemarTest } from "./mcnemar.js";
export {
  bootstrapMetric,
  type MetricResamplingOptions,
  pairedBootstrapMetric,
  permutationMetric,
  scalarOf,
} from "./metric-resampling.js";
export { quantileSorted } from "./quantile.js";
export { concatSamples, type SampleAxis, sampleCount, takeSamples } from "./samples.js";
