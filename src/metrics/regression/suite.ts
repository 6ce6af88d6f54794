import { type CollectionState, metricCollection } from "../../collection/metric-collection.js";
import { readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { explainedVarianceDef } from "./explained-variance.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { kendallTauDef } from "./kendall-tau.js";
import { maxErrorDef } from "./max-error.js";
import { meanAbsoluteErrorDef } from "./mean-absolute-error.js";
import { meanAbsolutePercentageErrorDef } from "./mean-absolute-percentage-error.js";
import { meanSquaredErrorDef, rootMeanSquaredErrorDef } from "./mean-squared-error.js";
import { medianAbsoluteErrorDef } from "./median-absolute-error.js";
import { pearsonCorrelationDef } from "./pearson-correlation.js";
import { r2ScoreDef } from "./r2-score.js";
import { spearmanCorrelationDef } from "./spearman-correlation.js";

/** The regression suite: the usual report of one prediction column against one target column. */
export interface RegressionSuite {
  mse: number;
  rmse: number;
  mae: number;
  mape: number;
  medianAbsoluteError: number;
  maxError: number;
  r2: number;
  explainedVariance: number;
  pearson: number;
  spearman: number;
  kendallTau: number;
}

// biome-ignore lint/suspicious/noExplicitAny: a table of heterogeneous defs.
type AnyPairDef = MetricDef<any, PairArgs, number>;

/** The suite's members by name (what {@link regressionSuiteDef} collects), for `--metrics` subsets. */
export function regressionSuiteMembers(
  options?: Record<string, never>,
): Record<keyof RegressionSuite, AnyPairDef> {
  readOptions("regressionSuite", options, []);
  return {
    mse: meanSquaredErrorDef(),
    rmse: rootMeanSquaredErrorDef(),
    mae: meanAbsoluteErrorDef(),
    mape: meanAbsolutePercentageErrorDef(),
    medianAbsoluteError: medianAbsoluteErrorDef(),
    maxError: maxErrorDef(),
    r2: r2ScoreDef(),
    explainedVariance: explainedVarianceDef(),
    pearson: pearsonCorrelationDef(),
    spearman: spearmanCorrelationDef(),
    kendallTau: kendallTauDef(),
  };
}

/**
 * The regression suite as one collection (`metricCollection`): MSE, RMSE, MAE, MAPE, median
 * absolute error, max error, R², explained variance, Pearson, Spearman and Kendall τ-b of one
 * prediction vector against one target vector, each as its own definition computes it (scikit-learn
 * 1.9.1, torchmetrics 1.9.0, scipy 1.18.1; see each member). One update for all (a batch is
 * validated by each member), one snapshot, mergeable, rebuilt by the registry as
 * `collection/metrics`. State: O(n), since the median, Spearman and Kendall keep every pair; a
 * subset of the bounded members (`regressionSuiteMembers`) keeps bounded state. A batch any
 * member refuses leaves every state as it was.
 */
export function regressionSuiteDef(
  options?: Record<string, never>,
): MetricDef<CollectionState, PairArgs, RegressionSuite> {
  return metricCollection(regressionSuiteMembers(options)) as never;
}

/**
 * The regression suite of `preds` against `target`.
 * @example regressionSuite([1, 2, 3], [1, 2, 4]).mae // 1/3
 */
export function regressionSuite(
  preds: RegressionInput,
  target: RegressionInput,
  options?: Record<string, never>,
): RegressionSuite {
  return runOnce(regressionSuiteDef(options), preds, target);
}
