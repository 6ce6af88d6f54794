import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutput } from "./multioutput.js";

export const meanPinballLossMeta: MetricMeta = {
  id: "regression/mean_pinball_loss",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1"],
};

/** Options of {@link meanPinballLoss}. */
export interface PinballOptions extends MultioutputOptions {
  /** The quantile the predictions estimate, in [0, 1]; default 0.5 (scikit-learn 1.9.1). */
  readonly alpha?: number;
}

/** The pinball loss of one residual `d = t - p`: `alpha d` when d >= 0, else `(alpha - 1) d` (scikit-learn). */
export function pinballTerm(d: number, alpha: number): number {
  return d >= 0 ? alpha * d : (alpha - 1) * d;
}

const PINBALL_OPTIONS = optionNames<PinballOptions>()("multioutput", "alpha");

/**
 * Mean pinball loss, `mean(alpha * max(t - p, 0) + (1 - alpha) * max(p - t, 0))`, per output then
 * averaged. Matches scikit-learn 1.9.1 `mean_pinball_loss`. State O(k).
 */
export function meanPinballLossDef<O extends PinballOptions>(
  options: O = {} as O,
): MetricDef<SumState, PairArgs, MultioutputResult<O>> {
  const fn = "meanPinballLoss";
  const o = readOptions<PinballOptions>(fn, options, PINBALL_OPTIONS);
  const multioutput = readMultioutput(o.multioutput, fn);
  const alpha = optNumber(fn, "alpha", o.alpha, 0.5, { min: 0, max: 1 });
  return sumMetricDef({
    id: meanPinballLossMeta.id,
    meta: meanPinballLossMeta,
    fn,
    options: { multioutput, alpha },
    terms: 1,
    fill: (p, t, [o], spill) => {
      for (let i = 0; i < p.length; i++) {
        const d = t[i]! - p[i]!;
        if (d - d === 0) o![i] = pinballTerm(d, alpha);
        else {
          // t - p overflowed: w (t - p) = w t - w p with exact products.
          const w = d > 0 ? alpha : alpha - 1;
          spill(0, i).addProduct(w, t[i]!);
          spill(0, i).addProduct(-w, p[i]!);
          o![i] = 0;
        }
      }
    },
    finalize: (_, __, exact) => exact.mean(0),
    multioutput,
  });
}

/**
 * Mean pinball loss of `preds` against `target`.
 * @example meanPinballLoss([0, 2], [1, 1], { alpha: 0.9 }) // (0.9 * 1 + 0.1 * 1) / 2 = 0.5
 */
export function meanPinballLoss<O extends PinballOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(meanPinballLossDef(options), preds, target);
}
