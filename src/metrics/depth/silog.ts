import { bigRatioToNumber, bigSqrtRatioToNumber, EXACT_BASE } from "../../core/exact-sum.js";
import { optBoolean, optionNames, optNumber } from "../../core/options.js";
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

export const silogMeta: MetricMeta = {
  id: "depth/silog",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
};

/** Options of {@link silog}. */
export interface SilogOptions extends DepthOptions {
  /** λ in [0, 1]; default 1 (the KITTI benchmark). Eigen et al. 2014 train with 0.5. */
  readonly lambda?: number;
  /** Report `scale * sqrt(value)` (the KITTI benchmark, default true) or the value itself (false, Eigen's loss). */
  readonly root?: boolean;
  /** Multiplier applied with `root`; default 100 (the KITTI benchmark reports 100 sqrt(...)). */
  readonly scale?: number;
}

const SILOG_OPTIONS = optionNames<SilogOptions>()(...DEPTH_OPTIONS, "lambda", "root", "scale");

/**
 * Scale-invariant log error `mean(g^2) - lambda * mean(g)^2` with `g = log pred - log target`
 * (Eigen et al. 2014, eq. 4). The defaults are the KITTI depth benchmark's metric,
 * `100 sqrt(mean(g^2) - mean(g)^2)` (`lambda: 1, root: true, scale: 100`; the KITTI devkit, BTS and
 * AdaBins evaluate it so), which ignores a global scale: `silog([2, 2], [1, 1])` is 0. Eigen's
 * training setting is `{ lambda: 0.5, root: false }`. Sums of g and g² exact (g² squared exactly),
 * the formula evaluated in BigInt and rounded once. State O(1).
 */
export function silogDef(options: SilogOptions = {}): MetricDef<DepthState, DepthArgs, number> {
  const fn = "silog";
  const { o, protocol } = readDepthOptions<SilogOptions>(fn, options, SILOG_OPTIONS);
  const lambda = optNumber(fn, "lambda", o.lambda, 1, { min: 0, max: 1 });
  const root = optBoolean(fn, "root", o.root, true);
  const scale = optNumber(fn, "scale", o.scale, 100, { min: 0 });
  // lambda = m 2^e exactly, so n² (mean g² - lambda mean(g)²) = n Σg² - lambda (Σg)² is exact.
  const [mantissa, exponent] = exactParts(lambda);
  const shift = Math.max(0, -exponent);
  return depthDef(
    {
      meta: silogMeta,
      fn,
      options: { lambda, root, scale },
      terms: 2,
      term: (p, t, out, spill) => {
        const g = Math.log(p) - Math.log(t);
        out[0] = g;
        spill(1).addSquare(g);
      },
      finalize: (_, count, exact) => {
        const n = BigInt(count);
        const sg = exact.big(0);
        const num =
          ((n * exact.big(1)) << BigInt(-EXACT_BASE + shift)) -
          ((mantissa * sg * sg) << BigInt(exponent + shift));
        // in units of 2^(2 EXACT_BASE - shift), over n²
        const unit = 2 * EXACT_BASE - shift;
        if (!root) return bigRatioToNumber(num, n * n, unit);
        return num <= 0n ? 0 : scale * bigSqrtRatioToNumber(num, n * n, unit);
      },
    },
    protocol,
  );
}

/** A double as an exact BigInt mantissa and a binary exponent (x = m 2^e). */
function exactParts(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  let m = x;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  return [BigInt(m), e];
}

/**
 * Scale-invariant log error of predicted depth.
 * @example silog([2, 2], [1, 1]) // a pure scale error: 0 (Eigen's λ = 0.5: `{ lambda: 0.5, root: false }` gives 0.24)
 */
export function silog(preds: TensorInput, target: TensorInput, options: SilogOptions = {}): number {
  return runOnce(silogDef(options), preds, target);
}
