import { ExactSum, exactBigInt, exactSums } from "../../core/exact-sum.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutput } from "./multioutput.js";
import { type PairBufferState, pairBufferDef, quantileLinear } from "./pair-buffer.js";
import { pinballTerm } from "./pinball-loss.js";
import { exactScore } from "./r2-score.js";

export const d2PinballScoreMeta: MetricMeta = {
  id: "regression/d2_pinball_score",
  range: [Number.NEGATIVE_INFINITY, 1],
  direction: "higher",
  conventions: ["scikit-learn-1.2.1"],
};

/** Options of {@link d2PinballScore}. */
export interface D2PinballOptions extends MultioutputOptions {
  /** The quantile level α in [0, 1]; default 0.5 (the median, so D² absolute error). */
  readonly alpha?: number;
}

const D2_PINBALL_OPTIONS = optionNames<D2PinballOptions>()("multioutput", "alpha");

/** Σ pinball(t_i - p_i) minus nothing: the exact sum of the pinball terms, as a BigInt. */
function pinballSum(target: Float64Array, preds: Float64Array | number, alpha: number): bigint {
  const terms = new Float64Array(target.length);
  for (let i = 0; i < terms.length; i++)
    terms[i] = pinballTerm(target[i]! - (typeof preds === "number" ? preds : preds[i]!), alpha);
  const limbs = exactSums(1);
  const sum = new ExactSum(limbs);
  sum.addRun(terms, 0, terms.length);
  sum.finish();
  return exactBigInt(limbs);
}

/**
 * D² pinball score per output, `1 - Σ ρα(t - p) / Σ ρα(t - qα(t))` with qα the α-quantile of
 * the target (numpy's linear percentile), combined by `multioutput`. scikit-learn's conventions:
 * 1 when the numerator is 0, 0 when only the denominator is; NaN for fewer than two samples.
 * Matches scikit-learn 1.2.1 `d2_pinball_score`. Sums exact; state O(n) (the quantile needs
 * every target), compute O(n log n).
 */
export function d2PinballScoreDef<O extends D2PinballOptions>(
  options: O = {} as O,
): MetricDef<PairBufferState, PairArgs, MultioutputResult<O>> {
  const fn = "d2PinballScore";
  const o = readOptions<D2PinballOptions>(fn, options, D2_PINBALL_OPTIONS);
  const multioutput = readMultioutput(o.multioutput, fn);
  const alpha = optNumber(fn, "alpha", o.alpha, 0.5, { min: 0, max: 1 });
  return pairBufferDef({
    id: d2PinballScoreMeta.id,
    meta: d2PinballScoreMeta,
    fn,
    options: { multioutput, alpha },
    multioutput,
    compute(p, t) {
      if (p.length < 2) return Number.NaN;
      return exactScore(pinballSum(t, p, alpha), pinballSum(t, quantileLinear(t, alpha), alpha));
    },
  });
}

/**
 * D² pinball score of `preds` against `target`.
 * @example d2PinballScore([1, 3, 3], [1, 2, 3]) // 1 - (0.5 / (1 + 0 + 1) * 2) = 0.5 (median 2)
 */
export function d2PinballScore<O extends D2PinballOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(d2PinballScoreDef(options), preds, target);
}
