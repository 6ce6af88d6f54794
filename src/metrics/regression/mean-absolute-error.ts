import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import { addAbsoluteDifference } from "./exact-terms.js";
import { fusedAbsoluteErrors } from "./fused.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";

export const meanAbsoluteErrorMeta: MetricMeta = {
  id: "regression/mean_absolute_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

/**
 * Mean absolute error, `mean(|preds - target|)`, per output then averaged. Matches torchmetrics
 * 1.9.0 `mean_absolute_error` and scikit-learn 1.9.1 `mean_absolute_error`. State O(k), update O(n).
 */
export function meanAbsoluteErrorDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<SumState, PairArgs, MultioutputResult<O>> {
  const multioutput = readMultioutputOptions("meanAbsoluteError", options);
  return sumMetricDef({
    id: meanAbsoluteErrorMeta.id,
    meta: meanAbsoluteErrorMeta,
    fn: "meanAbsoluteError",
    options: { multioutput },
    terms: 1,
    fill: (p, t, [o], spill) => {
      for (let i = 0; i < p.length; i++) {
        const e = Math.abs(p[i]! - t[i]!);
        if (e < Number.POSITIVE_INFINITY) o![i] = e;
        else {
          addAbsoluteDifference(spill(0, i), p[i]!, t[i]!);
          o![i] = 0;
        }
      }
    },
    fused: (p, t, from, to, [sum]) => fusedAbsoluteErrors(p, t, from, to, sum!, addAbsoluteDifference),
    finalize: (_, __, exact) => exact.mean(0),
    multioutput,
  });
}

/**
 * Mean absolute error of `preds` against `target`.
 * @example meanAbsoluteError([2.5, 0, 2, 8], [3, -0.5, 2, 7]) // 0.5
 */
export function meanAbsoluteError<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(meanAbsoluteErrorDef(options), preds, target);
}
