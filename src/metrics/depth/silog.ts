import type { CatalogEntry } from "../../catalog/types.js";
import { optBoolean, optionNames, optNumber } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import type { TensorInput } from "../image/tensor.js";
import { type DepthArgs, type DepthOptions, type DepthState, depthDef, readDepthOptions } from "./engine.js";

/** Catalog entry of the scale-invariant log error. */
export const silogMeta: CatalogEntry = {
  id: "depth/silog",
  title: "Scale-invariant logarithmic error (SILog)",
  kind: "metric",
  tasks: ["depth"],
  formula:
    "\\frac{1}{n}\\sum_i g_i^2 - \\lambda \\left(\\frac{1}{n}\\sum_i g_i\\right)^2,\\; g_i = \\log d_i - \\log d_i^*",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: ["λ = 1 ignores a global scale factor entirely; λ = 0 is the plain log MSE"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["silog", "silogDef"],
};

/** Options of {@link silog}. */
export interface SilogOptions extends DepthOptions {
  /** λ in [0, 1]; default 0.5 (Eigen et al. 2014's training setting). */
  readonly lambda?: number;
  /**
   * Report `scale * sqrt(value)` instead of the value (the KITTI benchmark reports
   * `100 * sqrt(mean g^2 - mean(g)^2)`: `lambda: 1, root: true, scale: 100`). Default false.
   */
  readonly root?: boolean;
  /** Multiplier applied with `root`; default 1. */
  readonly scale?: number;
}

const SILOG_OPTIONS = optionNames<SilogOptions>()("ignoreInvalidTarget", "lambda", "root", "scale");

/**
 * Scale-invariant log error `mean(g^2) - lambda * mean(g)^2` with `g = log pred - log target`
 * (Eigen et al. 2014, eq. 4), optionally as `scale * sqrt(...)`. State O(1): sums of g and g^2.
 */
export function silogDef(options: SilogOptions = {}): MetricDef<DepthState, DepthArgs, number> {
  const fn = "silog";
  const { o, ignoreInvalidTarget } = readDepthOptions<SilogOptions>(fn, options, SILOG_OPTIONS);
  const lambda = optNumber(fn, "lambda", o.lambda, 0.5, { min: 0, max: 1 });
  const root = optBoolean(fn, "root", o.root, false);
  const scale = optNumber(fn, "scale", o.scale, 1, { min: 0 });
  return depthDef(
    {
      meta: silogMeta,
      fn,
      options: { lambda, root, scale },
      terms: 2,
      term: (p, t, out) => {
        const g = Math.log(p) - Math.log(t);
        out[0] = g;
        out[1] = g * g;
      },
      finalize: ([sg, sg2], n) => {
        const mean = sg! / n;
        const value = sg2! / n - lambda * mean * mean;
        return root ? scale * Math.sqrt(Math.max(0, value)) : value;
      },
    },
    ignoreInvalidTarget,
  );
}

/**
 * Scale-invariant log error of predicted depth.
 * @example silog([2, 2], [1, 1], { lambda: 1 }) // a pure scale error: (log 2)^2 - (log 2)^2 = 0
 */
export function silog(preds: TensorInput, target: TensorInput, options: SilogOptions = {}): number {
  return runOnce(silogDef(options), preds, target);
}
