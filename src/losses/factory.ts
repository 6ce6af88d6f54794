import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../core/errors.js";
import type { Reduction } from "./reduction.js";

/** A Keras-style loss for `model.compile({ loss })`: `(yTrue, yPred) => tf.Scalar`. */
export type KerasLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Options every direct loss accepts; the factory forces a scalar reduction. */
export interface ReductionOption {
  readonly reduction?: Reduction;
}

/**
 * Turns a direct loss `(input, target, options) => tf.Tensor` into a Keras-style
 * `(yTrue, yPred) => tf.Scalar` for `model.compile({ loss })` and custom training loops.
 *
 * Keras passes `(yTrue, yPred)`; plumbline's direct losses take `(input, target)` as PyTorch
 * does, so the factory swaps them. The reduction defaults to `"mean"` (Keras'
 * `sum_over_batch_size`); `"none"` is refused because Keras needs a scalar (it would
 * otherwise mean-reduce silently). `prepare` may adapt the tensors first, e.g. cast a sparse
 * label column to int32 or squeeze a trailing unit dimension.
 *
 * @example
 * model.compile({ optimizer: "adam", loss: lossFactory(sigmoidFocalLoss, "sigmoidFocalLoss")({ gamma: 2 }) });
 */
export function lossFactory<TOptions extends ReductionOption>(
  direct: (input: tf.Tensor, target: tf.Tensor, options?: TOptions) => tf.Tensor,
  name: string,
  prepare?: (yTrue: tf.Tensor, yPred: tf.Tensor) => [input: tf.Tensor, target: tf.Tensor],
): (options?: TOptions) => KerasLoss {
  return (options?: TOptions) => {
    const reduction = options?.reduction ?? "mean";
    if (reduction === "none") {
      fail(
        "invalid_option",
        `${name}: option \`reduction\` must be "mean" or "sum" for a Keras loss, got "none"`,
      );
    }
    const resolved = { ...(options ?? {}), reduction } as TOptions;
    const loss: KerasLoss = (yTrue, yPred) =>
      tf.tidy(() => {
        const [input, target] = prepare ? prepare(yTrue, yPred) : [yPred, yTrue];
        return direct(input, target, resolved) as tf.Scalar;
      });
    Object.defineProperty(loss, "name", { value: name });
    return loss;
  };
}

/**
 * Same as {@link lossFactory} for losses with two inputs and a target (margin ranking, cosine
 * embedding): Keras gives one `yPred`, so `split` cuts it into the two inputs, and `yTrue` is reshaped to one label per row.
 */
export function pairLossFactory<TOptions extends ReductionOption>(
  direct: (input1: tf.Tensor, input2: tf.Tensor, target: tf.Tensor, options?: TOptions) => tf.Tensor,
  name: string,
  split: (yPred: tf.Tensor) => [tf.Tensor, tf.Tensor],
): (options?: TOptions) => KerasLoss {
  return lossFactory<TOptions>((input, target, options) => {
    const [a, b] = split(input);
    return direct(a, b, tf.reshape(target, [a.shape[0] ?? 1]), options);
  }, name);
}
