import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../core/errors.js";
import { readOptions } from "./options.js";
import type { Reduction } from "./reduction.js";

/** A Keras-style loss for `model.compile({ loss })`: `(yTrue, yPred) => tf.Scalar`. */
export type KerasLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Options every direct loss accepts; the factory forces a scalar reduction. */
export interface ReductionOption {
  readonly reduction?: Reduction;
}

/** How {@link lossFactory} builds a Keras loss from a direct one. */
export interface LossFactorySpec {
  /** The direct loss's name, used in error messages and as the Keras loss's `name`. */
  readonly name: string;
  /** The option names the direct loss declares (its `optionNames` list). */
  readonly options: readonly string[];
  /** Adapts `(yTrue, yPred)` to the direct loss's `(input, target)`; default: swap them. */
  readonly prepare?: (yTrue: tf.Tensor, yPred: tf.Tensor) => [input: tf.Tensor, target: tf.Tensor];
}

/**
 * The `reduction` of a Keras loss: "mean" (default, Keras' `sum_over_batch_size`) or "sum";
 * "none" is refused because Keras needs a scalar (it would otherwise mean-reduce silently).
 * Options are read strictly (unknown names are `invalid_option`) when the loss is built.
 */
export function kerasOptions<TOptions extends object>(
  name: string,
  options: TOptions | undefined,
  names: readonly string[],
  fallback: string = "mean",
): TOptions {
  const read = readOptions<TOptions>(name, options, names) as TOptions;
  // a loss without a `reduction` option is already a scalar
  if (!names.includes("reduction")) return read;
  const reduction = ((read as ReductionOption).reduction as string | undefined) ?? fallback;
  if (reduction === "none")
    fail(
      "invalid_option",
      `${name}: option \`reduction\` must not be "none" for a Keras loss (model.compile needs a scalar), got "none"`,
    );
  return { ...read, reduction } as TOptions;
}

/**
 * Turns a direct loss `(input, target, options) => tf.Tensor` into a Keras-style
 * `(yTrue, yPred) => tf.Scalar` for `model.compile({ loss })` and custom training loops.
 *
 * Keras passes `(yTrue, yPred)`; plumbline's direct losses take `(input, target)` as PyTorch
 * does, so the factory swaps them. The options are read strictly when the Keras loss is built
 * (see {@link kerasOptions}); their values are parsed by the direct loss on its first call.
 * `prepare` may adapt the tensors first, e.g. cast a sparse label column to int32 or squeeze a
 * trailing unit dimension.
 *
 * @example
 * model.compile({ optimizer: "adam", loss: sigmoidFocalLossFactory({ gamma: 2 }) });
 */
export function lossFactory<TOptions extends object>(
  direct: (input: tf.Tensor, target: tf.Tensor, options?: TOptions) => tf.Tensor,
  spec: LossFactorySpec,
): (options?: TOptions) => KerasLoss {
  return (options?: TOptions) => {
    const resolved = kerasOptions(spec.name, options, spec.options);
    const loss: KerasLoss = (yTrue, yPred) =>
      tf.tidy(() => {
        const [input, target] = spec.prepare ? spec.prepare(yTrue, yPred) : [yPred, yTrue];
        return direct(input, target, resolved) as tf.Scalar;
      });
    Object.defineProperty(loss, "name", { value: spec.name });
    return loss;
  };
}

/**
 * Same as {@link lossFactory} for losses with two inputs and a target (margin ranking, cosine
 * embedding, contrastive): Keras gives one `yPred`, so `split` cuts it into the two inputs, and
 * `yTrue` is reshaped to one label per row.
 */
export function pairLossFactory<TOptions extends ReductionOption>(
  direct: (input1: tf.Tensor, input2: tf.Tensor, target: tf.Tensor, options?: TOptions) => tf.Tensor,
  spec: Omit<LossFactorySpec, "prepare"> & { readonly split: (yPred: tf.Tensor) => [tf.Tensor, tf.Tensor] },
): (options?: TOptions) => KerasLoss {
  return lossFactory<TOptions>(
    (input, target, options) => {
      const [a, b] = spec.split(input);
      return direct(a, b, tf.reshape(target, [a.shape[0] ?? 1]), options);
    },
    { name: spec.name, options: spec.options },
  );
}
