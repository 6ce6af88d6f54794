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

export const badPixelRateMeta: MetricMeta = {
  id: "depth/bad_pixel_rate",
  range: [0, 1],
  direction: "lower",
};

/** Options of {@link badPixelRate}. */
export interface BadPixelRateOptions extends DepthOptions {
  /** Absolute error threshold; default 3 (KITTI's 3 px of disparity). */
  readonly absThreshold?: number;
  /** Relative error threshold; default 0.05 (KITTI's 5%). */
  readonly relThreshold?: number;
}

const BAD_PIXEL_OPTIONS = optionNames<BadPixelRateOptions>()(
  ...DEPTH_OPTIONS,
  "absThreshold",
  "relThreshold",
);

/**
 * The share of evaluated pixels whose error is large both absolutely and relatively:
 * `|pred - target| > absThreshold` and `|pred - target| / target > relThreshold` (KITTI 2015's D1
 * outlier rate, 3 and 0.05 by default, for disparities; set the thresholds for depths, e.g.
 * `absThreshold: 0` for a purely relative rate). The count is exact. State O(1).
 */
export function badPixelRateDef(options: BadPixelRateOptions = {}): MetricDef<DepthState, DepthArgs, number> {
  const fn = "badPixelRate";
  const { o, protocol } = readDepthOptions<BadPixelRateOptions>(fn, options, BAD_PIXEL_OPTIONS);
  const absThreshold = optNumber(fn, "absThreshold", o.absThreshold, 3, { min: 0 });
  const relThreshold = optNumber(fn, "relThreshold", o.relThreshold, 0.05, { min: 0 });
  return depthDef(
    {
      meta: badPixelRateMeta,
      fn,
      options: { absThreshold, relThreshold },
      terms: 1,
      term: (p, t, out) => {
        const error = Math.abs(p - t);
        out[0] = error > absThreshold && error / t > relThreshold ? 1 : 0;
      },
      finalize: (_, __, exact) => exact.mean(0),
    },
    protocol,
  );
}

/**
 * Bad-pixel rate of predicted disparity or depth.
 * @example badPixelRate([10, 20, 30], [10, 25, 30.5]) // only |20 - 25| = 5 > 3 and 5/25 > 5%: 1/3
 */
export function badPixelRate(
  preds: TensorInput,
  target: TensorInput,
  options: BadPixelRateOptions = {},
): number {
  return runOnce(badPixelRateDef(options), preds, target);
}
