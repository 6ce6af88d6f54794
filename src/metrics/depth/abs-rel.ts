import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { TensorInput } from "../image/tensor.js";
import { type DepthArgs, type DepthOptions, type DepthState, depthDef, readDepthOptions } from "./engine.js";

export const absRelMeta: MetricMeta = {
  id: "depth/abs_rel",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
};

/**
 * Absolute relative error `mean(|pred - target| / target)` over valid pixels (Eigen et al. 2014).
 * Depth values must be positive. State O(1).
 */
export function absRelDef(options: DepthOptions = {}): MetricDef<DepthState, DepthArgs, number> {
  const { protocol } = readDepthOptions("absRel", options);
  return depthDef(
    {
      meta: absRelMeta,
      fn: "absRel",
      options: {},
      terms: 1,
      term: (p, t, out) => {
        out[0] = Math.abs(p - t) / t;
      },
      finalize: (_, __, exact) => exact.mean(0),
    },
    protocol,
  );
}

/**
 * Absolute relative error of predicted depth against ground truth.
 * @example absRel([2, 4], [1, 4]) // (1/1 + 0/4) / 2 = 0.5
 */
export function absRel(preds: TensorInput, target: TensorInput, options: DepthOptions = {}): number {
  return runOnce(absRelDef(options), preds, target);
}
