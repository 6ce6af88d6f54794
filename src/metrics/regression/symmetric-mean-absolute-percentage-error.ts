import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import type { PairArgs, RegressionInput } from "./input.js";

export const symmetricMeanAbsolutePercentageErrorMeta: MetricMeta = {
  id: "regression/symmetric_mean_absolute_percentage_error",
  range: [0, 2],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link symmetricMeanAbsolutePercentageError}. */
export interface SmapeOptions {
  /** Lower bound of `|target| + |preds|`; default 1.17e-6 (torchmetrics 1.9.0). */
  readonly epsilon?: number;
}

const SMAPE_OPTIONS = optionNames<SmapeOptions>()("epsilon");

/**
 * Symmetric MAPE, `2/n * sum(|p - t| / max(|t| + |p|, epsilon))`, over all elements (matrix input
 * is flattened, as torchmetrics 1.9.0 `symmetric_mean_absolute_percentage_error` does). Range [0, 2].
 * State O(1).
 */
export function symmetricMeanAbsolutePercentageErrorDef(
  options: SmapeOptions = {},
): MetricDef<SumState, PairArgs, number> {
  const fn = "symmetricMeanAbsolutePercentageError";
  const o = readOptions<SmapeOptions>(fn, options, SMAPE_OPTIONS);
  const epsilon = optNumber(fn, "epsilon", o.epsilon, 1.17e-6, { min: 0 });
  const def = sumMetricDef<number[]>({
    id: symmetricMeanAbsolutePercentageErrorMeta.id,
    meta: symmetricMeanAbsolutePercentageErrorMeta,
    fn,
    options: { epsilon },
    terms: 1,
    fill: (p, t, [o]) => {
      for (let i = 0; i < p.length; i++) {
        const a = p[i]!;
        const b = t[i]!;
        // Past 1.8e308 the difference or the sum of magnitudes overflows: the same ratio on halves.
        const big = Math.abs(a) + Math.abs(b) === Number.POSITIVE_INFINITY;
        o![i] = big
          ? 2 * (Math.abs(a / 2 - b / 2) / Math.max(Math.abs(a / 2) + Math.abs(b / 2), epsilon))
          : (2 * Math.abs(a - b)) / Math.max(Math.abs(a) + Math.abs(b), epsilon);
      }
    },
    finalize: (_, __, exact) => exact.mean(0),
    multioutput: "raw_values",
  });
  return { ...def, compute: (state) => flatMean(def.compute(state)) };
}

/** Mean over outputs of per-output means (equal row counts, so the flat mean). */
function flatMean(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * Symmetric MAPE of `preds` against `target`.
 * @example symmetricMeanAbsolutePercentageError([110, 90], [100, 100]) // (20/210 + 20/190) / 2 = 0.10025...
 */
export function symmetricMeanAbsolutePercentageError(
  preds: RegressionInput,
  target: RegressionInput,
  options: SmapeOptions = {},
): number {
  return runOnce(symmetricMeanAbsolutePercentageErrorDef(options), preds, target);
}
