import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { absolute } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { tensorPair } from "../tensor-input.js";
import { type SsimOptions, ssimMap } from "./ssim-loss.js";

/** Options of {@link photometricLoss}. */
export interface PhotometricLossOptions extends SsimOptions {
  /** Weight α of the SSIM term. Default 0.85 (Godard et al.). */
  readonly alpha?: number;
  /** "none": the per-pixel map [N, H, W] (averaged over channels). */
  readonly reduction?: Reduction;
}

const PHOTOMETRIC_LOSS_OPTIONS = optionNames<PhotometricLossOptions>()(
  "window",
  "windowSize",
  "sigma",
  "dataRange",
  "alpha",
  "reduction",
);

/**
 * Photometric error between a reconstructed (warped) image `input` and the `target` image,
 * both NHWC [N, H, W, C]: per pixel α·clamp((1 - SSIM)/2, 0, 1) + (1 - α)·|input - target|,
 * averaged over channels, reduced over pixels ("mean" default). SSIM options as {@link ssimLoss}
 * (monodepth2's 3×3 reflect-padded box window by default).
 */
export function photometricLoss(
  input: tf.Tensor,
  target: tf.Tensor,
  options: PhotometricLossOptions = {},
): tf.Tensor {
  const fn = "photometricLoss";
  const opts = readOptions<PhotometricLossOptions>(fn, options, PHOTOMETRIC_LOSS_OPTIONS);
  const alpha = optNumber(fn, "alpha", opts.alpha, 0.85, { min: 0, max: 1 });
  const reduction = reductionOption(fn, opts.reduction);
  const { alpha: _alpha, reduction: _reduction, ...ssim } = opts;
  return tf.tidy(() => {
    const [x, y] = tensorPair(input, target, fn, "input", "target");
    const x4 = x.rank === 3 ? tf.expandDims(x, 3) : x;
    const y4 = y.rank === 3 ? tf.expandDims(y, 3) : y;
    const l1 = tf.mean(absolute(tf.sub(x4, y4)), 3);
    const structural = tf.mean(tf.clipByValue(tf.div(tf.sub(1, ssimMap(x4, y4, ssim, fn)), 2), 0, 1), 3);
    const sameSize = structural.shape[1] === l1.shape[1] && structural.shape[2] === l1.shape[2];
    // A Gaussian (valid) window shrinks the SSIM map: crop the L1 map to match.
    const l1Map = sameSize
      ? l1
      : tf.slice(
          l1,
          [0, (l1.shape[1]! - structural.shape[1]!) / 2, (l1.shape[2]! - structural.shape[2]!) / 2],
          structural.shape,
        );
    return reduceLoss(tf.add(tf.mul(alpha, structural), tf.mul(1 - alpha, l1Map)), reduction);
  });
}

/** Keras-style form of {@link photometricLoss}. */
export const photometricLossFactory = lossFactory<PhotometricLossOptions>(
  (input, target, options) => photometricLoss(input, target, options),
  { name: "photometricLoss", options: PHOTOMETRIC_LOSS_OPTIONS },
);
