import {
  concordanceCorrelation,
  cosineSimilarity,
  d2AbsoluteError,
  explainedVariance,
  jsDivergence,
  kendallTau,
  klDivergence,
  logCoshError,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanGammaDeviance,
  meanPinballLoss,
  meanPoissonDeviance,
  meanSquaredError,
  meanSquaredLogError,
  medianAbsoluteError,
  minkowskiDistance,
  normalizedRootMeanSquaredError,
  pearsonCorrelation,
  r2Score,
  relativeSquaredError,
  rootMeanSquaredError,
  rootMeanSquaredLogError,
  spearmanCorrelation,
  symmetricMeanAbsolutePercentageError,
  tweedieDeviance,
  weightedMeanAbsolutePercentageError,
} from "../../metrics/regression/index.js";
import type { R2Multioutput } from "../../metrics/regression/r2-score.js";
import type { Adapter } from "../types.js";
import { predsTarget } from "./inputs.js";

const pair = predsTarget;

function simple(metric: string, f: (p: never, t: never) => unknown, ref?: string): Adapter {
  return { metric, ...(ref !== undefined ? { ref } : {}), run: (inputs) => f(...pair(inputs)) };
}

/** Passes scikit-learn's `multioutput` through when the case sets it. */
function multi(options: Record<string, unknown>): { multioutput?: "raw_values" | "uniform_average" } {
  return options.multioutput !== undefined ? { multioutput: options.multioutput as "raw_values" } : {};
}

function withMultioutput(
  metric: string,
  f: (p: never, t: never, o: { multioutput?: "raw_values" | "uniform_average" }) => unknown,
  ref?: string,
): Adapter {
  return {
    metric,
    ...(ref !== undefined ? { ref } : {}),
    run: (inputs, options) => f(...pair(inputs), multi(options)),
  };
}

/** An adapter passing the case option `key` on as the library option of the same name. */
function withOption(metric: string, key: string, f: (p: never, t: never, o: never) => unknown): Adapter {
  return { metric, run: (inputs, options) => f(...pair(inputs), { [key]: options[key] } as never) };
}

/** Conformance adapters for the `regression` family. */
export const adapters: readonly Adapter[] = [
  withMultioutput("mse", meanSquaredError),
  withMultioutput("rmse", rootMeanSquaredError),
  withMultioutput("mae", meanAbsoluteError),
  withMultioutput("mape", (p, t, o) => meanAbsolutePercentageError(p, t, o), "sklearn"),
  simple("mape", (p, t) => meanAbsolutePercentageError(p, t, { epsilon: 1.17e-6 }), "torchmetrics"),
  simple("smape", symmetricMeanAbsolutePercentageError),
  simple("wmape", weightedMeanAbsolutePercentageError),
  {
    metric: "r2",
    run: (inputs, options) =>
      r2Score(...pair(inputs), {
        ...(options.multioutput !== undefined ? { multioutput: options.multioutput as R2Multioutput } : {}),
        ...(options.adjusted !== undefined ? { adjusted: options.adjusted as number } : {}),
      }),
  },
  withMultioutput("explained_variance", explainedVariance),
  simple("max_error", maxError),
  withMultioutput("median_absolute_error", medianAbsoluteError),
  {
    metric: "pinball",
    run: (inputs, options) =>
      meanPinballLoss(...pair(inputs), { alpha: options.alpha as number, ...multi(options) }),
  },
  simple("pearson", pearsonCorrelation),
  withMultioutput("spearman", spearmanCorrelation),
  withMultioutput("kendall_tau_b", kendallTau),
  // torchmetrics returns a one-element tensor for 1-D input.
  simple("concordance", (p, t) => [concordanceCorrelation(p, t)]),
  withOption("cosine_similarity", "reduction", cosineSimilarity),
  simple("log_cosh_error", logCoshError),
  simple("relative_squared_error", relativeSquaredError),
  withOption("nrmse", "normalization", normalizedRootMeanSquaredError),
  withOption("minkowski", "p", minkowskiDistance),
  simple("msle", meanSquaredLogError),
  simple("rmsle", rootMeanSquaredLogError),
  simple("poisson_deviance", meanPoissonDeviance),
  simple("gamma_deviance", meanGammaDeviance),
  withOption("tweedie_deviance", "power", tweedieDeviance),
  withMultioutput("d2_absolute_error", d2AbsoluteError),
  {
    metric: "kl_divergence",
    run: (inputs, options) =>
      klDivergence(inputs.p as never, inputs.q as never, {
        logProb: options.log_prob as boolean,
        reduction: options.reduction as "mean",
      }),
  },
  {
    metric: "js_divergence",
    run: (inputs, options) =>
      jsDivergence(inputs.p as never, inputs.q as never, {
        logProb: options.log_prob as boolean,
        reduction: options.reduction as "mean",
      }),
  },
];
