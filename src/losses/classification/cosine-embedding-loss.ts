import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { pairLossFactory } from "../factory.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertSameShape, asTensor, type TensorInput } from "../tensor-input.js";

/** Options of {@link cosineEmbeddingLoss}. */
export interface CosineEmbeddingLossOptions {
  /** In [-1, 1]. Default 0. */
  readonly margin?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const COSINE_EMBEDDING_LOSS_OPTIONS = optionNames<CosineEmbeddingLossOptions>()("margin", "reduction");

/**
 * Cosine embedding loss for pairs of rows with labels y in {-1, +1}: 1 - cos(x1, x2) where y = 1,
 * max(0, cos(x1, x2) - margin) where y = -1. cos = <x1, x2> / sqrt((|x1|^2 + 1e-12)(|x2|^2 + 1e-12))
 * exactly as torch 2.11 `F.cosine_embedding_loss` computes it (so zero rows stay finite). O(N D).
 */
export function cosineEmbeddingLoss(
  input1: TensorInput,
  input2: TensorInput,
  target: TensorInput,
  options: CosineEmbeddingLossOptions = {},
): tf.Tensor {
  const fn = "cosineEmbeddingLoss";
  const opts = readOptions<CosineEmbeddingLossOptions>(fn, options, COSINE_EMBEDDING_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const margin = optNumber(fn, "margin", opts.margin, 0, { min: -1, max: 1 });
  return tf.tidy(() => {
    const a = asTensor(input1, fn, "input1");
    const b = asTensor(input2, fn, "input2");
    const y = asTensor(target, fn, "target");
    assertSameShape(a, b, fn, "input1", "input2");
    if (a.rank < 1 || y.shape.join() !== a.shape.slice(0, -1).join()) {
      fail("shape_mismatch", `${fn}: \`target\` must have shape [${a.shape.slice(0, -1)}], got [${y.shape}]`);
    }
    const dot = tf.sum(tf.mul(a, b), -1);
    const m1 = tf.add(tf.sum(tf.square(a), -1), 1e-12);
    const m2 = tf.add(tf.sum(tf.square(b), -1), 1e-12);
    const cos = tf.div(dot, tf.sqrt(tf.mul(m1, m2)));
    const zeros = tf.zerosLike(cos);
    const pos = tf.where(tf.equal(y, 1), tf.sub(1, cos), zeros);
    const neg = tf.where(tf.equal(y, -1), tf.relu(tf.sub(cos, margin)), zeros);
    return reduceLoss(tf.add(pos, neg), reduction);
  });
}

/** Keras-style form of {@link cosineEmbeddingLoss}: `yPred` [N, 2D] holds x1 then x2 per row, `yTrue` the +-1 labels [N] or [N, 1]. */
export const cosineEmbeddingLossFactory = pairLossFactory(cosineEmbeddingLoss, {
  name: "cosineEmbeddingLoss",
  options: COSINE_EMBEDDING_LOSS_OPTIONS,
  split: (yPred) => {
    const [a, b] = tf.split(yPred, 2, -1);
    return [a!, b!];
  },
});
