import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { TensorInput } from "../image/tensor.js";
import { type DepthArgs, type DepthOptions, type DepthState, depthDef, readDepthOptions } from "./engine.js";

export const log10ErrorMeta: MetricMeta = {
  id: "depth/log10",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
};

/** Mean absolute log10 error `mean(|log10 pred - log10 target|)` over valid pixels. State O(1). */
export function log10ErrorDef(options: DepthOptions = {}): MetricDef<DepthState, DepthArgs, number> {
  const { protocol } = readDepthOptions("log10Error", options);
  return depthDef(
    {
      meta: log10ErrorMeta,
      fn: "log10Error",
      options: {},
      terms: 1,
      term: (p, t, out) => {
        out[0] = Math.abs(Math.log10(p) - Math.log10(t));
      },
      finalize: (_, __, exact) => exact.mean(0),
    },
    protocol,
  );
}

/**
 * Mean absolute log10 error of predicted depth.
 * @example log10Error([10, 1], [1, 1]) // (1 + 0) / 2 = 0.5
 */
export function log10Error(preds: TensorInput, target: TensorInput, options: DepthOptions = {}): number {
  return runOnce(log10ErrorDef(options), preds, target);
}
