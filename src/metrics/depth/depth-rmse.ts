import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { TensorInput } from "../image/tensor.js";
import { addExactSquare, squareIsSafe } from "../regression/exact-terms.js";
import { type DepthArgs, type DepthOptions, type DepthState, depthDef, readDepthOptions } from "./engine.js";

export const depthRmseMeta: MetricMeta = {
  id: "depth/rmse",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
};

export const depthRmseLogMeta: MetricMeta = {
  ...depthRmseMeta,
  id: "depth/rmse_log",
};

/** Depth RMSE `sqrt(mean((pred - target)^2))` over valid pixels (Eigen et al. 2014). State O(1). */
export function depthRmseDef(options: DepthOptions = {}): MetricDef<DepthState, DepthArgs, number> {
  const { protocol } = readDepthOptions("depthRmse", options);
  return depthDef(
    {
      meta: depthRmseMeta,
      fn: "depthRmse",
      options: {},
      terms: 1,
      term: (p, t, out, spill) => {
        const e = p - t;
        if (squareIsSafe(e)) out[0] = e * e;
        else addExactSquare(spill(0), p, t, e);
      },
      finalize: (_, __, exact) => exact.rootMean(0),
    },
    protocol,
  );
}

/**
 * Depth RMSE of predicted depth against ground truth.
 * @example depthRmse([3, 4], [1, 4]) // sqrt(4 / 2) = 1.4142...
 */
export function depthRmse(preds: TensorInput, target: TensorInput, options: DepthOptions = {}): number {
  return runOnce(depthRmseDef(options), preds, target);
}

/** RMSE of natural logarithms, `sqrt(mean((log pred - log target)^2))` (Eigen et al. 2014). State O(1). */
export function depthRmseLogDef(options: DepthOptions = {}): MetricDef<DepthState, DepthArgs, number> {
  const { protocol } = readDepthOptions("depthRmseLog", options);
  return depthDef(
    {
      meta: depthRmseLogMeta,
      fn: "depthRmseLog",
      options: {},
      terms: 1,
      term: (p, t, out) => {
        const g = Math.log(p) - Math.log(t);
        out[0] = g * g;
      },
      finalize: (_, __, exact) => exact.rootMean(0),
    },
    protocol,
  );
}

/**
 * RMSE of log depth.
 * @example depthRmseLog([Math.E], [1]) // 1
 */
export function depthRmseLog(preds: TensorInput, target: TensorInput, options: DepthOptions = {}): number {
  return runOnce(depthRmseLogDef(options), preds, target);
}
