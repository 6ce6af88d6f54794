import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { abs } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link quantileLoss}. */
export interface QuantileLossOptions {
  /** The quantile q in (0, 1). Default 0.5 (half the L1 loss). */
  readonly quantile?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

const QUANTILE_LOSS_OPTIONS = optionNames<QuantileLossOptions>()("quantile", "reduction", "weights");

/**
 * Quantile (pinball) loss: with r = target - input, max(q r, (q - 1) r) per element; minimised
 * by the q-th conditional quantile. Matches the formula via torch 2.11 autograd
 * (`torch.maximum`, which splits the gradient half and half at r = 0, giving (2q - 1)/2 there).
 * Robust to outliers; asymmetric penalty for under- and over-prediction. O(n).
 */
export function quantileLoss(
  input: TensorInput,
  target: TensorInput,
  options: QuantileLossOptions = {},
): tf.Tensor {
  const fn = "quantileLoss";
  const opts = readOptions<QuantileLossOptions>(fn, options, QUANTILE_LOSS_OPTIONS);
  const q = optNumber(fn, "quantile", opts.quantile, 0.5, { min: 0, minExclusive: true, max: 1 });
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => {
    const r = tf.sub($target, $input);
    // q r - min(r, 0) = max(q r, (q - 1) r); the |r| form below has the same value and gives
    // d/dr = q - 1/2 + sign(r)/2, which is q - 1/2 at r = 0 like torch.maximum's tie split.
    const values = tf.add(tf.mul(q - 0.5, r), tf.mul(0.5, abs(r)));
    return values;
  });
}

/** Keras-style form of {@link quantileLoss} for `model.compile`. */
export const quantileLossFactory = lossFactory(quantileLoss, {
  name: "quantileLoss",
  options: QUANTILE_LOSS_OPTIONS,
});
