import * as tf from "@tensorflow/tfjs-core";
import { accurateMean, accurateSum } from "../accurate-sum.js";
import { type KerasLoss, kerasOptions } from "../factory.js";
import { optBoolean, optionNames, optOneOf, readOptions } from "../options.js";
import { type TensorInput, tensorPair } from "../tensor-input.js";

/** Options of {@link klDiv}. */
export interface KlDivOptions {
  /** `target` holds log-probabilities. Default false. */
  readonly logTarget?: boolean;
  /** `batchmean` (sum / batch size, the true KL per sample), `mean` (per element), `sum`, `none`. Default `"mean"` as in PyTorch; use `batchmean`. */
  readonly reduction?: "none" | "mean" | "sum" | "batchmean";
}

const KL_REDUCTIONS = ["none", "mean", "sum", "batchmean"] as const;

const KL_DIV_OPTIONS = optionNames<KlDivOptions>()("logTarget", "reduction");

/**
 * Kullback-Leibler divergence KL(target || exp(input)) with `input` as log-probabilities:
 * per element t (log t - input) (0 where t = 0), or exp(t) (t - input) with `logTarget`.
 * Matches torch 2.11 `F.kl_div`; `batchmean` divides the sum by input.shape[0] and is the
 * mathematical KL averaged over samples (PyTorch's `mean` divides by the element count). O(n).
 */
export function klDiv(input: TensorInput, target: TensorInput, options: KlDivOptions = {}): tf.Tensor {
  const fn = "klDiv";
  const opts = readOptions<KlDivOptions>(fn, options, KL_DIV_OPTIONS);
  const reduction = optOneOf(fn, "reduction", opts.reduction, KL_REDUCTIONS, "mean");
  const logTarget = optBoolean(fn, "logTarget", opts.logTarget, false);
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
    if (reduction === "sum") return accurateSum(values);
    if (reduction === "mean") return accurateMean(values);
    return tf.div(accurateSum(values), $input.rank === 0 ? 1 : $input.shape[0]!);
  });
}

/** Keras-style form of {@link klDiv}: `yPred` log-probabilities, `yTrue` probabilities; default `batchmean`. */
export function klDivFactory(options: KlDivOptions = {}): KerasLoss {
  const resolved = kerasOptions("klDiv", options, KL_DIV_OPTIONS, "batchmean");
  return (yTrue, yPred) => tf.tidy(() => klDiv(yPred, yTrue, resolved) as tf.Scalar);
}
