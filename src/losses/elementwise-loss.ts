import * as tf from "@tensorflow/tfjs-core";
import { reductionOption } from "./options.js";
import { type Reduction, reduceLoss } from "./reduction.js";
import { asTensor, type TensorInput, tensorPair } from "./tensor-input.js";

/** The options every element-wise loss takes. */
export interface ElementwiseLossOptions {
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the per-element losses. */
  readonly weights?: TensorInput;
}

/**
 * The skeleton of a loss on two same-shaped tensors, shared by the regression, detection and
 * binary classification losses: takes the loss's options already read (`readOptions`), parses
 * `reduction`, converts `input` and `target` (float32), checks their shapes agree
 * (`shape_mismatch`), computes the per-element values with `elements`, then applies `weights`
 * and the reduction (`reduceLoss`). Runs inside `tf.tidy`.
 */
export function elementwiseLoss(
  fn: string,
  input: TensorInput,
  target: TensorInput,
  options: ElementwiseLossOptions,
  elements: (input: tf.Tensor, target: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  const reduction = reductionOption(fn, options.reduction);
  return tf.tidy(() => {
    const [$input, $target] = tensorPair(input, target, fn, "input", "target");
    const weights = options.weights === undefined ? undefined : asTensor(options.weights, fn, "weights");
    return reduceLoss(elements($input, $target), reduction, weights);
  });
}
