import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { reductionOf } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertSameShape, asTensor, type TensorInput } from "../tensor-input.js";

/** Options of {@link mseLoss}. */
export interface MseLossOptions {
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the squared errors (Keras `sample_weight`). */
  readonly weights?: TensorInput;
}

/**
 * Mean squared error: (input - target)^2 per element, then the reduction.
 * Matches torch 2.11 `F.mse_loss`; with `weights` it is Keras' `sample_weight` product before
 * the plain mean. Sensitive to outliers (quadratic growth). O(n).
 */
export function mseLoss(input: TensorInput, target: TensorInput, options: MseLossOptions = {}): tf.Tensor {
  const fn = "mseLoss";
  const reduction = reductionOf(options, fn);
  return tf.tidy(() => {
    const $input = asTensor(input, fn, "input");
    const $target = asTensor(target, fn, "target");
    assertSameShape($input, $target, fn, "input", "target");
    const weights = options.weights === undefined ? undefined : asTensor(options.weights, fn, "weights");
    return reduceLoss(tf.squaredDifference($input, $target), reduction, weights);
  });
}

/** Keras-style `(yTrue, yPred) => Scalar` form of {@link mseLoss} for `model.compile`. */
export const mseLossFactory = lossFactory(mseLoss, "mseLoss");
