import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { optInteger, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { asTensor, type TensorInput } from "../tensor-input.js";
import { indexRows, maskIgnored, sparseTargets } from "./class-layout.js";

/** Options of {@link softmaxFocalLoss}. */
export interface SoftmaxFocalLossOptions {
  /** Focusing exponent >= 0; 0 gives cross-entropy. Default 2. */
  readonly gamma?: number;
  /** Per-class weights [C] (the multi-class reading of alpha), a scalar for every class, or null. Default null. */
  readonly alpha?: TensorInput | number | null;
  /** Targets equal to this index contribute nothing and leave the mean. Default -100. */
  readonly ignoreIndex?: number;
  /** Default `"mean"` (over non-ignored rows, not over weights). */
  readonly reduction?: Reduction;
}

const SOFTMAX_FOCAL_LOSS_OPTIONS = optionNames<SoftmaxFocalLossOptions>()(
  "gamma",
  "alpha",
  "ignoreIndex",
  "reduction",
);

/**
 * Multi-class focal loss on softmax probabilities: with lp_y the log-softmax at the target,
 *   loss = -alpha_y (1 - exp(lp_y))^gamma lp_y,
 * where 1 - exp(lp_y) is computed as -expm1(lp_y) to keep precision for confident rows.
 * Matches the formula via torch 2.11 autograd (the conformance cases) and the usual
 * `FocalLoss(gamma)` of classification codebases. For class imbalance and many easy negatives. O(N C).
 */
export function softmaxFocalLoss(
  input: TensorInput,
  target: TensorInput,
  options: SoftmaxFocalLossOptions = {},
): tf.Tensor {
  const fn = "softmaxFocalLoss";
  const opts = readOptions<SoftmaxFocalLossOptions>(fn, options, SOFTMAX_FOCAL_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const gamma = optNumber(fn, "gamma", opts.gamma, 2, { min: 0 });
  const ignoreIndex = optInteger(fn, "ignoreIndex", opts.ignoreIndex, -100);
  const alpha = typeof opts.alpha === "number" ? optNumber(fn, "alpha", opts.alpha, 1) : opts.alpha;
  return tf.tidy(() => {
    const { rows, labels, outShape, numClasses } = indexRows(input, target, fn, ignoreIndex);
    const { safe, valid: validF } = maskIgnored(labels, ignoreIndex);
    const lpT = tf.sum(tf.mul(tf.logSoftmax(rows), tf.oneHot(safe, numClasses)), 1);
    let values = tf.neg(lpT);
    if (gamma !== 0) values = tf.mul(values, tf.pow(tf.neg(tf.expm1(lpT)), gamma));
    if (typeof alpha === "number") values = tf.mul(values, alpha);
    else if (alpha !== undefined && alpha !== null) {
      const a = tf.reshape(asTensor(alpha, fn, "alpha"), [-1]);
      if (a.size !== numClasses)
        fail("shape_mismatch", `${fn}: option \`alpha\` must have ${numClasses} entries, got ${a.size}`);
      values = tf.mul(values, tf.gather(a, safe));
    }
    values = tf.mul(values, validF);
    if (reduction === "none") return tf.reshape(values, outShape);
    if (reduction === "sum") return accurateSum(values);
    return tf.div(accurateSum(values), accurateSum(validF));
  });
}

/** Keras-style form of {@link softmaxFocalLoss}: `yPred` logits [N, C], `yTrue` class indices [N] / [N, 1] or one-hot [N, C]. */
export const softmaxFocalLossFactory = lossFactory(softmaxFocalLoss, {
  name: "softmaxFocalLoss",
  options: SOFTMAX_FOCAL_LOSS_OPTIONS,
  prepare: sparseTargets,
});
