import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { optionNames, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import { asTensor, type TensorInput } from "../tensor-input.js";
import { softplus } from "../tensor-math.js";

/** Options of {@link binaryCrossEntropyWithLogits}. */
export interface BinaryCrossEntropyWithLogitsOptions {
  /** Weight of the positive term, broadcast along the last axis (one per class); > 1 raises recall. */
  readonly posWeight?: TensorInput;
  /** Per-element weights broadcast against the element losses (PyTorch `weight`). */
  readonly weights?: TensorInput;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const BINARY_CROSS_ENTROPY_WITH_LOGITS_OPTIONS = optionNames<BinaryCrossEntropyWithLogitsOptions>()(
  "posWeight",
  "weights",
  "reduction",
);

/**
 * The unreduced, unweighted logistic loss: (1 - t) x + (1 + (pw - 1) t) softplus(-x), with
 * softplus(-x) = max(-x, 0) + log1p(exp(-|x|)) so that logits of +-100 stay finite.
 */
export function logisticElements(logits: tf.Tensor, target: tf.Tensor, posWeight?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const spNeg = softplus(tf.neg(logits));
    const coefficient = posWeight ? tf.add(1, tf.mul(tf.sub(posWeight, 1), target)) : undefined;
    return tf.add(tf.mul(tf.sub(1, target), logits), coefficient ? tf.mul(coefficient, spNeg) : spNeg);
  });
}

/**
 * Binary cross-entropy on logits: -(pw t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))), computed
 * as (1 - t) x + (1 + (pw - 1) t) softplus(-x). Matches torch 2.11
 * `F.binary_cross_entropy_with_logits` (`pos_weight`, `weight`) and Keras `BinaryCrossentropy(from_logits=True)`
 * (without label smoothing). Stable for any finite logit; gradient sigmoid(x) - t when pw = 1.
 * Class imbalance: `posWeight` = negatives / positives is the usual choice. O(n).
 */
export function binaryCrossEntropyWithLogits(
  input: TensorInput,
  target: TensorInput,
  options: BinaryCrossEntropyWithLogitsOptions = {},
): tf.Tensor {
  const fn = "binaryCrossEntropyWithLogits";
  const opts = readOptions<BinaryCrossEntropyWithLogitsOptions>(
    fn,
    options,
    BINARY_CROSS_ENTROPY_WITH_LOGITS_OPTIONS,
  );
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => {
    const posWeight = opts.posWeight === undefined ? undefined : asTensor(opts.posWeight, fn, "posWeight");
    return logisticElements($input, $target, posWeight);
  });
}

/** Keras-style form of {@link binaryCrossEntropyWithLogits} (`yPred` are logits). */
export const binaryCrossEntropyWithLogitsFactory = lossFactory(binaryCrossEntropyWithLogits, {
  name: "binaryCrossEntropyWithLogits",
  options: BINARY_CROSS_ENTROPY_WITH_LOGITS_OPTIONS,
});
