import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { optionNames, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link mseLoss}. */
export interface MseLossOptions {
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the squared errors (Keras `sample_weight`). */
  readonly weights?: TensorInput;
}

const MSE_LOSS_OPTIONS = optionNames<MseLossOptions>()("reduction", "weights");

/**
 * Mean squared error: (input - target)^2 per element, then the reduction.
 * Matches torch 2.11 `F.mse_loss`; with `weights` it is Keras' `sample_weight` product before
 * the plain mean. Sensitive to outliers (quadratic growth). O(n).
 */
export function mseLoss(input: TensorInput, target: TensorInput, options: MseLossOptions = {}): tf.Tensor {
  const fn = "mseLoss";
  const opts = readOptions<MseLossOptions>(fn, options, MSE_LOSS_OPTIONS);
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => tf.squaredDifference($input, $target));
}

/** Keras-style `(yTrue, yPred) => Scalar` form of {@link mseLoss} for `model.compile`. */
export const mseLossFactory = lossFactory(mseLoss, { name: "mseLoss", options: MSE_LOSS_OPTIONS });
