import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { type TensorInput, tensorPair } from "../tensor-input.js";

/** Options of {@link hingeEmbeddingLoss}. */
export interface HingeEmbeddingLossOptions {
  /** Default 1. */
  readonly margin?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const HINGE_EMBEDDING_LOSS_OPTIONS = optionNames<HingeEmbeddingLossOptions>()("margin", "reduction");

/**
 * Hinge embedding loss on distances x with labels y in {-1, +1}: x where y = 1,
 * max(0, margin - x) where y = -1 (PyTorch adds both terms for any other label value).
 * Matches torch 2.11 `F.hinge_embedding_loss`. For learning embeddings from (dis)similar pairs. O(n).
 */
export function hingeEmbeddingLoss(
  input: TensorInput,
  target: TensorInput,
  options: HingeEmbeddingLossOptions = {},
): tf.Tensor {
  const fn = "hingeEmbeddingLoss";
  const opts = readOptions<HingeEmbeddingLossOptions>(fn, options, HINGE_EMBEDDING_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const margin = optNumber(fn, "margin", opts.margin, 1);
  return tf.tidy(() => {
    const [$input, $target] = tensorPair(input, target, fn, "input", "target");
    const zeros = tf.zerosLike($input);
    const marginTerm = tf.where(tf.notEqual($target, 1), tf.relu(tf.sub(margin, $input)), zeros);
    const selfTerm = tf.where(tf.notEqual($target, -1), $input, zeros);
    return reduceLoss(tf.add(marginTerm, selfTerm), reduction);
  });
}

/** Keras-style form of {@link hingeEmbeddingLoss}. */
export const hingeEmbeddingLossFactory = lossFactory(hingeEmbeddingLoss, {
  name: "hingeEmbeddingLoss",
  options: HINGE_EMBEDDING_LOSS_OPTIONS,
});
