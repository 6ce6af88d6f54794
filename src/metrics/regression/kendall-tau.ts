import { fail } from "../../core/errors.js";
import { optBoolean, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { normalCdf } from "../../stats/distributions.js";
import { assertSeen, type PairArgs, type RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutput } from "./multioutput.js";
import { type PairBufferState, pairBufferDef, pairColumns } from "./pair-buffer.js";
import { sortKeys } from "./ranks.js";

export const kendallTauMeta: MetricMeta = {
  id: "regression/kendall_tau",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9", "scipy-1.10"],
};

/** Number of pairs i < j with values[i] > values[j]; sorts `values` in place (bottom-up merge sort). */
function countInversions(values: Float64Array): number {
  const n = values.length;
  let src: Float64Array = values;
  let dst: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j]! < src[i]!) {
          inversions += mid - i;
          dst[k++] = src[j++]!;
        } else dst[k++] = src[i++]!;
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== values) values.set(src);
  return inversions;
}

/** Sum over runs of equal adjacent values of t(t-1)/2, in [from, to). */
/** Tie statistics of one sorted variable: Σ t(t-1)/2, Σ t(t-1)(t-2), Σ t(t-1)(2t+5) over tie groups t, and distinct values. */
interface Ties {
  readonly pairs: number;
  readonly cubic: number;
  readonly variance: number;
  readonly distinct: number;
}

function tiesOf(sorted: Float64Array, from = 0, to = sorted.length): Ties {
  let pairs = 0;
  let cubic = 0;
  let variance = 0;
  let distinct = 0;
  let i = from;
  while (i < to) {
    let j = i + 1;
    while (j < to && sorted[j] === sorted[i]) j++;
    const t = j - i;
    pairs += (t * (t - 1)) / 2;
    cubic += t * (t - 1) * (t - 2);
    variance += t * (t - 1) * (2 * t + 5);
    distinct++;
    i = j;
  }
  return { pairs, cubic, variance, distinct };
}

/** The pair counts behind every variant of Kendall's tau and its test. */
export interface KendallStatistics {
  readonly n: number;
  /** Concordant minus discordant pairs, C - D. */
  readonly concordantMinusDiscordant: number;
  /** Pairs tied in neither variable, C + D. */
  readonly untiedPairs: number;
  readonly tiesX: Ties;
  readonly tiesY: Ties;
}

/**
 * Knight's O(n log n) pair counts: sort by (x, y), count x ties (n1) and joint ties (n3), count
 * the inversions of y by merge sort (discordant pairs, `swaps`), then y ties (n2):
 * `C - D = n0 - n1 - n2 + n3 - 2 swaps` and `C + D = n0 - n1 - n2 + n3`, `n0 = n(n-1)/2`.
 */
export function kendallStatistics(x: Float64Array, y: Float64Array): KendallStatistics {
  const n = x.length;
  const byY = sortKeys(y).order;
  const xByY = new Float64Array(n);
  for (let i = 0; i < n; i++) xByY[i] = x[byY[i]!]!;
  const byX = sortKeys(xByY).order;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = byY[byX[i]!]!;
    xs[i] = x[k]!;
    ys[i] = y[k]!;
  }
  let n3 = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i]) j++;
    if (j - i > 1) n3 += tiesOf(ys, i, j).pairs;
    i = j;
  }
  const tiesX = tiesOf(xs);
  const swaps = countInversions(ys);
  const tiesY = tiesOf(ys);
  const untiedPairs = (n * (n - 1)) / 2 - tiesX.pairs - tiesY.pairs + n3;
  return { n, concordantMinusDiscordant: untiedPairs - 2 * swaps, untiedPairs, tiesX, tiesY };
}

/** Which Kendall coefficient: torchmetrics' and scipy's `variant`. */
export type KendallVariant = "a" | "b" | "c";

/**
 * Kendall's tau of the given variant from the pair counts, clamped to [-1, 1] (torchmetrics 1.9
 * `kendall_rank_corrcoef`): a: (C - D)/(C + D) (torchmetrics' definition, which drops tied pairs);
 * b: (C - D)/sqrt((n0 - n1)(n0 - n2)); c (Stuart): 2(C - D)/(n² (m - 1)/m), m the smaller number
 * of distinct values. NaN when undefined (a constant input).
 */
export function kendallTauFrom(s: KendallStatistics, variant: KendallVariant): number {
  const n0 = (s.n * (s.n - 1)) / 2;
  const cd = s.concordantMinusDiscordant;
  let tau: number;
  if (variant === "a") tau = cd / s.untiedPairs;
  else if (variant === "b") tau = cd / Math.sqrt((n0 - s.tiesX.pairs) * (n0 - s.tiesY.pairs));
  else {
    const m = Math.min(s.tiesX.distinct, s.tiesY.distinct);
    tau = (2 * cd) / (((m - 1) / m) * s.n * s.n);
  }
  return Number.isNaN(tau) ? tau : Math.min(1, Math.max(-1, tau));
}

/** The alternative hypothesis of Kendall's test: torchmetrics' and scipy's `alternative`. */
export type KendallAlternative = "two-sided" | "less" | "greater";

