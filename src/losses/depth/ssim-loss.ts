import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { lossFactory } from "../factory.js";
import { reflectPad } from "../gradient-tools.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertRank, tensorPair } from "../tensor-input.js";

/** Reflection padding of the spatial axes of an NHWC batch (shared implementation in ../gradient-tools.ts). */
export { reflectPad };

/** Window and range options of {@link ssimMap}, {@link ssimLoss} and {@link photometricLoss}. */
export interface SsimOptions {
  /** "uniform" (default): a k×k box window with reflection padding, the monodepth2 form; "gaussian": a Gaussian window with valid padding, the Wang et al. form. */
  readonly window?: "uniform" | "gaussian";
  /** Window side. Default 3 for "uniform", 11 for "gaussian". */
  readonly windowSize?: number;
  /** Gaussian σ. Default 1.5. */
  readonly sigma?: number;
  /** Dynamic range L of the pixel values: C1 = (0.01L)², C2 = (0.03L)². Default 1. */
  readonly dataRange?: number;
}

/** Options of {@link ssimLoss}. */
export interface SsimLossOptions extends SsimOptions {
  /** "none": the per-pixel map 1 - SSIM [N, H', W', C]. */
  readonly reduction?: Reduction;
}

const SSIM_MAP_OPTIONS = optionNames<SsimOptions>()("window", "windowSize", "sigma", "dataRange");

const SSIM_LOSS_OPTIONS = optionNames<SsimLossOptions>()(
  "window",
  "windowSize",
  "sigma",
  "dataRange",
  "reduction",
);

/** Normalised 1-D Gaussian weights of the given size. */
function gaussianWeights(size: number, sigma: number): number[] {
  const g = Array.from({ length: size }, (_, i) =>
    Math.exp(-((i - (size - 1) / 2) ** 2) / (2 * sigma * sigma)),
  );
  const total = g.reduce((a, b) => a + b, 0);
  return g.map((v) => v / total);
}

/**
 * Separable "valid" filtering of the spatial axes of an NHWC batch with 1-D weights, as a sum
 * of shifted slices: slices and adds have gradients on every backend (the WASM backend has no
 * kernel for the depthwise-convolution gradient).
 */
function separableFilter(t: tf.Tensor, weights: readonly number[]): tf.Tensor {
  const along = (x: tf.Tensor, axis: number) => {
    const out = x.shape[axis]! - weights.length + 1;
    let sum: tf.Tensor | undefined;
    weights.forEach((w, i) => {
      const begin = [0, 0, 0, 0];
      const size = [-1, -1, -1, -1];
      begin[axis] = i;
      size[axis] = out;
      const term = tf.mul(tf.slice(x, begin, size), w);
      sum = sum ? tf.add(sum, term) : term;
    });
    return sum!;
  };
  return along(along(t, 1), 2);
}

/**
 * The SSIM map of two NHWC image batches `x`, `y` [N, H, W, C] (a [N, H, W] batch is read as
 * one channel): local means, variances and covariance under the window (population
 * statistics), then the SSIM formula per pixel and channel. "uniform" windows reflect-pad so
 * the map keeps the input size (monodepth2); "gaussian" windows use valid positions only.
 */
export function ssimMap(x: tf.Tensor, y: tf.Tensor, options: SsimOptions = {}, fn = "ssimMap"): tf.Tensor4D {
  options = readOptions<SsimOptions>(fn, options, SSIM_MAP_OPTIONS);
  const window = optOneOf(fn, "window", options.window, ["uniform", "gaussian"], "uniform");
  const size = optInteger(fn, "windowSize", options.windowSize, window === "uniform" ? 3 : 11, {
    min: 1,
    max: 255,
  });
  if (size % 2 === 0) fail("invalid_option", `${fn}: option \`windowSize\` must be odd, got ${size}`);
  const sigma = optNumber(fn, "sigma", options.sigma, 1.5, { min: 0, minExclusive: true });
  const range = optNumber(fn, "dataRange", options.dataRange, 1, { min: 0, minExclusive: true });
  return tf.tidy(() => {
    let [a, b] = tensorPair(x, y, fn, "x", "y");
    if (a.rank === 3) {
      a = tf.expandDims(a, 3);
      b = tf.expandDims(b, 3);
    }
    assertRank(a, 4, fn, "x", "[batch, height, width, channels]");
    const [, height, width] = a.shape as [number, number, number, number];
    const half = (size - 1) / 2;
    if (window === "uniform" && (height <= half || width <= half))
      fail(
        "shape_mismatch",
        `${fn}: images must be larger than half the window (${half}) for reflection padding, got ${height}×${width}`,
      );
    if (window === "gaussian" && (height < size || width < size))
      fail(
        "shape_mismatch",
        `${fn}: images must be at least ${size}×${size} for a valid Gaussian window, got ${height}×${width}`,
      );
    const weights = window === "gaussian" ? gaussianWeights(size, sigma) : undefined;
    const pool = (t: tf.Tensor): tf.Tensor4D => {
      if (weights) return separableFilter(t, weights) as tf.Tensor4D;
      const padded = half > 0 ? reflectPad(t, half) : t;
      return tf.avgPool(padded as tf.Tensor4D, size, 1, "valid");
    };
    const c1 = (0.01 * range) ** 2;
    const c2 = (0.03 * range) ** 2;
    const muX = pool(a);
    const muY = pool(b);
    const sigmaX = tf.sub(pool(tf.square(a)), tf.square(muX));
    const sigmaY = tf.sub(pool(tf.square(b)), tf.square(muY));
    const sigmaXY = tf.sub(pool(tf.mul(a, b)), tf.mul(muX, muY));
    const numerator = tf.mul(tf.add(tf.mul(2, tf.mul(muX, muY)), c1), tf.add(tf.mul(2, sigmaXY), c2));
    const denominator = tf.mul(
      tf.add(tf.add(tf.square(muX), tf.square(muY)), c1),
      tf.add(tf.add(sigmaX, sigmaY), c2),
    );
    return tf.div(numerator, denominator) as tf.Tensor4D;
  });
}

/**
 * SSIM loss 1 - SSIM(x, y) per pixel and channel, reduced ("mean" default, so the loss is
 * 1 - mean SSIM). Defaults are monodepth2's (3×3 box, reflect padding, C1 = 0.01², C2 = 0.03²);
 * `window: "gaussian"` gives Wang et al.'s 11×11, σ 1.5 window. Cost O(N·H·W·C·k²).
 */
export function ssimLoss(x: tf.Tensor, y: tf.Tensor, options: SsimLossOptions = {}): tf.Tensor {
  const fn = "ssimLoss";
  const opts = readOptions<SsimLossOptions>(fn, options, SSIM_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const { reduction: _reduction, ...ssim } = opts;
  return tf.tidy(() => reduceLoss(tf.sub(1, ssimMap(x, y, ssim, fn)), reduction));
}

/** Keras-style form of {@link ssimLoss}. */
export const ssimLossFactory = lossFactory<SsimLossOptions>(
  (input, target, options) => ssimLoss(input, target, options),
  { name: "ssimLoss", options: SSIM_LOSS_OPTIONS },
);
