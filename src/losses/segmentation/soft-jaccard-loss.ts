import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { readOptions } from "../options.js";
import type { TensorInput } from "../tensor-input.js";
import { overlapLoss, SOFT_OVERLAP_OPTIONS, type SoftOverlapOptions } from "./overlap-sums.js";

/**
 * Soft Jaccard (IoU) loss: 1 - (sum p t + s) / max(sum p + sum t - sum p t + s, eps), per group
 * of the mode, then the reduction. Options and targets as {@link softDiceLoss}. Matches the
 * formula via torch 2.11 autograd (global mode). Penalises errors more than Dice for the same
 * overlap; the Lovasz losses optimise the same measure more directly. O(n).
 */
export function softJaccardLoss(
  input: TensorInput,
  target: TensorInput,
  options: SoftOverlapOptions = {},
): tf.Tensor {
  const fn = "softJaccardLoss";
  const opts = readOptions<SoftOverlapOptions>(fn, options, SOFT_OVERLAP_OPTIONS);
  return overlapLoss(fn, input, target, opts, ({ tp, predicted, actual }, smooth, eps) => {
    const union = tf.sub(tf.add(predicted, actual), tp);
    const jaccard = tf.div(tf.add(tp, smooth), tf.maximum(tf.add(union, smooth), eps));
    return tf.sub(1, jaccard);
  });
}

/** Keras-style form of {@link softJaccardLoss}. */
export const softJaccardLossFactory = lossFactory(softJaccardLoss, {
  name: "softJaccardLoss",
  options: SOFT_OVERLAP_OPTIONS,
});
