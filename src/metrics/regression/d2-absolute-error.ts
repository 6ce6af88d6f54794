import { exactSumOf } from "../../core/exact-sum.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";
import { type PairBufferState, pairBufferDef, quantileLinear } from "./pair-buffer.js";
import { finiteScore } from "./r2-score.js";

export const d2AbsoluteErrorMeta: MetricMeta = {
  id: "regression/d2_absolute_error",
  range: [Number.NEGATIVE_INFINITY, 1],
  direction: "higher",
  conventions: ["scikit-learn-1.9.1"],
};

/**
 * D² absolute error, `1 - sum|t - p| / sum|t - median(t)|`. Matches scikit-learn 1.9.1
 * `d2_absolute_error_score`: fewer than two samples give NaN; a zero denominator gives 1 if the
 * numerator is zero too, else 0. Exact: state O(n), compute O(n log n). Matrix input gives one value per output (averaged unless `multioutput: "raw_values"`).
 */
export function d2AbsoluteErrorDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<PairBufferState, PairArgs, MultioutputResult<O>> {
  const multioutput = readMultioutputOptions("d2AbsoluteError", options);
  return pairBufferDef({
    id: d2AbsoluteErrorMeta.id,
    meta: d2AbsoluteErrorMeta,
    fn: "d2AbsoluteError",
    options: { multioutput },
    multioutput,
    compute(p, t) {
      if (p.length < 2) return Number.NaN;
      const median = quantileLinear(t, 0.5);
      const num = new Float64Array(p.length);
      const den = new Float64Array(p.length);
      for (let i = 0; i < p.length; i++) {
        num[i] = Math.abs(t[i]! - p[i]!);
        den[i] = Math.abs(t[i]! - median);
      }
      return finiteScore(exactSumOf(num), exactSumOf(den));
    },
  });
}

/**
 * D² absolute error score of `preds` against `target`.
 * @example d2AbsoluteError([1, 2, 3], [1, 2, 4]) // 1 - 1 / (1 + 0 + 2) = 0.6667
 */
export function d2AbsoluteError<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(d2AbsoluteErrorDef(options), preds, target);
}
