import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type SumState, sumMetricDef } from "./error-sum.js";
import type { PairArgs, RegressionInput } from "./input.js";

export const minkowskiDistanceMeta: MetricMeta = {
  id: "regression/minkowski_distance",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link minkowskiDistance}. */
export interface MinkowskiOptions {
  /** The order p >= 1 (required by torchmetrics 1.9.0; default 2 here). */
  readonly p?: number;
}

const MINKOWSKI_OPTIONS = optionNames<MinkowskiOptions>()("p");

/**
 * Minkowski distance `(sum |p_i - t_i|^p)^(1/p)` over all elements (matrix input is flattened, as
 * torchmetrics 1.9.0 `minkowski_distance`). State O(1).
 */
export function minkowskiDistanceDef(options: MinkowskiOptions = {}): MetricDef<SumState, PairArgs, number> {
  const fn = "minkowskiDistance";
  const order = optNumber(fn, "p", readOptions<MinkowskiOptions>(fn, options, MINKOWSKI_OPTIONS).p, 2, {
    min: 1,
  });
  const def = sumMetricDef<number[]>({
    id: minkowskiDistanceMeta.id,
    meta: minkowskiDistanceMeta,
    fn,
    options: { p: order },
    terms: 1,
    fill: (p, t, [o]) => {
      for (let i = 0; i < p.length; i++) o![i] = Math.abs(p[i]! - t[i]!) ** order;
    },
    finalize: ([s]) => s!,
    multioutput: "raw_values",
  });
  return {
    ...def,
    compute(state) {
      let total = 0;
      for (const v of def.compute(state)) total += v;
      return total ** (1 / order);
    },
  };
}

/**
 * Minkowski distance between `preds` and `target`.
 * @example minkowskiDistance([0, 0], [3, 4], { p: 2 }) // 5
 */
export function minkowskiDistance(
  preds: RegressionInput,
  target: RegressionInput,
  options: MinkowskiOptions = {},
): number {
  return runOnce(minkowskiDistanceDef(options), preds, target);
}
