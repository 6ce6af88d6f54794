import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { abs } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";
import { huberElements } from "./huber-loss.js";

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1LossOptions {
  /** Threshold, >= 0; 0 gives the L1 loss. Default 1. */
  readonly beta?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

const SMOOTH_L1_LOSS_OPTIONS = optionNames<SmoothL1LossOptions>()("beta", "reduction", "weights");

/**
 * Smooth L1 loss: 0.5 (x - y)^2 / beta when |x - y| < beta, else |x - y| - 0.5 beta; that is
 * Huber(delta = beta) / beta, and the L1 loss when beta = 0.
 * Matches torch 2.11 `F.smooth_l1_loss` (Fast R-CNN's box regression loss). O(n).
 */
export function smoothL1Loss(
  input: TensorInput,
  target: TensorInput,
  options: SmoothL1LossOptions = {},
): tf.Tensor {
  const fn = "smoothL1Loss";
  const opts = readOptions<SmoothL1LossOptions>(fn, options, SMOOTH_L1_LOSS_OPTIONS);
  const beta = optNumber(fn, "beta", opts.beta, 1, { min: 0 });
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => {
    const residual = tf.sub($input, $target);
    const values = beta === 0 ? abs(residual) : tf.div(huberElements(residual, beta), beta);
    return values;
  });
}

/** Keras-style form of {@link smoothL1Loss} for `model.compile`. */
export const smoothL1LossFactory = lossFactory(smoothL1Loss, {
  name: "smoothL1Loss",
  options: SMOOTH_L1_LOSS_OPTIONS,
});
