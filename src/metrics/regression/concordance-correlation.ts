import { bigRatioToNumber } from "../../core/exact-sum.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { centred, type MomentState, momentMetricDef, perOutput } from "./moments.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";

export const concordanceCorrelationMeta: MetricMeta = {
  id: "regression/concordance_correlation",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * Lin's concordance correlation per output, `2 s_xy / (s_x^2 + s_y^2 + (mean_x - mean_y)^2)`, with
 * sample (n - 1) variances and covariance as torchmetrics 1.9.0 `concordance_corrcoef` uses (Lin's
 * paper uses n). State O(k), mergeable.
 */
export function concordanceCorrelationDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<MomentState, PairArgs, MultioutputResult<O>> {
  const fn = "concordanceCorrelation";
  const multioutput = readMultioutputOptions(fn, options);
  return momentMetricDef({
    id: concordanceCorrelationMeta.id,
    meta: concordanceCorrelationMeta,
    fn,
    options: { multioutput },
    sums: ["p", "t", "pp", "tt", "pt"],
    compute: (state, moments) =>
      perOutput(state, moments, multioutput, ({ n, sums }) => {
        // 2 s_pt / (s_p² + s_t² + (mean p - mean t)²) with (n - 1) covariances, times n²(n - 1):
        // 2n C_pt / (n (C_pp + C_tt) + (n - 1)(Σp - Σt)²), exact.
        const cpt = centred(n, sums.pt!, sums.p!, sums.t!);
        const cpp = centred(n, sums.pp!, sums.p!, sums.p!);
        const ctt = centred(n, sums.tt!, sums.t!, sums.t!);
        const bias = sums.p! - sums.t!;
        const den = n * (cpp + ctt) + (n - 1n) * bias * bias;
        if (n < 2n) return Number.NaN;
        return den === 0n ? Number.NaN : bigRatioToNumber(2n * n * cpt, den);
      }) as MultioutputResult<O>,
  });
}

/**
 * Concordance correlation between `preds` and `target`.
 * @example concordanceCorrelation([1, 2, 3], [1, 2, 3]) // 1
 */
export function concordanceCorrelation<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(concordanceCorrelationDef(options), preds, target);
}
