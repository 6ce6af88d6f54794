import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import type { KerasLoss } from "../factory.js";
import type { Reduction } from "../reduction.js";
import { numberOption, reductionOf, type TensorInput } from "../tensor-input.js";
import { classRows, classWeights } from "./class-layout.js";

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions {
  /** Per-class weights [C] (PyTorch `weight`). */
  readonly weight?: TensorInput;
  /** Targets equal to this class index contribute nothing (and are left out of the mean). Default -100. */
  readonly ignoreIndex?: number;
  /** Mixes the target with the uniform distribution: (1 - e) target + e / C. Default 0. */
  readonly labelSmoothing?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

/**
 * Cross-entropy of logits against class indices (sparse categorical) or class probabilities
 * (categorical). With log-softmax lp and class index y:
 *   l = -w_y lp_y, and with label smoothing e: (1 - e) l + (e / C) (-sum_c w_c lp_c).
 * With probability targets t: l = -sum_c w_c t'_c lp_c, t' = (1 - e) t + e / C.
 * `mean` follows PyTorch: with class indices it divides by the sum of the targets' weights
 * (the count of non-ignored targets when unweighted; NaN when every target is ignored); with
 * probability targets it divides by the number of rows.
 * Matches torch 2.11 `F.cross_entropy` (input [N, C] or [N, C, d1, ...]). The log-softmax
 * subtracts the row maximum, so logits of +-100 give finite values and gradients. O(N C).
 */
export function crossEntropy(
  input: TensorInput,
  target: TensorInput,
  options: CrossEntropyOptions = {},
): tf.Tensor {
  const fn = "crossEntropy";
  const reduction = reductionOf(options, fn);
  const ignoreIndex = numberOption(options.ignoreIndex, -100, fn, "ignoreIndex");
  const smoothing = numberOption(options.labelSmoothing, 0, fn, "labelSmoothing", { min: 0, max: 1 });
  return tf.tidy(() => {
    const { rows, labels, probabilities, outShape, numClasses } = classRows(input, target, fn, ignoreIndex);
    const weight = classWeights(options.weight, numClasses, fn);
    const logp = tf.logSoftmax(rows);
    if (probabilities) {
      let t =
        smoothing > 0 ? tf.add(tf.mul(probabilities, 1 - smoothing), smoothing / numClasses) : probabilities;
      if (weight) t = tf.mul(t, weight);
      const values = tf.neg(tf.sum(tf.mul(logp, t), 1));
      if (reduction === "none") return tf.reshape(values, outShape);
      return reduction === "sum" ? tf.sum(values) : tf.mean(values);
    }
    const valid = tf.notEqual(labels!, ignoreIndex);
    const safe = tf.where(valid, labels!, tf.zerosLike(labels!));
    const oneHot = tf.oneHot(safe, numClasses);
    const validF = tf.cast(valid, "float32");
    const wTarget = weight ? tf.mul(tf.gather(weight, safe), validF) : validF;
    const nll = tf.mul(tf.neg(tf.sum(tf.mul(logp, oneHot), 1)), wTarget);
    const smooth =
      smoothing > 0 ? tf.mul(tf.neg(tf.sum(weight ? tf.mul(logp, weight) : logp, 1)), validF) : undefined;
    if (reduction === "none") {
      const values = smooth
        ? tf.add(tf.mul(nll, 1 - smoothing), tf.mul(smooth, smoothing / numClasses))
        : nll;
      return tf.reshape(values, outShape);
    }
    if (reduction === "sum") {
      const s = tf.sum(nll);
      return smooth ? tf.add(tf.mul(s, 1 - smoothing), tf.mul(tf.sum(smooth), smoothing / numClasses)) : s;
    }
    const denominator = tf.sum(wTarget);
    const m = tf.div(tf.sum(nll), denominator);
    if (!smooth) return m;
    return tf.add(
      tf.mul(m, 1 - smoothing),
      tf.mul(tf.div(tf.sum(smooth), denominator), smoothing / numClasses),
    );
  });
}

/** Options of {@link crossEntropyFactory}. */
export interface CrossEntropyFactoryOptions extends CrossEntropyOptions {
  /** `yPred` holds logits (default) or probabilities (then log(clip(p, 1e-7, 1)) serves as logits, renormalised). */
  readonly fromLogits?: boolean;
}

/**
 * Keras-style form of {@link crossEntropy}: `yPred` is [N, C] (or [N, ..., C], classes last as
 * in Keras); `yTrue` is one-hot/probabilities of the same shape (categorical) or class indices
 * [N] / [N, 1] (sparse categorical).
 */
export function crossEntropyFactory(options: CrossEntropyFactoryOptions = {}): KerasLoss {
  const fn = "crossEntropy";
  if (options.reduction === "none")
    fail(
      "invalid_option",
      `${fn}: option \`reduction\` must be "mean" or "sum" for a Keras loss, got "none"`,
    );
  const { fromLogits = true, ...rest } = options;
  return (yTrue, yPred) =>
    tf.tidy(() => {
      let logits = fromLogits ? yPred : tf.log(tf.clipByValue(yPred, 1e-7, 1));
      let target = yTrue;
      const sameShape = yTrue.shape.join() === yPred.shape.join();
      if (!sameShape) {
        target = tf.cast(tf.reshape(yTrue, yPred.shape.slice(0, -1)), "int32");
      }
      if (logits.rank > 2) {
        const perm = [0, logits.rank - 1, ...logits.shape.slice(1, -1).map((_, i) => i + 1)];
        logits = tf.transpose(logits, perm);
        if (sameShape) target = tf.transpose(target, perm);
      }
      return crossEntropy(logits, target, rest) as tf.Scalar;
    });
}
