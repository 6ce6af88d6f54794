import type { CatalogEntry } from "../../catalog/types.js";
import { type MetricDef, runOnce } from "../../metric.js";
import type { TensorInput } from "../image/tensor.js";
import { type DepthArgs, type DepthOptions, type DepthState, depthDef, readDepthOptions } from "./engine.js";

/** Catalog entry of the absolute relative error. */
export const absRelMeta: CatalogEntry = {
  id: "depth/abs_rel",
  title: "Absolute relative error (AbsRel)",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\frac{1}{n}\\sum_i \\frac{|d_i - d_i^*|}{d_i^*}",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: ["Relative: errors on far objects count less"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["absRel", "absRelDef"],
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
