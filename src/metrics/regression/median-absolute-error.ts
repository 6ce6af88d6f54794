import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";
import { type PairBufferState, pairBufferDef, quantileLinear } from "./pair-buffer.js";

export const medianAbsoluteErrorMeta: MetricMeta = {
  id: "regression/median_absolute_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1"],
};

/**
 * Median of `|preds - target|` (the mean of the two middle values for even n). Matches
 * scikit-learn 1.9.1 `median_absolute_error` (`np.median`). Exact: state O(n), compute O(n log n).
 * Matrix input gives one value per output (averaged unless `multioutput: "raw_values"`).
 */
export function medianAbsoluteErrorDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<PairBufferState, PairArgs, MultioutputResult<O>> {
  const multioutput = readMultioutputOptions("medianAbsoluteError", options);
  return pairBufferDef({
    id: medianAbsoluteErrorMeta.id,
    meta: medianAbsoluteErrorMeta,
    fn: "medianAbsoluteError",
    options: { multioutput },
    multioutput,
    compute(p, t) {
      const errors = new Float64Array(p.length);
      for (let i = 0; i < p.length; i++) errors[i] = Math.abs(p[i]! - t[i]!);
      return quantileLinear(errors, 0.5);
    },
  });
}

/**
 * Median absolute error of `preds` against `target`.
 * @example medianAbsoluteError([2.5, 0, 2, 8], [3, -0.5, 2, 7]) // median(0.5, 0.5, 0, 1) = 0.5
 */
export function medianAbsoluteError<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(medianAbsoluteErrorDef(options), preds, target);
}
