import { bigRatioToNumber, bigSqrtRatioToNumber } from "../../core/exact-sum.js";
import { optBoolean, optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { centred, type MomentState, momentMetricDef, perOutput, scaled } from "./moments.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutput } from "./multioutput.js";

export const relativeSquaredErrorMeta: MetricMeta = {
  id: "regression/relative_squared_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link relativeSquaredError}. */
export interface RseOptions extends MultioutputOptions {
  /** When false, the square root (root relative squared error). Default true (torchmetrics 1.9.0). */
  readonly squared?: boolean;
}

const RSE_OPTIONS = optionNames<RseOptions>()("multioutput", "squared");

/**
 * Relative squared error per output, `sum (t - p)^2 / sum (t - mean t)^2` (or its square root with
 * `squared: false`). Matches torchmetrics 1.9.0 `relative_squared_error`; a constant target
 * divides by zero (Infinity, or NaN when also exact), as there. State O(k).
 */
export function relativeSquaredErrorDef<O extends RseOptions>(
  options: O = {} as O,
): MetricDef<MomentState, PairArgs, MultioutputResult<O>> {
  const fn = "relativeSquaredError";
  const o = readOptions<RseOptions>(fn, options, RSE_OPTIONS);
  const multioutput = readMultioutput(o.multioutput, fn);
  const squared = optBoolean(fn, "squared", o.squared, true);
  return momentMetricDef({
    id: relativeSquaredErrorMeta.id,
    meta: relativeSquaredErrorMeta,
    fn,
    options: { multioutput, squared },
    sums: ["t", "tt", "sse"],
    compute: (state, moments) =>
      perOutput(state, moments, multioutput, ({ n, sums }) => {
        // SSE / SST = n SSE / (n Σt² - (Σt)²), exact; a constant target divides by zero.
        const num = scaled(n, sums.sse!);
        const den = centred(n, sums.tt!, sums.t!, sums.t!);
        if (den === 0n) return num === 0n ? Number.NaN : Number.POSITIVE_INFINITY;
        return squared ? bigRatioToNumber(num, den) : bigSqrtRatioToNumber(num, den);
      }) as MultioutputResult<O>,
  });
}

/**
 * Relative squared error of `preds` against `target`.
 * @example relativeSquaredError([2, 2], [1, 3]) // 2 / 2 = 1
 */
export function relativeSquaredError<O extends RseOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(relativeSquaredErrorDef(options), preds, target);
}
