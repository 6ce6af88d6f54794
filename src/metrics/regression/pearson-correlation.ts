import { bigSqrtRatioToNumber } from "../../core/exact-sum.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { centred, type MomentState, momentMetricDef, perOutput } from "./moments.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";

export const pearsonCorrelationMeta: MetricMeta = {
  id: "regression/pearson_correlation",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scipy-1.18.1"],
};

/**
 * Pearson's r per output, `C_xy / sqrt(M2_x M2_y)` from exact co-moments (`moments.ts`), clamped to
 * [-1, 1] as torchmetrics 1.9.0 `pearson_corrcoef` does. A constant input gives NaN (0/0), as in
 * torchmetrics and scipy. State O(k), mergeable.
 */
export function pearsonCorrelationDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<MomentState, PairArgs, MultioutputResult<O>> {
  const fn = "pearsonCorrelation";
  const multioutput = readMultioutputOptions(fn, options);
  return momentMetricDef({
    id: pearsonCorrelationMeta.id,
    meta: pearsonCorrelationMeta,
    fn,
    options: { multioutput },
    sums: ["p", "t", "pp", "tt", "pt"],
    compute: (state, moments) =>
      perOutput(state, moments, multioutput, ({ n, sums }) => {
        // r = C_pt / sqrt(C_pp C_tt), with C_xy = n Σxy - Σx Σy exact: r² as one exact ratio.
        const cpt = centred(n, sums.pt!, sums.p!, sums.t!);
        const cpp = centred(n, sums.pp!, sums.p!, sums.p!);
        const ctt = centred(n, sums.tt!, sums.t!, sums.t!);
        if (cpp === 0n || ctt === 0n) return Number.NaN;
        const r = bigSqrtRatioToNumber(cpt * cpt, cpp * ctt);
        return Math.min(1, cpt < 0n ? -r : r);
      }) as MultioutputResult<O>,
  });
}

/**
 * Pearson correlation between `preds` and `target`.
 * @example pearsonCorrelation([1, 2, 3], [2, 4, 7]) // 5 / sqrt(2 * (38/3 * ... )) = 0.993399...
 */
export function pearsonCorrelation<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(pearsonCorrelationDef(options), preds, target);
}
