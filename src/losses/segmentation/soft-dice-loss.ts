import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";
import { type OverlapMode, overlapLoss } from "./overlap-sums.js";

/** Options of {@link softDiceLoss} (also used by the Jaccard and Tversky losses). */
export interface SoftOverlapOptions {
  /** Added to numerator and denominator. 0 (default) scores empty-vs-empty as loss 1; 1 scores it 0. */
  readonly smooth?: number;
  /** Lower clamp of the denominator, so that 0/0 is 0 instead of NaN. Default 1e-7. */
  readonly eps?: number;
  /**
   * `global`: one score over every element (Keras-style, default); `per-image`: one per sample;
   * `per-class`: one per class over the batch (input [N, C, ...]); `per-image-class`: one per
   * sample and class (MONAI-style).
   */
  readonly mode?: OverlapMode;
  /** With class-index targets, pixels with this label are left out. */
  readonly ignoreIndex?: number;
  /** How the per-group losses combine. Default `"mean"`. */
  readonly reduction?: Reduction;
}

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
  return overlapLoss(fn, input, target, options, ({ tp, predicted, actual }, smooth, eps) => {
    const dice = tf.div(
      tf.add(tf.mul(2, tp), smooth),
      tf.maximum(tf.add(tf.add(predicted, actual), smooth), eps),
    );
    return tf.sub(1, dice);
  });
}

/** Keras-style form of {@link softDiceLoss} (`yPred` probabilities, `yTrue` of the same shape; global by default). */
export const softDiceLossFactory = lossFactory(softDiceLoss, "softDiceLoss");
