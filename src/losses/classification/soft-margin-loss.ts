import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { optionNames, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";
import { softplus } from "../tensor-math.js";

/** Options of {@link softMarginLoss}. */
export interface SoftMarginLossOptions {
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const SOFT_MARGIN_LOSS_OPTIONS = optionNames<SoftMarginLossOptions>()("reduction");

/**
 * Two-class logistic loss for labels y in {-1, +1}: log(1 + exp(-y x)), computed as softplus(-y x)
 * (finite for scores of +-100). Matches torch 2.11 `F.soft_margin_loss`. O(n).
 */
export function softMarginLoss(
  input: TensorInput,
  target: TensorInput,
  options: SoftMarginLossOptions = {},
): tf.Tensor {
  const fn = "softMarginLoss";
  const opts = readOptions<SoftMarginLossOptions>(fn, options, SOFT_MARGIN_LOSS_OPTIONS);
  return elementwiseLoss(fn, input, target, opts, ($input, $target) =>
    softplus(tf.neg(tf.mul($target, $input))),
  );
}

/** Keras-style form of {@link softMarginLoss}. */
export const softMarginLossFactory = lossFactory(softMarginLoss, {
  name: "softMarginLoss",
  options: SOFT_MARGIN_LOSS_OPTIONS,
});
