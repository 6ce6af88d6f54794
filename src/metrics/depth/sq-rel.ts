import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { TensorInput } from "../image/tensor.js";
import { type DepthArgs, type DepthOptions, type DepthState, depthDef, readDepthOptions } from "./engine.js";

export const sqRelMeta: MetricMeta = {
  id: "depth/sq_rel",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
};

/** Squared relative error `mean((pred - target)^2 / target)` over valid pixels (Eigen et al. 2014). State O(1). */
export function sqRelDef(options: DepthOptions = {}): MetricDef<DepthState, DepthArgs, number> {
  const { protocol } = readDepthOptions("sqRel", options);
  return depthDef(
    {
      meta: sqRelMeta,
      fn: "sqRel",
      options: {},
      terms: 1,
      term: (p, t, out) => {
        // (p - t) · ((p - t) / t): the same value, without overflowing for large depths.
        const e = p - t;
        out[0] = e * (e / t);
      },
      finalize: (_, __, exact) => exact.mean(0),
    },
    protocol,
  );
}

/**
 * Squared relative error of predicted depth against ground truth.
 * @example sqRel([3, 4], [1, 4]) // (4/1 + 0) / 2 = 2
 */
export function sqRel(preds: TensorInput, target: TensorInput, options: DepthOptions = {}): number {
  return runOnce(sqRelDef(options), preds, target);
}
