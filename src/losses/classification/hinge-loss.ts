import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { reductionOf } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { asTensor, type TensorInput, tensorPair } from "../tensor-input.js";

/** Options of {@link hingeLoss} and {@link squaredHingeLoss}. */
export interface HingeLossOptions {
  /** Labels are -1/+1 (`"signed"`, default) or 0/1 (`"binary"`, mapped to -1/+1 as Keras does). */
  readonly labels?: "signed" | "binary";
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

function hingeElements(
  fn: string,
  input: TensorInput,
  target: TensorInput,
  options: HingeLossOptions,
): tf.Tensor {
  let [$input, $target] = tensorPair(input, target, fn, "input", "target");
  if (options.labels === "binary") $target = tf.sub(tf.mul($target, 2), 1);
  return tf.relu(tf.sub(1, tf.mul($target, $input)));
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
  const fn = "hingeLoss";
  const reduction = reductionOf(options, fn);
  return tf.tidy(() => {
    const weights = options.weights === undefined ? undefined : asTensor(options.weights, fn, "weights");
    return reduceLoss(hingeElements(fn, input, target, options), reduction, weights);
  });
}

/** Squared hinge loss max(0, 1 - y x)^2 per element; matches Keras 3 `squared_hinge`. O(n). */
export function squaredHingeLoss(
  input: TensorInput,
  target: TensorInput,
  options: HingeLossOptions = {},
): tf.Tensor {
  const fn = "squaredHingeLoss";
  const reduction = reductionOf(options, fn);
  return tf.tidy(() => {
    const weights = options.weights === undefined ? undefined : asTensor(options.weights, fn, "weights");
    return reduceLoss(tf.square(hingeElements(fn, input, target, options)), reduction, weights);
  });
}

/** Keras-style form of {@link hingeLoss}. */
export const hingeLossFactory = lossFactory(hingeLoss, "hingeLoss");
/** Keras-style form of {@link squaredHingeLoss}. */
export const squaredHingeLossFactory = lossFactory(squaredHingeLoss, "squaredHingeLoss");
