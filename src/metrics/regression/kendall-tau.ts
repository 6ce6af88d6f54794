import type { CatalogEntry } from "../../catalog/types.js";
import { type MetricDef, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";
import { type PairBufferState, pairBufferDef } from "./pair-buffer.js";
import { sortKeys } from "./ranks.js";

/** Catalog entry of Kendall's tau-b. */
export const kendallTauMeta: CatalogEntry = {
  id: "regression/kendall_tau",
  title: "Kendall rank correlation (tau-b)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{n_c - n_d}{\\sqrt{(n_0 - n_1)(n_0 - n_2)}}",
  range: [-1, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Pairwise ordering agreement, corrected for ties in either variable"],
  references: [{ paper: "Knight 1966", implementation: "scipy 1.18.1 kendalltau (variant b)" }],
  traits: ["correlation", "rank"],
  exports: ["kendallTau", "kendallTauDef"],
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
function tiedPairs(values: Float64Array, from = 0, to = values.length): number {
  let pairs = 0;
  let i = from;
  while (i < to) {
    let j = i + 1;
    while (j < to && values[j] === values[i]) j++;
    const t = j - i;
    pairs += (t * (t - 1)) / 2;
    i = j;
  }
  return pairs;
}

/**
 * Kendall's tau-b by Knight's O(n log n) algorithm: sort by (x, y), count x ties (n1) and joint
 * ties (n3), count the inversions of y by merge sort (discordant pairs), then y ties (n2):
 * `tau = (n0 - n1 - n2 + n3 - 2 * swaps) / sqrt((n0 - n1)(n0 - n2))`, `n0 = n(n-1)/2`.
 * Matches scipy 1.18.1 `kendalltau` (default variant "b"); NaN when either input is constant.
 */
export function kendallTauOf(x: Float64Array, y: Float64Array): number {
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
  let n1 = 0;
  let n3 = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i]) j++;
    const t = j - i;
    n1 += (t * (t - 1)) / 2;
    if (t > 1) n3 += tiedPairs(ys, i, j);
    i = j;
  }
  const swaps = countInversions(ys);
  const n2 = tiedPairs(ys);
  const n0 = (n * (n - 1)) / 2;
  const tau = (n0 - n1 - n2 + n3 - 2 * swaps) / Math.sqrt((n0 - n1) * (n0 - n2));
  return Number.isNaN(tau) ? tau : Math.min(1, Math.max(-1, tau));
}

/** Kendall's tau-b between preds and target. Exact: state O(n), compute O(n log n). Matrix input gives one value per output (averaged unless `multioutput: "raw_values"`). */
export function kendallTauDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<PairBufferState, PairArgs, MultioutputResult<O>> {
  const multioutput = readMultioutputOptions("kendallTau", options);
  return pairBufferDef({
    id: kendallTauMeta.id,
    meta: kendallTauMeta,
    fn: "kendallTau",
    options: { multioutput },
    multioutput,
    compute: kendallTauOf,
  });
}

/**
 * Kendall's tau-b between `preds` and `target`.
 * @example kendallTau([1, 2, 3, 4], [1, 3, 2, 4]) // (5 - 1) / 6 = 0.6667
 */
export function kendallTau<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(kendallTauDef(options), preds, target);
}
