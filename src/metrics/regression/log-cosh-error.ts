import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import { addAbsoluteDifference } from "./exact-terms.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";

export const logCoshErrorMeta: MetricMeta = {
  id: "regression/log_cosh_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** log(cosh(x)) without overflow: |x| + log1p(exp(-2|x|)) - log 2. */
export function logCosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}

/**
 * Log-cosh error, `mean(log(cosh(preds - target)))`, per output then averaged. Matches torchmetrics
 * 1.9.0 `log_cosh_error`, computed in the overflow-free form `|e| + log1p(exp(-2|e|)) - log 2`
 * (torchmetrics' `log((exp(e) + exp(-e)) / 2)` overflows to Infinity for |e| > 710). State O(k).
 */
export function logCoshErrorDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<SumState, PairArgs, MultioutputResult<O>> {
  const multioutput = readMultioutputOptions("logCoshError", options);
  return sumMetricDef({
    id: logCoshErrorMeta.id,
    meta: logCoshErrorMeta,
    fn: "logCoshError",
    options: { multioutput },
    terms: 1,
    fill: (p, t, [o], spill) => {
      for (let i = 0; i < p.length; i++) {
        const e = p[i]! - t[i]!;
        if (e - e === 0) o![i] = logCosh(e);
        else {
          // p - t overflowed: log cosh e = |e| - log 2 to the last bit at this size.
          addAbsoluteDifference(spill(0, i), p[i]!, t[i]!);
          o![i] = -Math.LN2;
        }
      }
    },
    finalize: (_, __, exact) => exact.mean(0),
    multioutput,
  });
}

/**
 * Log-cosh error of `preds` against `target`.
 * @example logCoshError([1], [0]) // log(cosh(1)) = 0.4337808...
 */
export function logCoshError<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(logCoshErrorDef(options), preds, target);
}
