import * as tf from "@tensorflow/tfjs-core";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { optInteger, optionNames, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";
import { classWeights, indexRows, maskIgnored, sparseTargets } from "./class-layout.js";

/** Options of {@link nllLoss}. */
export interface NllLossOptions {
  /** Per-class weights [C]. */
  readonly weight?: TensorInput;
  /** Default -100. */
  readonly ignoreIndex?: number;
  /** Default `"mean"` (PyTorch's weighted mean: divides by the sum of the targets' weights). */
  readonly reduction?: Reduction;
}

const NLL_LOSS_OPTIONS = optionNames<NllLossOptions>()("weight", "ignoreIndex", "reduction");

/**
 * Negative log-likelihood of class indices under log-probabilities: l = -w_y input_y.
 * Matches torch 2.11 `F.nll_loss` (input [N, C] or [N, C, d1, ...]; `mean` divides by the sum of
 * the non-ignored targets' weights). Pair with a log-softmax output. O(N C).
 */
export function nllLoss(input: TensorInput, target: TensorInput, options: NllLossOptions = {}): tf.Tensor {
  const fn = "nllLoss";
  const opts = readOptions<NllLossOptions>(fn, options, NLL_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const ignoreIndex = optInteger(fn, "ignoreIndex", opts.ignoreIndex, -100);
  return tf.tidy(() => {
    const { rows, labels, outShape, numClasses } = indexRows(input, target, fn, ignoreIndex);
    const weight = classWeights(opts.weight, numClasses, fn);
    const { safe, valid: validF } = maskIgnored(labels, ignoreIndex);
    const wTarget = weight ? tf.mul(tf.gather(weight, safe), validF) : validF;
    const values = tf.mul(tf.neg(tf.sum(tf.mul(rows, tf.oneHot(safe, numClasses)), 1)), wTarget);
    if (reduction === "none") return tf.reshape(values, outShape);
    if (reduction === "sum") return accurateSum(values);
    return tf.div(accurateSum(values), accurateSum(wTarget));
  });
}

/** Keras-style form of {@link nllLoss}: `yPred` log-probabilities [N, C], `yTrue` class indices [N] / [N, 1] or one-hot [N, C]. */
export const nllLossFactory = lossFactory(nllLoss, {
  name: "nllLoss",
  options: NLL_LOSS_OPTIONS,
  prepare: sparseTargets,
});
