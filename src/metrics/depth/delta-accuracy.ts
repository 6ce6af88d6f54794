import { optionNames, optNumber } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { TensorInput } from "../image/tensor.js";
import {
  DEPTH_OPTIONS,
  type DepthArgs,
  type DepthOptions,
  type DepthState,
  depthDef,
  readDepthOptions,
} from "./engine.js";

export const deltaAccuracyMeta: MetricMeta = {
  id: "depth/delta_accuracy",
  range: [0, 1],
  direction: "higher",
};

/** Options of {@link deltaAccuracy}. */
export interface DeltaAccuracyOptions extends DepthOptions {
  /** Ratio threshold (strict `<`); default 1.25. The usual three are 1.25, 1.25^2 = 1.5625, 1.25^3 = 1.953125. */
  readonly threshold?: number;
}

const DELTA_OPTIONS = optionNames<DeltaAccuracyOptions>()(...DEPTH_OPTIONS, "threshold");

/**
 * Fraction of valid pixels with `max(pred/target, target/pred) < threshold` (Eigen et al. 2014).
 * The count is exact. State O(1).
 */
export function deltaAccuracyDef(
  options: DeltaAccuracyOptions = {},
): MetricDef<DepthState, DepthArgs, number> {
  const fn = "deltaAccuracy";
  const { o, protocol } = readDepthOptions<DeltaAccuracyOptions>(fn, options, DELTA_OPTIONS);
  const threshold = optNumber(fn, "threshold", o.threshold, 1.25, { min: 1 });
  return depthDef(
    {
      meta: deltaAccuracyMeta,
      fn,
      options: { threshold },
      terms: 1,
      term: (p, t, out) => {
        out[0] = Math.max(p / t, t / p) < threshold ? 1 : 0;
      },
      finalize: (_, __, exact) => exact.mean(0),
    },
    protocol,
  );
}

/**
 * Threshold accuracy of predicted depth.
 * @example deltaAccuracy([1, 2], [1, 1]) // ratios 1 and 2: 1 of 2 below 1.25 = 0.5
 */
export function deltaAccuracy(
  preds: TensorInput,
  target: TensorInput,
  options: DeltaAccuracyOptions = {},
): number {
  return runOnce(deltaAccuracyDef(options), preds, target);
}
