import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { readOptions } from "../options.js";
import type { TensorInput } from "../tensor-input.js";
import { overlapLoss, SOFT_OVERLAP_OPTIONS, type SoftOverlapOptions } from "./overlap-sums.js";

export type { SoftOverlapOptions };

/**
 * Soft Dice loss (Milletari et al. 2016): 1 - (2 sum p t + s) / max(sum p + sum t + s, eps),
 * per group of the mode, then the reduction. `input` holds probabilities (apply sigmoid/softmax
 * first); `target` is soft/one-hot of the same shape or class indices [N, ...] for input [N, C, ...].
 * Matches the formula via torch 2.11 autograd (global mode). Insensitive to the background
 * class size: suited to foreground-background imbalance; noisy gradients for tiny structures. O(n).
 */
export function softDiceLoss(
  input: TensorInput,
  target: TensorInput,
  options: SoftOverlapOptions = {},
): tf.Tensor {
  const fn = "softDiceLoss";
  const opts = readOptions<SoftOverlapOptions>(fn, options, SOFT_OVERLAP_OPTIONS);
  return overlapLoss(fn, input, target, opts, ({ tp, predicted, actual }, smooth, eps) => {
    const dice = tf.div(
      tf.add(tf.mul(2, tp), smooth),
      tf.maximum(tf.add(tf.add(predicted, actual), smooth), eps),
    );
    return tf.sub(1, dice);
  });
}

/** Keras-style form of {@link softDiceLoss} (`yPred` probabilities, `yTrue` of the same shape; global by default). */
export const softDiceLossFactory = lossFactory(softDiceLoss, {
  name: "softDiceLoss",
  options: SOFT_OVERLAP_OPTIONS,
});