/**
 * The p-value of Kendall's test of no association, by the normal approximation with the tie-
 * corrected variance (torchmetrics 1.9 `kendall_rank_corrcoef(t_test=True)`, scipy 1.10
 * `kendalltau(method="asymptotic")`): variant a: z = 3(C - D)/sqrt(n(n-1)(2n+5)/2); b and c:
 * z = (C - D)/sqrt(v) with v = (n(n-1)(2n+5) - Σx - Σy)/18 + 2 tx ty/(n(n-1)) +
 * Σ'x Σ'y/(9 n(n-1)(n-2)), where Σ sums t(t-1)(2t+5), Σ' sums t(t-1)(t-2) and t· counts tied
 * pairs of each variable. Two-sided: 2 Φ(-|z|); greater: Φ(-z); less: Φ(z). NaN when z is.
 */
export function kendallPValue(
  s: KendallStatistics,
  variant: KendallVariant,
  alternative: KendallAlternative,
): number {
  const n = s.n;
  const base = n * (n - 1) * (2 * n + 5);
  let z: number;
  if (variant === "a") z = (3 * s.concordantMinusDiscordant) / Math.sqrt(base / 2);
  else {
    const m = n * (n - 1);
    const variance =
      (base - s.tiesX.variance - s.tiesY.variance) / 18 +
      (2 * s.tiesX.pairs * s.tiesY.pairs) / m +
      (s.tiesX.cubic * s.tiesY.cubic) / (9 * m * (n - 2));
    z = s.concordantMinusDiscordant / Math.sqrt(variance);
  }
  if (Number.isNaN(z)) return Number.NaN;
  if (alternative === "two-sided") return Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return alternative === "greater" ? normalCdf(-z) : normalCdf(z);
}

/** Kendall's tau-b (scipy's default variant); NaN when either input is constant. */
export function kendallTauOf(x: Float64Array, y: Float64Array): number {
  return kendallTauFrom(kendallStatistics(x, y), "b");
}

/** Options of {@link kendallTau}. */
export interface KendallTauOptions extends MultioutputOptions {
  /** `"b"` (default, torchmetrics and scipy), `"a"` or `"c"`. */
  readonly variant?: KendallVariant;
  /** Also return the p-value of the test of no association (torchmetrics `t_test`); default false. */
  readonly tTest?: boolean;
  /** The alternative of the test; default `"two-sided"`. */
  readonly alternative?: KendallAlternative;
}

/** Kendall's tau with its test: `{ tau, pValue }`, arrays for `multioutput: "raw_values"`. */
export interface KendallTest<T> {
  tau: T;
  pValue: T;
}

/** Result type: `{ tau, pValue }` with `tTest: true`, else tau; arrays for `raw_values`. */
export type KendallResult<O> = O extends { tTest: true }
  ? KendallTest<MultioutputResult<O>>
  : MultioutputResult<O>;

const KENDALL_OPTIONS = optionNames<KendallTauOptions>()("multioutput", "variant", "tTest", "alternative");

/**
 * Kendall's rank correlation between preds and target, variant b by default, optionally with the
 * p-value of its test (`tTest`). Exact pair counts (Knight's algorithm): state O(n), compute
 * O(n log n). Matrix input gives one value per output (averaged unless `multioutput:
 * "raw_values"`; p-values are not averaged: `tTest` with several outputs needs `raw_values`).
 * Matches torchmetrics 1.9 `kendall_rank_corrcoef` and scipy 1.10 `kendalltau(method="asymptotic")`.
 */
export function kendallTauDef<O extends KendallTauOptions>(
  options: O = {} as O,
): MetricDef<PairBufferState, PairArgs, KendallResult<O>> {
  const fn = "kendallTau";
  const o = readOptions<KendallTauOptions>(fn, options, KENDALL_OPTIONS);
  const multioutput = readMultioutput(o.multioutput, fn);
  const variant = optOneOf(fn, "variant", o.variant, ["a", "b", "c"] as const, "b");
  const tTest = optBoolean(fn, "tTest", o.tTest, false);
  const alternative = optOneOf(
    fn,
    "alternative",
    o.alternative,
    ["two-sided", "less", "greater"] as const,
    "two-sided",
  );
  const def = pairBufferDef<MultioutputResult<O>>({
    id: kendallTauMeta.id,
    meta: kendallTauMeta,
    fn,
    options: { multioutput, variant, tTest, alternative },
    multioutput,
    compute: (p, t) => kendallTauFrom(kendallStatistics(p, t), variant),
  });
  if (!tTest) return def as MetricDef<PairBufferState, PairArgs, KendallResult<O>>;
  return {
    ...def,
    compute(state) {
      assertSeen(state.preds.length, fn);
      if (state.cols > 1 && multioutput !== "raw_values")
        fail(
          "invalid_option",
          `${fn}: option \`tTest\` with ${state.cols} outputs needs multioutput: "raw_values" (p-values are not averaged)`,
        );
      const tests = pairColumns(state).map(({ preds, target }) => {
        const stats = kendallStatistics(preds, target);
        return { tau: kendallTauFrom(stats, variant), pValue: kendallPValue(stats, variant, alternative) };
      });
      const result =
        multioutput === "raw_values"
          ? { tau: tests.map((x) => x.tau), pValue: tests.map((x) => x.pValue) }
          : tests[0]!;
      return result as KendallResult<O>;
    },
  };
}

/**
 * Kendall's tau between `preds` and `target` (with `tTest: true`, `{ tau, pValue }`).
 * @example kendallTau([1, 2, 3, 4], [1, 3, 2, 4]) // (5 - 1) / 6 = 0.6667
 */
export function kendallTau<O extends KendallTauOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): KendallResult<O> {
  return runOnce(kendallTauDef(options), preds, target);
}
