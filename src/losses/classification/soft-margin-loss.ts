import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { reductionOf } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertSameShape, asTensor, type TensorInput } from "../tensor-input.js";
import { softplus } from "../tensor-math.js";

/** Options of {@link softMarginLoss}. */
export interface SoftMarginLossOptions {
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

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
  const reduction = reductionOf(options, fn);
  return tf.tidy(() => {
    const $input = asTensor(input, fn, "input");
    const $target = asTensor(target, fn, "target");
    assertSameShape($input, $target, fn, "input", "target");
    return reduceLoss(softplus(tf.neg(tf.mul($target, $input))), reduction);
  });
}

/** Keras-style form of {@link softMarginLoss}. */
export const softMarginLossFactory = lossFactory(softMarginLoss, "softMarginLoss");
