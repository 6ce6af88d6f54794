import type { CatalogEntry } from "../../catalog/types.js";
import { type MetricDef, runOnce } from "../../metric.js";
import type { TensorInput } from "../image/tensor.js";
import { type DepthArgs, type DepthOptions, type DepthState, depthDef, readDepthOptions } from "./engine.js";

/** Catalog entry of the mean log10 error. */
export const log10ErrorMeta: CatalogEntry = {
  id: "depth/log10",
  title: "Mean absolute log10 error",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\frac{1}{n}\\sum_i |\\log_{10} d_i - \\log_{10} d_i^*|",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: false,
  robustness: ["Relative error in decades"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["log10Error", "log10ErrorDef"],
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
