import { optBoolean, optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { centred, type MomentState, momentMetricDef } from "./moments.js";
import { exactScores, type R2Multioutput, type R2Result, readMultioutput } from "./r2-score.js";

export const explainedVarianceMeta: MetricMeta = {
  id: "regression/explained_variance",
  range: [Number.NEGATIVE_INFINITY, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

/** Options of {@link explainedVariance}. */
export interface ExplainedVarianceOptions {
  /** scikit-learn's `force_finite` (default true), as for {@link r2Score}. */
  readonly forceFinite?: boolean;
  /** Default `"uniform_average"`. */
  readonly multioutput?: R2Multioutput;
}

const EV_OPTIONS = optionNames<ExplainedVarianceOptions>()("multioutput", "forceFinite");

/**
 * Explained variance, `1 - Var(t - p) / Var(t)` per output (population variances), combined by
 * `multioutput`. Matches torchmetrics 1.9.0 `explained_variance` and scikit-learn 1.9.1
 * `explained_variance_score`; a constant target gives 1 if `Var(t - p) = 0`, else 0. State O(k).
 */
export function explainedVarianceDef<O extends ExplainedVarianceOptions>(
  options: O = {} as O,
): MetricDef<MomentState, PairArgs, R2Result<O>> {
  const fn = "explainedVariance";
  const o = readOptions<ExplainedVarianceOptions>(fn, options, EV_OPTIONS);
  const multioutput = readMultioutput(o.multioutput, fn);
  const forceFinite = optBoolean(fn, "forceFinite", o.forceFinite, true);
  return momentMetricDef({
    id: explainedVarianceMeta.id,
    meta: explainedVarianceMeta,
    fn,
    options: { multioutput, forceFinite },
    sums: ["t", "tt", "e", "ee"],
    compute(state, moments) {
      const nums: bigint[] = [];
      const dens: bigint[] = [];
      for (let c = 0; c < state.cols; c++) {
        const { n, sums } = moments(c);
        // n² Var(p - t) and n² Var(t), exact.
        nums.push(centred(n, sums.ee!, sums.e!, sums.e!));
        dens.push(centred(n, sums.tt!, sums.t!, sums.t!));
      }
      return exactScores(nums, dens, multioutput, forceFinite) as R2Result<O>;
    },
  });
}

/**
 * Explained variance of `preds` against `target`.
 * @example explainedVariance([2.5, 0, 2, 8], [3, -0.5, 2, 7]) // 0.957173...
 */
export function explainedVariance<O extends ExplainedVarianceOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): R2Result<O> {
  return runOnce(explainedVarianceDef(options), preds, target);
}
