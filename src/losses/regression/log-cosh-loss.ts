import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { abs } from "../gradient-tools.js";
import { optionNames, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link logCoshLoss}. */
export interface LogCoshLossOptions {
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

const LOG_COSH_LOSS_OPTIONS = optionNames<LogCoshLossOptions>()("reduction", "weights");

/**
 * Log-cosh loss: log(cosh(x - y)) per element. Computed as |r| + log1p(exp(-2|r|)) - log 2, which
 * cannot overflow (cosh overflows float32 beyond |r| ~ 89); its autodiff gradient is
 * sign(r) (1 - 2 e^{-2|r|} / (1 + e^{-2|r|})) = tanh(r). Matches the formula via torch 2.11
 * autograd and Keras `LogCosh` (mean over the last axis, then the batch, for equal-sized rows).
 * Behaves like r^2/2 near 0 and |r| - log 2 for outliers. O(n).
 */
export function logCoshLoss(
  input: TensorInput,
  target: TensorInput,
  options: LogCoshLossOptions = {},
): tf.Tensor {
  const fn = "logCoshLoss";
  const opts = readOptions<LogCoshLossOptions>(fn, options, LOG_COSH_LOSS_OPTIONS);
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => {
    const a = abs(tf.sub($input, $target));
    const values = tf.sub(tf.add(a, tf.log1p(tf.exp(tf.mul(-2, a)))), Math.LN2);
    return values;
  });
}

/** Keras-style form of {@link logCoshLoss} for `model.compile`. */
export const logCoshLossFactory = lossFactory(logCoshLoss, {
  name: "logCoshLoss",
  options: LOG_COSH_LOSS_OPTIONS,
});
