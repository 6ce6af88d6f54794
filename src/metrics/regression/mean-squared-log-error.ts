import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import { assertAbove, type PairArgs, type PairBatch, type RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";

export const meanSquaredLogErrorMeta: MetricMeta = {
  id: "regression/mean_squared_log_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1", "torchmetrics-1.9.0"],
};

export const rootMeanSquaredLogErrorMeta: MetricMeta = {
  ...meanSquaredLogErrorMeta,
  id: "regression/root_mean_squared_log_error",
  conventions: ["scikit-learn-1.9.1"],
};

function checker(fn: string): (batch: PairBatch) => void {
  return (batch) => {
    assertAbove(batch.preds, -1, false, fn, "preds", batch.cols);
    assertAbove(batch.target, -1, false, fn, "target", batch.cols);
  };
}

function logErrors(p: Float64Array, t: Float64Array, [o]: Float64Array[]): void {
  for (let i = 0; i < p.length; i++) {
    const e = Math.log1p(t[i]!) - Math.log1p(p[i]!);
    o![i] = e * e;
  }
}

/**
 * Mean squared logarithmic error, `mean((log1p(target) - log1p(preds))^2)`, per output then
 * averaged. Matches scikit-learn 1.9.1 `mean_squared_log_error`, which accepts any value above -1
 * (scikit-learn 1.2 raised on any negative value; Keras clips to epsilon instead). A value <= -1
 * raises `invalid_value`. State O(k).
 */
export function meanSquaredLogErrorDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<SumState, PairArgs, MultioutputResult<O>> {
  const fn = "meanSquaredLogError";
  const multioutput = readMultioutputOptions(fn, options);
  return sumMetricDef({
    id: meanSquaredLogErrorMeta.id,
    meta: meanSquaredLogErrorMeta,
    fn,
    options: { multioutput },
    terms: 1,
    check: checker(fn),
    fill: logErrors,
    finalize: (_, __, exact) => exact.mean(0),
    multioutput,
  });
}

/**
 * Mean squared logarithmic error of `preds` against `target`.
 * @example meanSquaredLogError([Math.E - 1], [0]) // (0 - 1)^2 = 1
 */
export function meanSquaredLogError<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(meanSquaredLogErrorDef(options), preds, target);
}

/**
 * Root mean squared logarithmic error, `sqrt(MSLE)` per output then averaged (scikit-learn 1.9.1
 * `root_mean_squared_log_error`). Same domain as {@link meanSquaredLogErrorDef}. State O(k).
 */
export function rootMeanSquaredLogErrorDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<SumState, PairArgs, MultioutputResult<O>> {
  const fn = "rootMeanSquaredLogError";
  const multioutput = readMultioutputOptions(fn, options);
  return sumMetricDef({
    id: rootMeanSquaredLogErrorMeta.id,
    meta: rootMeanSquaredLogErrorMeta,
    fn,
    options: { multioutput },
    terms: 1,
    check: checker(fn),
    fill: logErrors,
    finalize: (_, __, exact) => exact.rootMean(0),
    multioutput,
  });
}

/**
 * Root mean squared logarithmic error of `preds` against `target`.
 * @example rootMeanSquaredLogError([Math.E - 1, 0], [0, 0]) // sqrt(1/2)
 */
export function rootMeanSquaredLogError<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(rootMeanSquaredLogErrorDef(options), preds, target);
}
