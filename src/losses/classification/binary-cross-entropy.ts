import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { customGradient } from "../gradient-tools.js";
import { optionNames, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link binaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions {
  /** Per-element weights broadcast against the element losses (PyTorch `weight`). */
  readonly weights?: TensorInput;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const BINARY_CROSS_ENTROPY_OPTIONS = optionNames<BinaryCrossEntropyOptions>()("weights", "reduction");

/**
 * Element loss -(t max(log p, -100) + (1 - t) max(log(1 - p), -100)) with PyTorch's gradient.
 * Autodiff through the clamped logs would give 0 * inf = NaN at p = 0 or 1, so the gradient is
 * written out: d/dp = (p - t) / max(p (1 - p), 1e-12) (torch's backward formula, which is the
 * derivative of the unclamped loss guarded against division by zero), and
 * d/dt = max(log(1 - p), -100) - max(log p, -100).
 */
const bceElements = customGradient<(p: tf.Tensor, t: tf.Tensor) => tf.Tensor>(
  (p: tf.Tensor, t: tf.Tensor, save: tf.GradSaveFunc) => {
    const logP = tf.maximum(tf.log(p), -100);
    const log1mP = tf.maximum(tf.log(tf.sub(1, p)), -100);
    save([p, t, logP, log1mP]);
    const value = tf.neg(tf.add(tf.mul(t, logP), tf.mul(tf.sub(1, t), log1mP)));
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sp, st, sLogP, sLog1mP] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const dp = tf.div(tf.sub(sp, st), tf.maximum(tf.mul(sp, tf.sub(1, sp)), 1e-12));
        return [tf.mul(dy, dp), tf.mul(dy, tf.sub(sLog1mP, sLogP))];
      },
    };
  },
);

/**
 * Binary cross-entropy on probabilities: -(t log p + (1 - t) log(1 - p)), each log clamped at
 * -100 as PyTorch does (so p = 0 or 1 gives a finite 100, not Infinity).
 * Matches torch 2.11 `F.binary_cross_entropy` (value and gradient). Prefer
 * {@link binaryCrossEntropyWithLogits} on logits: it is exact where the sigmoid saturates. O(n).
 */
export function binaryCrossEntropy(
  input: TensorInput,
  target: TensorInput,
  options: BinaryCrossEntropyOptions = {},
): tf.Tensor {
  const fn = "binaryCrossEntropy";
  const opts = readOptions<BinaryCrossEntropyOptions>(fn, options, BINARY_CROSS_ENTROPY_OPTIONS);
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => bceElements($input, $target));
}

/** Keras-style form of {@link binaryCrossEntropy} (`yPred` are probabilities, e.g. a sigmoid output). */
export const binaryCrossEntropyFactory = lossFactory(binaryCrossEntropy, {
  name: "binaryCrossEntropy",
  options: BINARY_CROSS_ENTROPY_OPTIONS,
});
