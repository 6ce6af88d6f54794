import { bigRatioToNumber, bigToNumber, EXACT_BASE, exactBigInt } from "../../core/exact-sum.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import { addAbsoluteDifference } from "./exact-terms.js";
import type { PairArgs, RegressionInput } from "./input.js";

export const weightedMeanAbsolutePercentageErrorMeta: MetricMeta = {
  id: "regression/weighted_mean_absolute_percentage_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link weightedMeanAbsolutePercentageError}. */
export interface WmapeOptions {
  /** Lower bound of `sum |target|`; default 1.17e-6 (torchmetrics 1.9.0). */
  readonly epsilon?: number;
}

const WMAPE_OPTIONS = optionNames<WmapeOptions>()("epsilon");

/**
 * Weighted MAPE, `sum|p - t| / max(sum|t|, epsilon)` over all elements (matrix input is
 * flattened, as torchmetrics 1.9.0 `weighted_mean_absolute_percentage_error`). State O(1).
 */
export function weightedMeanAbsolutePercentageErrorDef(
  options: WmapeOptions = {},
): MetricDef<SumState, PairArgs, number> {
  const fn = "weightedMeanAbsolutePercentageError";
  const o = readOptions<WmapeOptions>(fn, options, WMAPE_OPTIONS);
  const epsilon = optNumber(fn, "epsilon", o.epsilon, 1.17e-6, { min: 0 });
  const def = sumMetricDef<number[]>({
    id: weightedMeanAbsolutePercentageErrorMeta.id,
    meta: weightedMeanAbsolutePercentageErrorMeta,
    fn,
    options: { epsilon },
    terms: 2,
    fill: (p, t, [a, b], spill) => {
      for (let i = 0; i < p.length; i++) {
        const e = Math.abs(p[i]! - t[i]!);
        if (e < Number.POSITIVE_INFINITY) a![i] = e;
        else {
          addAbsoluteDifference(spill(0, i), p[i]!, t[i]!);
          a![i] = 0;
        }
        b![i] = Math.abs(t[i]!);
      }
    },
    finalize: (s) => s[0]!,
    multioutput: "raw_values",
  });
  return {
    ...def,
    compute(state) {
      def.compute(state); // validates non-empty
      // Σ|p - t| / max(Σ|t|, epsilon) over every element, from the exact sums.
      let num = 0n;
      let den = 0n;
      for (let c = 0; c < state.cols; c++) {
        num += exactBigInt(state.sums, c);
        den += exactBigInt(state.sums, state.cols + c);
      }
      return bigToNumber(den, EXACT_BASE) >= epsilon
        ? bigRatioToNumber(num, den)
        : bigToNumber(num, EXACT_BASE) / epsilon;
    },
  };
}

/**
 * Weighted MAPE of `preds` against `target`.
 * @example weightedMeanAbsolutePercentageError([110, 90], [100, 100]) // 20 / 200 = 0.1
 */
export function weightedMeanAbsolutePercentageError(
  preds: RegressionInput,
  target: RegressionInput,
  options: WmapeOptions = {},
): number {
  return runOnce(weightedMeanAbsolutePercentageErrorDef(options), preds, target);
}
