import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import type { KerasLoss } from "../factory.js";
import { booleanOption } from "../options.js";
import { type TensorInput, tensorPair } from "../tensor-input.js";

/** Options of {@link klDiv}. */
export interface KlDivOptions {
  /** `target` holds log-probabilities. Default false. */
  readonly logTarget?: boolean;
  /** `batchmean` (sum / batch size, the true KL per sample), `mean` (per element), `sum`, `none`. Default `"mean"` as in PyTorch; use `batchmean`. */
  readonly reduction?: "none" | "mean" | "sum" | "batchmean";
}

/**
 * Kullback-Leibler divergence KL(target || exp(input)) with `input` as log-probabilities:
 * per element t (log t - input) (0 where t = 0), or exp(t) (t - input) with `logTarget`.
 * Matches torch 2.11 `F.kl_div`; `batchmean` divides the sum by input.shape[0] and is the
 * mathematical KL averaged over samples (PyTorch's `mean` divides by the element count). O(n).
 */
export function klDiv(input: TensorInput, target: TensorInput, options: KlDivOptions = {}): tf.Tensor {
  const fn = "klDiv";
  const reduction = options.reduction ?? "mean";
  if (!["none", "mean", "sum", "batchmean"].includes(reduction)) {
    fail(
      "invalid_option",
      `${fn}: option \`reduction\` must be "none", "mean", "sum" or "batchmean", got ${describeValue(reduction)}`,
    );
  }
  const logTarget = booleanOption(options.logTarget, false, fn, "logTarget");
  return tf.tidy(() => {
    const [$input, $target] = tensorPair(input, target, fn, "input", "target");
    let values: tf.Tensor;
    if (logTarget) {
      values = tf.mul(tf.exp($target), tf.sub($target, $input));
    } else {
      // xlogy(t, t): the log argument is replaced by 1 where t <= 0 so that no NaN enters any gradient.
      const positive = tf.greater($target, 0);
      const safe = tf.where(positive, $target, tf.onesLike($target));
      const xlogx = tf.where(positive, tf.mul($target, tf.log(safe)), tf.zerosLike($target));
      values = tf.sub(xlogx, tf.mul($target, $input));
    }
    if (reduction === "none") return values;
    if (reduction === "sum") return tf.sum(values);
    if (reduction === "mean") return tf.mean(values);
    return tf.div(tf.sum(values), $input.rank === 0 ? 1 : $input.shape[0]!);
  });
}

/** Keras-style form of {@link klDiv}: `yPred` log-probabilities, `yTrue` probabilities; default `batchmean`. */
export function klDivFactory(options: KlDivOptions = {}): KerasLoss {
  if (options.reduction === "none")
    fail(
      "invalid_option",
      'klDiv: option `reduction` must be "mean", "sum" or "batchmean" for a Keras loss, got "none"',
    );
  const resolved: KlDivOptions = { ...options, reduction: options.reduction ?? "batchmean" };
  return (yTrue, yPred) => tf.tidy(() => klDiv(yPred, yTrue, resolved) as tf.Scalar);
}
