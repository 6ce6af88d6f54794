import * as tf from "@tensorflow/tfjs-core";
import { assertDimsAgree, assertNonEmptyTensor, assertRank, asTensor, labelTensor } from "../tensor-input.js";
import { l2Normalize } from "../tensor-math.js";

/** Inputs of the margin-softmax face losses after checking. */
export interface MarginInputs {
  readonly embeddings: tf.Tensor2D;
  readonly weight: tf.Tensor2D;
  readonly labels: tf.Tensor1D;
  readonly numClasses: number;
}

/**
 * Checks `embeddings` [N, D], `weight` [D, C] (one column per class, the layout of a dense
 * layer's kernel) and integer `labels` [N] in [0, C).
 */
export function marginInputs(
  embeddings: unknown,
  weight: unknown,
  labels: unknown,
  fn: string,
): MarginInputs {
  const e = asTensor(embeddings, fn, "embeddings");
  const w = asTensor(weight, fn, "weight");
  assertRank(e, 2, fn, "embeddings", "[batch, features]");
  assertRank(w, 2, fn, "weight", "[features, classes]");
  assertDimsAgree(e, 1, w, 0, fn, "embeddings", "weight");
  assertNonEmptyTensor(e, fn, "embeddings");
  assertNonEmptyTensor(w, fn, "weight");
  const numClasses = w.shape[1]!;
  const y = labelTensor(labels, numClasses, fn, "labels");
  assertRank(y, 1, fn, "labels", "[batch]");
  assertDimsAgree(e, 0, y, 0, fn, "embeddings", "labels");
  return { embeddings: e as tf.Tensor2D, weight: w as tf.Tensor2D, labels: y as tf.Tensor1D, numClasses };
}

/** Cosine of the angle between each embedding and each class weight: [N, C], clamped to ±(1 - clampEps). */
export function cosineMatrix(embeddings: tf.Tensor2D, weight: tf.Tensor2D, clampEps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const cos = tf.matMul(l2Normalize(embeddings, 1), l2Normalize(weight, 0));
    return tf.clipByValue(cos, -1 + clampEps, 1 - clampEps) as tf.Tensor2D;
  });
}

/** Replaces the target-class entry of each row of `logits` by the matching entry of `targetLogits`. */
export function replaceTarget(
  logits: tf.Tensor,
  targetLogits: tf.Tensor,
  labels: tf.Tensor,
  numClasses: number,
): tf.Tensor {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(tf.cast(labels, "int32"), numClasses);
    return tf.add(tf.mul(oneHot, targetLogits), tf.mul(tf.sub(1, oneHot), logits));
  });
}
