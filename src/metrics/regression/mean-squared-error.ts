import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type Spill, type SumState, sumMetricDef } from "./error-sum.js";
import { addExactSquare, squareIsSafe } from "./exact-terms.js";
import { fusedSquaredErrors } from "./fused.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";

export const meanSquaredErrorMeta: MetricMeta = {
  id: "regression/mean_squared_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export const rootMeanSquaredErrorMeta: MetricMeta = {
  ...meanSquaredErrorMeta,
  id: "regression/root_mean_squared_error",
};

/** (p - t)² as float64 computes it; terms that would overflow or underflow are added exactly. */
function squaredErrors(p: Float64Array, t: Float64Array, out: Float64Array[], spill: Spill): void {
  const o = out[0]!;
  for (let i = 0; i < p.length; i++) {
    const e = p[i]! - t[i]!;
    if (squareIsSafe(e)) o[i] = e * e;
    else {
      addExactSquare(spill(0, i), p[i]!, t[i]!, e);
      o[i] = 0;
    }
  }
}

/**
 * Mean squared error, `mean((preds - target)^2)`. Matrix input (n x k) gives one value per
 * output, averaged unless `multioutput: "raw_values"`. Matches torchmetrics 1.9.0
 * `mean_squared_error` and scikit-learn 1.9.1 `mean_squared_error`. State O(k), update O(n).
 */
export function meanSquaredErrorDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<SumState, PairArgs, MultioutputResult<O>> {
  const multioutput = readMultioutputOptions("meanSquaredError", options);
  return sumMetricDef({
    id: meanSquaredErrorMeta.id,
    meta: meanSquaredErrorMeta,
    fn: "meanSquaredError",
    options: { multioutput },
    terms: 1,
    fill: squaredErrors,
    fused: (p, t, from, to, [sum]) => fusedSquaredErrors(p, t, from, to, sum!),
    finalize: (_, __, exact) => exact.mean(0),
    multioutput,
  });
}

/**
 * Mean squared error of `preds` against `target`.
 * @example meanSquaredError([2.5, 0, 2, 8], [3, -0.5, 2, 7]) // 0.375
 */
export function meanSquaredError<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(meanSquaredErrorDef(options), preds, target);
}

/**
 * Root mean squared error, `sqrt(mean((preds - target)^2))`, per output then averaged (as
 * scikit-learn 1.9.1 `root_mean_squared_error`; torchmetrics 1.9.0 `mean_squared_error(squared=False)`
 * agrees for one output). State O(k).
 */
export function rootMeanSquaredErrorDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<SumState, PairArgs, MultioutputResult<O>> {
  const multioutput = readMultioutputOptions("rootMeanSquaredError", options);
  return sumMetricDef({
    id: rootMeanSquaredErrorMeta.id,
    meta: rootMeanSquaredErrorMeta,
    fn: "rootMeanSquaredError",
    options: { multioutput },
    terms: 1,
    fill: squaredErrors,
    fused: (p, t, from, to, [sum]) => fusedSquaredErrors(p, t, from, to, sum!),
    finalize: (_, __, exact) => exact.rootMean(0),
    multioutput,
  });
}

/**
 * Root mean squared error of `preds` against `target`.
 * @example rootMeanSquaredError([0, 0], [3, 4]) // sqrt(12.5) = 3.5355...
 */
export function rootMeanSquaredError<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(rootMeanSquaredErrorDef(options), preds, target);
}
