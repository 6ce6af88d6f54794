import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { optionNames, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import { asTensor, type TensorInput, tensorPair } from "../tensor-input.js";
import { softplus } from "../tensor-math.js";

/** Options of {@link multilabelSoftMarginLoss}. */
export interface MultilabelSoftMarginLossOptions {
  /** Per-class weights [C]. */
  readonly weight?: TensorInput;
  /** Default `"mean"` (over rows). */
  readonly reduction?: Reduction;
}

const MULTILABEL_SOFT_MARGIN_LOSS_OPTIONS = optionNames<MultilabelSoftMarginLossOptions>()(
  "weight",
  "reduction",
);

/**
 * Multi-label one-versus-all logistic loss: per row,
 *   loss = (1 / C) sum_c w_c (t_c softplus(-x_c) + (1 - t_c) softplus(x_c)),
 * i.e. -(t log sigmoid(x) + (1 - t) log sigmoid(-x)) averaged over classes.
 * Matches torch 2.11 `F.multilabel_soft_margin_loss` (input [N, C], targets 0/1). O(N C).
 */
export function multilabelSoftMarginLoss(
  input: TensorInput,
  target: TensorInput,
  options: MultilabelSoftMarginLossOptions = {},
): tf.Tensor {
  const fn = "multilabelSoftMarginLoss";
  const opts = readOptions<MultilabelSoftMarginLossOptions>(fn, options, MULTILABEL_SOFT_MARGIN_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const [$input, $target] = tensorPair(input, target, fn, "input", "target");
    let terms = tf.add(
      tf.mul($target, softplus(tf.neg($input))),
      tf.mul(tf.sub(1, $target), softplus($input)),
    );
    if (opts.weight !== undefined) terms = tf.mul(terms, asTensor(opts.weight, fn, "weight"));
    const values = tf.mean(terms, -1);
    return reduceLoss(values, reduction);
  });
}

/** Keras-style form of {@link multilabelSoftMarginLoss} (`yPred` logits, `yTrue` 0/1 of the same shape). */
export const multilabelSoftMarginLossFactory = lossFactory(multilabelSoftMarginLoss, {
  name: "multilabelSoftMarginLoss",
  options: MULTILABEL_SOFT_MARGIN_LOSS_OPTIONS,
});
