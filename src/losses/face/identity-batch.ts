import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { assertDimsAgree, assertNonEmptyTensor, assertRank, asTensor } from "../tensor-input.js";

/** A batch of embeddings with identity labels, and its pair masks (all [N, N] float32, constants for autodiff). */
export interface IdentityBatch {
  /** Embeddings [N, D]. */
  readonly x: tf.Tensor;
  /** Batch size N. */
  readonly n: number;
  /** 1 where i ≠ j share a label. */
  readonly positive: tf.Tensor;
  /** 1 where the labels differ. */
  readonly negative: tf.Tensor;
  /** [N]: 1 for anchors with at least one positive and one negative. */
  readonly validAnchors: tf.Tensor;
}

/**
 * Reads the (embeddings [N, D], integer labels [N]) batch of the mining losses (circle loss,
 * batch-hard/batch-all triplet loss): shape checks (`shape_mismatch`, `empty_input`), integer
 * labels (`invalid_value`, any integers), then the positive/negative pair masks. Call inside
 * `tf.tidy`. O(N²) masks; one device read of the labels.
 */
export function identityBatch(embeddings: unknown, labels: unknown, fn: string): IdentityBatch {
  const x = asTensor(embeddings, fn, "embeddings");
  assertRank(x, 2, fn, "embeddings", "[batch, features]");
  assertNonEmptyTensor(x, fn, "embeddings");
  const y = tf.reshape(asTensor(labels, fn, "labels"), [-1]);
  assertDimsAgree(x, 0, y, 0, fn, "embeddings", "labels");
  const data = y.dataSync();
  for (let i = 0; i < data.length; i++) {
    if (!Number.isInteger(data[i]))
      fail(
        "invalid_value",
        `${fn}: \`labels\` must contain integer identity labels, got ${data[i]} at index ${i}`,
      );
  }
  const n = x.shape[0]!;
  const same = tf.cast(tf.equal(tf.expandDims(y, 1), tf.expandDims(y, 0)), "float32");
  const positive = tf.sub(same, tf.eye(n));
  const negative = tf.sub(1, same);
  const validAnchors = tf.mul(
    tf.cast(tf.greater(tf.sum(positive, 1), 0), "float32"),
    tf.cast(tf.greater(tf.sum(negative, 1), 0), "float32"),
  );
  return { x, n, positive, negative, validAnchors };
}
