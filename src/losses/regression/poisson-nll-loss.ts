import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { optBoolean, optionNames, optNumber, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link poissonNllLoss}. */
export interface PoissonNllLossOptions {
  /** `input` is log(rate) (default true) or the rate itself. */
  readonly logInput?: boolean;
  /** Add Stirling's approximation of log(target!) for targets > 1. Default false. */
  readonly full?: boolean;
  /** Added to the rate before the log when `logInput` is false. Default 1e-8. */
  readonly eps?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

const POISSON_NLL_LOSS_OPTIONS = optionNames<PoissonNllLossOptions>()(
  "logInput",
  "full",
  "eps",
  "reduction",
  "weights",
);

/**
 * Poisson negative log-likelihood. With `logInput`: exp(x) - y x; otherwise x - y log(x + eps).
 * `full` adds y log y - y + 0.5 log(2 pi y) where y > 1. Matches torch 2.11 `F.poisson_nll_loss`.
 * For counts; sensitive to large counts (the rate enters linearly). O(n).
 */
export function poissonNllLoss(
  input: TensorInput,
  target: TensorInput,
  options: PoissonNllLossOptions = {},
): tf.Tensor {
  const fn = "poissonNllLoss";
  const opts = readOptions<PoissonNllLossOptions>(fn, options, POISSON_NLL_LOSS_OPTIONS);
  const logInput = optBoolean(fn, "logInput", opts.logInput, true);
  const full = optBoolean(fn, "full", opts.full, false);
  const eps = optNumber(fn, "eps", opts.eps, 1e-8, { min: 0 });
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => {
    let values = logInput
      ? tf.sub(tf.exp($input), tf.mul($target, $input))
      : tf.sub($input, tf.mul($target, tf.log(tf.add($input, eps))));
    if (full) {
      const big = tf.greater($target, 1);
      const safe = tf.where(big, $target, tf.onesLike($target));
      const stirling = tf.add(
        tf.sub(tf.mul(safe, tf.log(safe)), safe),
        tf.mul(0.5, tf.log(tf.mul(2 * Math.PI, safe))),
      );
      values = tf.add(values, tf.where(big, stirling, tf.zerosLike(stirling)));
    }
    return values;
  });
}

/** Keras-style form of {@link poissonNllLoss} for `model.compile`. */
export const poissonNllLossFactory = lossFactory(poissonNllLoss, {
  name: "poissonNllLoss",
  options: POISSON_NLL_LOSS_OPTIONS,
});
