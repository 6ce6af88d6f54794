import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { optionNames, optOneOf, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link hingeLoss} and {@link squaredHingeLoss}. */
export interface HingeLossOptions {
  /** Labels are -1/+1 (`"signed"`, default) or 0/1 (`"binary"`, mapped to -1/+1 as Keras does). */
  readonly labels?: "signed" | "binary";
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

const HINGE_LOSS_OPTIONS = optionNames<HingeLossOptions>()("labels", "reduction", "weights");

/**
 * The hinge skeleton: reads the options (strictly), maps 0/1 labels to -1/+1 when
 * `labels: "binary"`, and hands max(0, 1 - y x) (squared when `squared`) to the element-wise
 * reduction path.
 */
function hinge(
  fn: string,
  input: TensorInput,
  target: TensorInput,
  options: HingeLossOptions | undefined,
  squared: boolean,
): tf.Tensor {
  const opts = readOptions<HingeLossOptions>(fn, options, HINGE_LOSS_OPTIONS);
  const labels = optOneOf(fn, "labels", opts.labels, ["signed", "binary"], "signed");
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => {
    const signed = labels === "binary" ? tf.sub(tf.mul($target, 2), 1) : $target;
    const margin = tf.relu(tf.sub(1, tf.mul(signed, $input)));
    return squared ? tf.square(margin) : margin;
  });
}

/**
 * Hinge loss max(0, 1 - y x) per element for labels y in {-1, +1} and scores x.
 * Matches Keras 3 `hinge` (mean over all elements equals its mean over the last axis then the
 * batch for equal-sized rows). Margin-based; ignores well-classified points. O(n).
 */
export function hingeLoss(
  input: TensorInput,
  target: TensorInput,
  options: HingeLossOptions = {},
): tf.Tensor {
  return hinge("hingeLoss", input, target, options, false);
}

/** Squared hinge loss max(0, 1 - y x)^2 per element; matches Keras 3 `squared_hinge`. O(n). */
export function squaredHingeLoss(
  input: TensorInput,
  target: TensorInput,
  options: HingeLossOptions = {},
): tf.Tensor {
  return hinge("squaredHingeLoss", input, target, options, true);
}

/** Keras-style form of {@link hingeLoss}. */
export const hingeLossFactory = lossFactory(hingeLoss, { name: "hingeLoss", options: HINGE_LOSS_OPTIONS });
/** Keras-style form of {@link squaredHingeLoss}. */
export const squaredHingeLossFactory = lossFactory(squaredHingeLoss, {
  name: "squaredHingeLoss",
  options: HINGE_LOSS_OPTIONS,
});
