/** plumbline/regression: the public API of the regression metrics. */
export * from "./concordance-correlation.js";
export * from "./cosine-similarity.js";
export * from "./d2-absolute-error.js";
export * from "./d2-pinball-score.js";
export * from "./d2-tweedie-score.js";
export type {
  DivergenceArgs,
  DivergenceOptions,
  DivergenceReduction,
  DivergenceResult,
  DivergenceState,
} from "./divergence.js";
export type { SumState } from "./error-sum.js";
export * from "./explained-variance.js";
export type { PairArgs, RegressionInput } from "./input.js";
export * from "./js-divergence.js";
export * from "./kendall-tau.js";
export * from "./kl-divergence.js";
export * from "./log-cosh-error.js";
export * from "./max-error.js";
export * from "./mean-absolute-error.js";
export * from "./mean-absolute-percentage-error.js";
export * from "./mean-squared-error.js";
export * from "./mean-squared-log-error.js";
export * from "./median-absolute-error.js";
export * from "./median-absolute-error-sketch.js";
export * from "./minkowski-distance.js";
export type { MomentState } from "./moments.js";
export type { Multioutput, MultioutputOptions, MultioutputResult } from "./multioutput.js";
export * from "./normalized-root-mean-squared-error.js";
export type { PairBufferState } from "./pair-buffer.js";
export * from "./pearson-correlation.js";
export * from "./pinball-loss.js";
export * from "./r2-score.js";
export * from "./relative-squared-error.js";
export * from "./spearman-correlation.js";
export {
  type RegressionSuite,
  regressionSuite,
  regressionSuiteDef,
  regressionSuiteMembers,
} from "./suite.js";
export * from "./symmetric-mean-absolute-percentage-error.js";
export * from "./tweedie-deviance.js";
export * from "./weighted-mean-absolute-percentage-error.js";
