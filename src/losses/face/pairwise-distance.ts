import * as tf from "@tensorflow/tfjs-core";
import { absolute, safeSqrt, stepMask } from "../gradient-tools.js";

/**
 * p-norm of the rows of `diff` [N, D] (p >= 1 or Infinity), with a zero-safe gradient for p = 2
 * and general p (the subgradient 0 where a row is all zero).
 */
export function rowNorm(diff: tf.Tensor, p: number): tf.Tensor {
  return tf.tidy(() => {
    if (p === 2) return safeSqrt(tf.sum(tf.square(diff), -1));
    if (p === 1) return tf.sum(absolute(diff), -1);
    if (p === Number.POSITIVE_INFINITY) return tf.max(absolute(diff), -1);
    const powered = tf.sum(tf.pow(absolute(diff), p), -1);
    const positive = stepMask(powered);
    return tf.mul(positive, tf.pow(tf.add(powered, tf.sub(1, positive)), 1 / p));
  });
}

/**
 * PyTorch's `F.pairwise_distance(x1, x2, p, eps)`: ||x1 - x2 + eps||_p row by row (eps is added
 * to the difference, not to the norm).
 */
export function pairwiseDistance(x1: tf.Tensor, x2: tf.Tensor, p: number, eps: number): tf.Tensor {
  return tf.tidy(() => rowNorm(tf.add(tf.sub(x1, x2), eps), p));
}

/**
 * All pairwise Euclidean distances between the rows of `x` [N, D]: [N, N], via
 * |a|² + |b|² - 2 a·b clamped at 0 (the diagonal is exactly 0), gradient-safe at 0.
 * With `squared` the squared distances.
 */
export function distanceMatrix(x: tf.Tensor, squared: boolean): tf.Tensor {
  return tf.tidy(() => {
    const sq = tf.sum(tf.square(x), 1, true);
    const gram = tf.matMul(x, x, false, true);
    const n = x.shape[0]!;
    const offDiagonal = tf.sub(1, tf.eye(n));
    const d2 = tf.mul(tf.relu(tf.sub(tf.add(sq, tf.transpose(sq)), tf.mul(2, gram))), offDiagonal);
    return squared ? d2 : safeSqrt(d2);
  });
}
