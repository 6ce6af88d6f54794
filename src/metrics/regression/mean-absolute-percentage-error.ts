import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutput } from "./multioutput.js";

export const meanAbsolutePercentageErrorMeta: MetricMeta = {
  id: "regression/mean_absolute_percentage_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1", "torchmetrics-1.9.0"],
};

/** Options of {@link meanAbsolutePercentageError}. */
export interface MapeOptions extends MultioutputOptions {
  /**
   * Lower bound of the denominator `|target|`. Default `2.220446049250313e-16` (scikit-learn
   * 1.9.1, `np.finfo(np.float64).eps`); torchmetrics 1.9.0 uses `1.17e-6`.
   */
  readonly epsilon?: number;
}

const MAPE_OPTIONS = optionNames<MapeOptions>()("multioutput", "epsilon");

/**
 * Mean absolute percentage error as a fraction (not a percent):
 * `mean(|preds - target| / max(|target|, epsilon))`, per output then averaged.
 *
 * Matches scikit-learn 1.9.1 `mean_absolute_percentage_error` (default epsilon) and torchmetrics
 * 1.9.0 `mean_absolute_percentage_error` (`epsilon: 1.17e-6`). A zero target gives a huge finite
 * value, not Infinity. Keras and TensorFlow.js differ: they multiply by 100 and clip the
 * denominator at 1e-7. State O(k).
 */
export function meanAbsolutePercentageErrorDef<O extends MapeOptions>(
  options: O = {} as O,
): MetricDef<SumState, PairArgs, MultioutputResult<O>> {
  const fn = "meanAbsolutePercentageError";
  const o = readOptions<MapeOptions>(fn, options, MAPE_OPTIONS);
  const multioutput = readMultioutput(o.multioutput, fn);
  const epsilon = optNumber(fn, "epsilon", o.epsilon, Number.EPSILON, { min: 0 });
  return sumMetricDef({
    id: meanAbsolutePercentageErrorMeta.id,
    meta: meanAbsolutePercentageErrorMeta,
    fn,
    options: { multioutput, epsilon },
    terms: 1,
    fill: (p, t, [o], spill) => {
      for (let i = 0; i < p.length; i++) {
        const scale = Math.max(Math.abs(t[i]!), epsilon);
        const term = Math.abs(p[i]! - t[i]!) / scale;
        if (term < Number.POSITIVE_INFINITY) o![i] = term;
        else {
          // |p - t| or the ratio overflowed: 2^128 |p 2^-128 - t 2^-128| / scale, added exactly
          // with its factor (Infinity only for a zero target with epsilon 0, an error).
          spill(0, i).addScaled(Math.abs(p[i]! * 2 ** -128 - t[i]! * 2 ** -128) / scale, 128);
          o![i] = 0;
        }
      }
    },
    finalize: (_, __, exact) => exact.mean(0),
    multioutput,
  });
}

/**
 * Mean absolute percentage error of `preds` against `target` (a fraction).
 * @example meanAbsolutePercentageError([110, 90], [100, 100]) // 0.1
 */
export function meanAbsolutePercentageError<O extends MapeOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(meanAbsolutePercentageErrorDef(options), preds, target);
}
