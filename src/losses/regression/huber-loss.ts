import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { abs } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link huberLoss}. */
export interface HuberLossOptions {
  /** Threshold between the quadratic and the linear part, > 0. Default 1. */
  readonly delta?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

const HUBER_LOSS_OPTIONS = optionNames<HuberLossOptions>()("delta", "reduction", "weights");

/**
 * The Huber element loss of residuals `r`, written as q = min(|r|, delta),
 * loss = 0.5 q^2 + delta (|r| - q): equal to 0.5 r^2 inside the threshold and
 * delta (|r| - delta/2) outside, with autodiff gradient r inside and delta sign(r) outside.
 */
export function huberElements(residual: tf.Tensor, delta: number): tf.Tensor {
  return tf.tidy(() => {
    const a = abs(residual);
    const q = tf.minimum(a, delta);
    return tf.add(tf.mul(0.5, tf.square(q)), tf.mul(delta, tf.sub(a, q)));
  });
}

/**
 * Huber loss: 0.5 (x - y)^2 when |x - y| <= delta, else delta (|x - y| - 0.5 delta).
 * Matches torch 2.11 `F.huber_loss` and Keras `Huber` (delta defaults to 1). Quadratic near the
 * optimum, linear for outliers. O(n).
 */
export function huberLoss(
  input: TensorInput,
  target: TensorInput,
  options: HuberLossOptions = {},
): tf.Tensor {
  const fn = "huberLoss";
  const opts = readOptions<HuberLossOptions>(fn, options, HUBER_LOSS_OPTIONS);
  const delta = optNumber(fn, "delta", opts.delta, 1, { min: 0, minExclusive: true });
  return elementwiseLoss(fn, input, target, opts, ($input, $target) =>
    huberElements(tf.sub($input, $target), delta),
  );
}

/** Keras-style form of {@link huberLoss} for `model.compile`. */
export const huberLossFactory = lossFactory(huberLoss, { name: "huberLoss", options: HUBER_LOSS_OPTIONS });
