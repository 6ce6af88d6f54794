import { fail } from "../../core/errors.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import { assertAbove, type PairArgs, type PairBatch, type RegressionInput } from "./input.js";

export const tweedieDevianceMeta: MetricMeta = {
  id: "regression/tweedie_deviance",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

/** Options of {@link tweedieDeviance}. */
export interface TweedieOptions {
  /** Tweedie power p: p <= 0 or p >= 1 (0 < p < 1 is undefined). Default 0 (torchmetrics, scikit-learn). */
  readonly power?: number;
}

const TWEEDIE_OPTIONS = optionNames<TweedieOptions>()("power");

function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/** A Tweedie power option: a finite number <= 0 or >= 1 (there is no Tweedie distribution between), default 0. */
export function readTweediePower(fn: string, value: unknown): number {
  const power = optNumber(fn, "power", value, 0);
  if (power > 0 && power < 1)
    fail("invalid_option", `${fn}: option \`power\` must be <= 0 or >= 1, got ${power}`);
  return power;
}

/** The unit deviance `d(t, y)` of power `power` (see {@link tweedieDevianceDef}). */
export function tweedieTerm(power: number): (t: number, y: number) => number {
  return power === 0
    ? (t: number, y: number) => (t - y) * (t - y)
    : power === 1
      ? (t: number, y: number) => 2 * (xlogy(t, t / y) - t + y)
      : power === 2
        ? (t: number, y: number) => 2 * (Math.log(y / t) + t / y - 1)
        : (t: number, y: number) =>
            2 *
            (Math.max(t, 0) ** (2 - power) / ((1 - power) * (2 - power)) -
              (t * y ** (1 - power)) / (1 - power) +
              y ** (2 - power) / (2 - power));
}

/** The domain checks of the Tweedie deviance of power `power` (scikit-learn's), on a whole batch. */
export function tweedieDomainCheck(power: number, fn: string): (batch: PairBatch) => void {
  return (batch) => {
    if (power < 0) assertAbove(batch.preds, 0, false, fn, "preds", batch.cols);
    else if (power >= 1 && power < 2) {
      assertAbove(batch.target, 0, true, fn, "target", batch.cols);
      assertAbove(batch.preds, 0, false, fn, "preds", batch.cols);
    } else if (power >= 2) {
      assertAbove(batch.target, 0, false, fn, "target", batch.cols);
      assertAbove(batch.preds, 0, false, fn, "preds", batch.cols);
    }
  };
}

/**
 * Mean Tweedie deviance with power `p` over all elements:
 * - p = 0: `(t - y)^2`; p = 1: `2 (t log(t/y) - t + y)` (Poisson); p = 2: `2 (log(y/t) + t/y - 1)` (Gamma);
 * - otherwise `2 (max(t,0)^(2-p)/((1-p)(2-p)) - t y^(1-p)/(1-p) + y^(2-p)/(2-p))`.
 *
 * Matches torchmetrics 1.9.0 `tweedie_deviance_score` and scikit-learn 1.9.1 `mean_tweedie_deviance`,
 * including their domains: p < 0 needs preds > 0; 1 <= p < 2 needs target >= 0 and preds > 0;
 * p >= 2 needs both > 0 (else `invalid_value`); 0 < p < 1 is `invalid_option`. State O(1).
 */
export function tweedieDevianceDef(options: TweedieOptions = {}): MetricDef<SumState, PairArgs, number> {
  const fn = "tweedieDeviance";
  const power = readTweediePower(fn, readOptions<TweedieOptions>(fn, options, TWEEDIE_OPTIONS).power);
  const term = tweedieTerm(power);
  const def = sumMetricDef<number[]>({
    id: tweedieDevianceMeta.id,
    meta: tweedieDevianceMeta,
    fn,
    options: { power },
    terms: 1,
    check: tweedieDomainCheck(power, fn),
    fill: (p, t, [o]) => {
      for (let i = 0; i < p.length; i++) o![i] = term(t[i]!, p[i]!);
    },
    finalize: (_, __, exact) => exact.mean(0),
    multioutput: "raw_values",
  });
  return {
    ...def,
    compute(state) {
      const values = def.compute(state);
      let s = 0;
      for (const v of values) s += v;
      return s / values.length;
    },
  };
}

/**
 * Mean Tweedie deviance of `preds` against `target`.
 * @example tweedieDeviance([2], [1], { power: 1 }) // 2 (1 log(1/2) - 1 + 2) = 0.6137...
 */
export function tweedieDeviance(
  preds: RegressionInput,
  target: RegressionInput,
  options: TweedieOptions = {},
): number {
  return runOnce(tweedieDevianceDef(options), preds, target);
}

/** Mean Poisson deviance: Tweedie with power 1 (scikit-learn 1.9.1 `mean_poisson_deviance`). */
export function meanPoissonDeviance(preds: RegressionInput, target: RegressionInput): number {
  return tweedieDeviance(preds, target, { power: 1 });
}

/** Mean Gamma deviance: Tweedie with power 2 (scikit-learn 1.9.1 `mean_gamma_deviance`). */
export function meanGammaDeviance(preds: RegressionInput, target: RegressionInput): number {
  return tweedieDeviance(preds, target, { power: 2 });
}
