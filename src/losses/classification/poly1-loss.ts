import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";
import { indexRows, sparseTargets } from "./class-layout.js";

/** Options of {@link poly1Loss}. */
export interface Poly1LossOptions {
  /** Coefficient of the first polynomial term (1 - p_t); >= -1 keeps the loss monotone. Default 1. */
  readonly epsilon?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const POLY1_LOSS_OPTIONS = optionNames<Poly1LossOptions>()("epsilon", "reduction");

/**
 * Poly-1 loss (Leng et al. 2022, PolyLoss): cross-entropy plus epsilon (1 - p_t), with p_t the
 * softmax probability of the target class: loss = -lp_y + epsilon (1 - exp(lp_y)).
 * Matches the formula via torch 2.11 autograd. epsilon > 0 emphasises hard examples less
 * aggressively than focal loss; epsilon < 0 suits imbalanced detection heads. O(N C).
 */
export function poly1Loss(
  input: TensorInput,
  target: TensorInput,
  options: Poly1LossOptions = {},
): tf.Tensor {
  const fn = "poly1Loss";
  const opts = readOptions<Poly1LossOptions>(fn, options, POLY1_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const epsilon = optNumber(fn, "epsilon", opts.epsilon, 1);
  return tf.tidy(() => {
    const { rows, labels, outShape, numClasses } = indexRows(input, target, fn);
    const lpT = tf.sum(tf.mul(tf.logSoftmax(rows), tf.oneHot(labels, numClasses)), 1);
    const values = tf.sub(tf.neg(lpT), tf.mul(epsilon, tf.expm1(lpT)));
    return reduction === "none" ? tf.reshape(values, outShape) : reduceLoss(values, reduction);
  });
}

/** Keras-style form of {@link poly1Loss}: `yPred` logits [N, C], `yTrue` class indices [N] / [N, 1] or one-hot [N, C]. */
export const poly1LossFactory = lossFactory(poly1Loss, {
  name: "poly1Loss",
  options: POLY1_LOSS_OPTIONS,
  prepare: sparseTargets,
});
