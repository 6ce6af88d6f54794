import {
  bigRatioToNumber,
  bigToNumber,
  EXACT_BASE,
  ExactSum,
  exactBigInt,
  exactSums,
} from "../../core/exact-sum.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type PairBufferState, pairBufferDef } from "./pair-buffer.js";
import { readTweediePower, tweedieDomainCheck, tweedieTerm } from "./tweedie-deviance.js";

export const d2TweedieScoreMeta: MetricMeta = {
  id: "regression/d2_tweedie_score",
  range: [Number.NEGATIVE_INFINITY, 1],
  direction: "higher",
  conventions: ["scikit-learn-1.2.1"],
};

/** Options of {@link d2TweedieScore}. */
export interface D2TweedieOptions {
  /** Tweedie power: <= 0 or >= 1 (0 normal, 1 Poisson, 2 Gamma); default 0 (scikit-learn). */
  readonly power?: number;
}

const D2_TWEEDIE_OPTIONS = optionNames<D2TweedieOptions>()("power");

function devianceSum(
  target: Float64Array,
  preds: Float64Array | number,
  term: (t: number, y: number) => number,
): bigint {
  const terms = new Float64Array(target.length);
  for (let i = 0; i < terms.length; i++)
    terms[i] = term(target[i]!, typeof preds === "number" ? preds : preds[i]!);
  const limbs = exactSums(1);
  const sum = new ExactSum(limbs);
  sum.addRun(terms, 0, terms.length);
  sum.finish();
  return exactBigInt(limbs);
}

/**
 * D² Tweedie score, `1 - Σ d(t, p) / Σ d(t, mean t)` with the unit deviance of power `power`
 * (one output only, as scikit-learn). No `force_finite` convention: a constant target divides by
 * zero (-Infinity, or NaN when also predicted exactly), as scikit-learn 1.2.1 `d2_tweedie_score`
 * does; NaN for fewer than two samples. The mean is the exact mean rounded once. State O(n).
 */
export function d2TweedieScoreDef(
  options: D2TweedieOptions = {},
): MetricDef<PairBufferState, PairArgs, number> {
  const fn = "d2TweedieScore";
  const power = readTweediePower(fn, readOptions<D2TweedieOptions>(fn, options, D2_TWEEDIE_OPTIONS).power);
  const term = tweedieTerm(power);
  return pairBufferDef({
    id: d2TweedieScoreMeta.id,
    meta: d2TweedieScoreMeta,
    fn,
    options: { power },
    multioutput: "uniform_average",
    check: tweedieDomainCheck(power, fn),
    vectorOnly: true,
    compute(p, t) {
      if (p.length < 2) return Number.NaN;
      const limbs = exactSums(1);
      const total = new ExactSum(limbs);
      total.addRun(t, 0, t.length);
      total.finish();
      const mean = bigRatioToNumber(exactBigInt(limbs), BigInt(t.length), EXACT_BASE);
      const num = devianceSum(t, p, term);
      const den = devianceSum(t, mean, term);
      if (den === 0n) return 1 - bigToNumber(num, EXACT_BASE) / 0;
      return 1 - bigRatioToNumber(num, den);
    },
  });
}

/**
 * D² Tweedie score of `preds` against `target`.
 * @example d2TweedieScore([1, 2, 3], [1, 2, 4], { power: 0 }) // R²: 1 - 1 / 4.6667 = 0.7857
 */
export function d2TweedieScore(
  preds: RegressionInput,
  target: RegressionInput,
  options: D2TweedieOptions = {},
): number {
  return runOnce(d2TweedieScoreDef(options), preds, target);
}
