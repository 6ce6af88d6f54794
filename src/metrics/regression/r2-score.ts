import { bigRatioToNumber } from "../../core/exact-sum.js";
import { optBoolean, optInteger, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { centred, type MomentState, momentMetricDef, scaled } from "./moments.js";

export const r2ScoreMeta: MetricMeta = {
  id: "regression/r2_score",
  range: [Number.NEGATIVE_INFINITY, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

/** How per-output scores combine: scikit-learn's and torchmetrics' `multioutput`. */
export type R2Multioutput = "uniform_average" | "raw_values" | "variance_weighted";

/** Options of {@link r2Score} and {@link explainedVariance}. */
export interface R2Options {
  /** Default `"uniform_average"`. `"variance_weighted"` weights each output by its target variance. */
  readonly multioutput?: R2Multioutput;
  /** Number of regressors for the adjusted R² (torchmetrics `adjusted`); default 0 (plain R²). */
  readonly adjusted?: number;
  /**
   * scikit-learn's `force_finite` (default true): a constant target scores 1 when predicted
   * exactly, else 0. False: the plain formula's NaN or -Infinity.
   */
  readonly forceFinite?: boolean;
}

/** Result type: `number[]` for `raw_values`, else a number. */
export type R2Result<O> = O extends { multioutput: "raw_values" } ? number[] : number;

/**
 * One output's score `1 - num / den` with scikit-learn's `force_finite` convention: a zero
 * denominator (constant target) gives 1 when the numerator is zero too, else 0.
 */
export function finiteScore(num: number, den: number): number {
  if (den !== 0) return num !== 0 ? 1 - num / den : 1;
  return num !== 0 ? 0 : 1;
}

/**
 * One output's `1 - num / den` from exact numerators and denominators (in the same units), rounded
 * once. With `forceFinite` (scikit-learn's default) a zero denominator gives 1 when the numerator
 * is zero too, else 0; without, the plain formula's NaN (0/0) or -Infinity.
 */
export function exactScore(num: bigint, den: bigint, forceFinite = true): number {
  if (den === 0n)
    return num === 0n ? (forceFinite ? 1 : Number.NaN) : forceFinite ? 0 : Number.NEGATIVE_INFINITY;
  return num === 0n ? 1 : bigRatioToNumber(den - num, den);
}

/**
 * Per-output scores from exact numerators and denominators, combined by `multioutput` as
 * scikit-learn 1.2.1 `_assemble_r2_explained_variance` does: `variance_weighted` weights each
 * output by its denominator share, or uniformly when every denominator is zero.
 */
export function exactScores(
  nums: bigint[],
  dens: bigint[],
  multioutput: R2Multioutput,
  forceFinite = true,
): number | number[] {
  const scores = nums.map((num, i) => exactScore(num, dens[i]!, forceFinite));
  const total = dens.reduce((a, b) => a + b, 0n);
  if (multioutput === "raw_values") return scores;
  if (multioutput === "uniform_average" || total === 0n)
    return scores.reduce((a, b) => a + b, 0) / scores.length;
  let s = 0;
  for (let i = 0; i < scores.length; i++) s += bigRatioToNumber(dens[i]!, total) * scores[i]!;
  return s;
}

/** Validates an R²-style `multioutput` option (default `"uniform_average"`). */
export function readMultioutput(value: unknown, fn: string): R2Multioutput {
  return optOneOf(
    fn,
    "multioutput",
    value,
    ["uniform_average", "raw_values", "variance_weighted"] as const,
    "uniform_average",
  );
}

const R2_OPTIONS = optionNames<R2Options>()("multioutput", "adjusted", "forceFinite");

/** Validates the R² options (`multioutput` and a non-negative integer `adjusted`). */
export function readR2Options(
  options: unknown,
  fn: string,
): { multioutput: R2Multioutput; adjusted: number; forceFinite: boolean } {
  const o = readOptions<R2Options>(fn, options, R2_OPTIONS);
  const multioutput = readMultioutput(o.multioutput, fn);
  const adjusted = optInteger(fn, "adjusted", o.adjusted, 0, { min: 0 });
  const forceFinite = optBoolean(fn, "forceFinite", o.forceFinite, true);
  return { multioutput, adjusted, forceFinite };
}

function adjust(value: number, n: number, adjusted: number): number {
  // torchmetrics falls back to the plain score (with a warning) when adjusted >= n - 1.
  if (adjusted === 0 || adjusted >= n - 1) return value;
  return 1 - ((1 - value) * (n - 1)) / (n - adjusted - 1);
}

/**
 * R², `1 - SS_res / SS_tot` per output, with `SS_tot = sum (t - mean t)^2`, combined by
 * `multioutput`, then optionally adjusted: `1 - (1 - R²)(n - 1)/(n - adjusted - 1)`.
 *
 * Matches torchmetrics 1.9.0 `r2_score` and scikit-learn 1.9.1 `r2_score`. A constant target
 * follows scikit-learn: 1 when predicted exactly, else 0 (torchmetrics uses `isclose(atol=1e-4)`
 * instead). Fewer than two samples give NaN (scikit-learn; torchmetrics raises). `adjusted >= n - 1`
 * falls back to the plain score (torchmetrics). State O(k) (exact moments, `moments.ts`), update O(n).
 */
export function r2ScoreDef<O extends R2Options>(
  options: O = {} as O,
): MetricDef<MomentState, PairArgs, R2Result<O>> {
  const fn = "r2Score";
  const { multioutput, adjusted, forceFinite } = readR2Options(options, fn);
  return momentMetricDef({
    id: r2ScoreMeta.id,
    meta: r2ScoreMeta,
    fn,
    options: { multioutput, adjusted, forceFinite },
    sums: ["t", "tt", "sse"],
    compute(state, moments) {
      const nums: bigint[] = [];
      const dens: bigint[] = [];
      for (let c = 0; c < state.cols; c++) {
        const { n, sums } = moments(c);
        // n SS_res and n SS_tot = n Σt² - (Σt)², both exact in units of 2^(2 EXACT_BASE).
        nums.push(scaled(n, sums.sse!));
        dens.push(centred(n, sums.tt!, sums.t!, sums.t!));
      }
      const combined =
        state.count < 2
          ? multioutput === "raw_values"
            ? nums.map(() => Number.NaN)
            : Number.NaN
          : exactScores(nums, dens, multioutput, forceFinite);
      const result = Array.isArray(combined)
        ? combined.map((v) => adjust(v, state.count, adjusted))
        : adjust(combined, state.count, adjusted);
      return result as R2Result<O>;
    },
  });
}

/**
 * R² of `preds` against `target`.
 * @example r2Score([2.5, 0, 2, 8], [3, -0.5, 2, 7]) // 1 - 1.5 / 29.1875 = 0.948608...
 */
export function r2Score<O extends R2Options>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): R2Result<O> {
  return runOnce(r2ScoreDef(options), preds, target);
}
