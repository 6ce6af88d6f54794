import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { abs } from "../gradient-tools.js";
import { optionNames, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link l1Loss}. */
export interface L1LossOptions {
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the absolute errors. */
  readonly weights?: TensorInput;
}

const L1_LOSS_OPTIONS = optionNames<L1LossOptions>()("reduction", "weights");

/**
 * Mean absolute error: |input - target| per element, then the reduction.
 * Matches torch 2.11 `F.l1_loss` (subgradient 0 at a zero residual). Robust to outliers
 * (linear growth), but its gradient does not shrink near the optimum. O(n).
 */
export function l1Loss(input: TensorInput, target: TensorInput, options: L1LossOptions = {}): tf.Tensor {
  const fn = "l1Loss";
  const opts = readOptions<L1LossOptions>(fn, options, L1_LOSS_OPTIONS);
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => abs(tf.sub($input, $target)));
}

/** Keras-style form of {@link l1Loss} for `model.compile`. */
export const l1LossFactory = lossFactory(l1Loss, { name: "l1Loss", options: L1_LOSS_OPTIONS });
