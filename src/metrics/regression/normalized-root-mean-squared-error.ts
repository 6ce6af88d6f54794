import { bigSqrtRatioToNumber, EXACT_BASE } from "../../core/exact-sum.js";
import { optionNames, optOneOf, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { centred, type MomentState, momentMetricDef, perOutput, scaled } from "./moments.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutput } from "./multioutput.js";

export const normalizedRootMeanSquaredErrorMeta: MetricMeta = {
  id: "regression/normalized_root_mean_squared_error",
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** The normaliser of the RMSE: the target's mean, range, population std or L2 norm. */
export type NrmseNormalization = "mean" | "range" | "std" | "l2";

/** Options of {@link normalizedRootMeanSquaredError}. */
export interface NrmseOptions extends MultioutputOptions {
  /** Default `"mean"` (torchmetrics 1.9.0). */
  readonly normalization?: NrmseNormalization;
}

const NRMSE_OPTIONS = optionNames<NrmseOptions>()("multioutput", "normalization");

/**
 * NRMSE per output: `RMSE / denom`, with `denom` the target's mean, range (max - min), population
 * standard deviation or L2 norm, over everything seen. Matches torchmetrics 1.9.0
 * `normalized_root_mean_squared_error` (its functional form; the module normalises per update).
 * State O(k): exact moments (`moments.ts`) plus running min/max.
 */
export function normalizedRootMeanSquaredErrorDef<O extends NrmseOptions>(
  options: O = {} as O,
): MetricDef<MomentState, PairArgs, MultioutputResult<O>> {
  const fn = "normalizedRootMeanSquaredError";
  const o = readOptions<NrmseOptions>(fn, options, NRMSE_OPTIONS);
  const multioutput = readMultioutput(o.multioutput, fn);
  const normalization = optOneOf(
    fn,
    "normalization",
    o.normalization,
    ["mean", "range", "std", "l2"] as const,
    "mean",
  );
  return momentMetricDef({
    id: normalizedRootMeanSquaredErrorMeta.id,
    meta: normalizedRootMeanSquaredErrorMeta,
    fn,
    options: { multioutput, normalization },
    sums: ["t", "tt", "sse"],
    range: normalization === "range",
    compute: (state, moments) =>
      perOutput(state, moments, multioutput, ({ n, sums, minT, maxT }) => {
        const sse = sums.sse!;
        const t = sums.t!;
        if (normalization === "range") return bigSqrtRatioToNumber(sse, n, EXACT_BASE) / (maxT - minT);
        // rmse / mean = sign(Σt) sqrt(n SSE / (Σt)²); rmse / std = sqrt(n SSE / C_tt); rmse / l2 = sqrt(SSE / (n Σt²)).
        if (normalization === "mean") {
          if (t === 0n) return sse === 0n ? Number.NaN : Number.POSITIVE_INFINITY;
          const r = bigSqrtRatioToNumber(scaled(n, sse), t * t);
          return t < 0n ? -r : r;
        }
        const den = normalization === "std" ? centred(n, sums.tt!, t, t) : scaled(n, sums.tt!);
        if (den === 0n) return sse === 0n ? Number.NaN : Number.POSITIVE_INFINITY;
        return bigSqrtRatioToNumber(
          normalization === "std" ? scaled(n, sse) : sse << BigInt(-EXACT_BASE),
          den,
        );
      }) as MultioutputResult<O>,
  });
}

/**
 * NRMSE of `preds` against `target`.
 * @example normalizedRootMeanSquaredError([1, 3], [2, 4], { normalization: "range" }) // 1 / 2 = 0.5
 */
export function normalizedRootMeanSquaredError<O extends NrmseOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(normalizedRootMeanSquaredErrorDef(options), preds, target);
}
