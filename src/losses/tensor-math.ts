import * as tf from "@tensorflow/tfjs-core";
import { accurateSum } from "./accurate-sum.js";
import { type Reduction, reduceLoss } from "./reduction.js";

/** Numerically stable building blocks shared by the loss folders (softplus, row normalisation, row cross-entropy, empty-safe reduction). */

/**
 * log(1 + exp(z)) without overflow: max(z, 0) + log1p(exp(-|z|)). Its autodiff gradient is
 * sigmoid(z) (relu' - sign(z) exp(-|z|)/(1 + exp(-|z|))), finite for any finite z.
 */
export function softplus(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
}

/**
 * Rows scaled to unit L2 norm: x / max(||x||, 1e-12) along `axis`, as PyTorch's
 * `F.normalize(eps=1e-12)`. The norm is sqrt(max(sum x^2, 1e-24)), which has the same value and
 * a finite gradient for an all-zero row.
 */
export function l2Normalize(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.tidy(() => tf.div(x, tf.sqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-24))));
}

/**
 * Reduction for losses whose empty batch must give 0 (torchvision box losses): `mean` of no
 * elements is 0 instead of NaN.
 */
export function reduceOrZero(values: tf.Tensor, reduction: Reduction): tf.Tensor {
  if (values.size === 0 && reduction !== "none") return tf.scalar(0);
  return reduceLoss(values, reduction);
}

/**
 * Mean of `values` over the positions where the 0/1 `mask` is 1: sum(values·mask) / max(sum(mask), 1),
 * so an all-zero mask gives 0 instead of NaN.
 */
export function maskedMean(values: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(accurateSum(tf.mul(values, mask)), tf.maximum(accurateSum(mask), 1)));
}
