import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { optInteger, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import { assertRank, asTensor, type TensorInput } from "../tensor-input.js";
import { classWeights, indexRows, sparseTargets } from "./class-layout.js";

/** Options of {@link multiMarginLoss}. */
export interface MultiMarginLossOptions {
  /** 1 (hinge) or 2 (squared hinge). Default 1. */
  readonly p?: 1 | 2;
  /** Default 1. */
  readonly margin?: number;
  /** Per-class weights [C], applied by the target class. */
  readonly weight?: TensorInput;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const MULTI_MARGIN_LOSS_OPTIONS = optionNames<MultiMarginLossOptions>()("p", "margin", "weight", "reduction");

/**
 * Multi-class hinge (Weston-Watkins, as PyTorch): for a row x with target y,
 *   loss = sum_{j != y} w_y max(0, margin - x_y + x_j)^p / C.
 * Matches torch 2.11 `F.multi_margin_loss` (input [N, C]). O(N C).
 */
export function multiMarginLoss(
  input: TensorInput,
  target: TensorInput,
  options: MultiMarginLossOptions = {},
): tf.Tensor {
  const fn = "multiMarginLoss";
  const opts = readOptions<MultiMarginLossOptions>(fn, options, MULTI_MARGIN_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const p = optInteger(fn, "p", opts.p, 1, { min: 1, max: 2 });
  const margin = optNumber(fn, "margin", opts.margin, 1);
  return tf.tidy(() => {
    assertRank(asTensor(input, fn, "input"), [1, 2], fn, "input");
    const { rows, labels, outShape, numClasses } = indexRows(input, target, fn);
    const oneHot = tf.oneHot(labels, numClasses);
    const xY = tf.sum(tf.mul(rows, oneHot), 1, true);
    let terms = tf.relu(tf.add(tf.sub(margin, xY), rows));
    if (p === 2) terms = tf.square(terms);
    let values = tf.div(tf.sum(tf.mul(terms, tf.sub(1, oneHot)), 1), numClasses);
    const weight = classWeights(opts.weight, numClasses, fn);
    if (weight) values = tf.mul(values, tf.gather(weight, labels));
    return reduction === "none" ? tf.reshape(values, outShape) : reduceLoss(values, reduction);
  });
}

/** Keras-style form of {@link multiMarginLoss}: `yPred` scores [N, C], `yTrue` class indices [N] / [N, 1] or one-hot [N, C]. */
export const multiMarginLossFactory = lossFactory(multiMarginLoss, {
  name: "multiMarginLoss",
  options: MULTI_MARGIN_LOSS_OPTIONS,
  prepare: sparseTargets,
});
