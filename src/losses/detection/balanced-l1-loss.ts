import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { abs, noGrad } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link balancedL1Loss}. */
export interface BalancedL1LossOptions {
  /** Default 0.5. */
  readonly alpha?: number;
  /** Default 1.5. */
  readonly gamma?: number;
  /** Switch point between the log and the linear part. Default 1. */
  readonly beta?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

const BALANCED_L1_LOSS_OPTIONS = optionNames<BalancedL1LossOptions>()(
  "alpha",
  "gamma",
  "beta",
  "reduction",
  "weights",
);

/**
 * Balanced L1 loss (Pang et al. 2019, Libra R-CNN), in mmdetection's form: with
 * x = |input - target| and b = e^{gamma / alpha} - 1,
 *   x < beta:  (alpha / b)(b x + 1) ln(b x / beta + 1) - alpha x
 *   otherwise: gamma x + gamma / b - alpha beta.
 * Its gradient is alpha ln(b x / beta + 1) inside and gamma outside, raising the gradient of
 * inliers (accurate boxes) relative to smooth L1. Matches the formula via torch 2.11 autograd. O(n).
 */
export function balancedL1Loss(
  input: TensorInput,
  target: TensorInput,
  options: BalancedL1LossOptions = {},
): tf.Tensor {
  const fn = "balancedL1Loss";
  const opts = readOptions<BalancedL1LossOptions>(fn, options, BALANCED_L1_LOSS_OPTIONS);
  const alpha = optNumber(fn, "alpha", opts.alpha, 0.5, { min: 0, minExclusive: true });
  const gamma = optNumber(fn, "gamma", opts.gamma, 1.5, { min: 0, minExclusive: true });
  const beta = optNumber(fn, "beta", opts.beta, 1, { min: 0, minExclusive: true });
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => {
    const x = abs(tf.sub($input, $target));
    const b = Math.exp(gamma / alpha) - 1;
    const inner = tf.sub(
      tf.mul(tf.mul(alpha / b, tf.add(tf.mul(b, x), 1)), tf.log1p(tf.mul(b / beta, x))),
      tf.mul(alpha, x),
    );
    const outer = tf.add(tf.mul(gamma, x), gamma / b - alpha * beta);
    return tf.where(
      noGrad((a) => tf.less(a, beta), x),
      inner,
      outer,
    );
  });
}

/** Keras-style form of {@link balancedL1Loss}. */
export const balancedL1LossFactory = lossFactory(balancedL1Loss, {
  name: "balancedL1Loss",
  options: BALANCED_L1_LOSS_OPTIONS,
});
