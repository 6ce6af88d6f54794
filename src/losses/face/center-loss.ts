import * as tf from "@tensorflow/tfjs-core";
import { optionNames, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertDimsAgree, assertNonEmptyTensor, assertRank, asTensor, labelTensor } from "../tensor-input.js";

/** Options of {@link centerLoss}. */
export interface CenterLossOptions {
  readonly reduction?: Reduction;
}

const CENTER_LOSS_OPTIONS = optionNames<CenterLossOptions>()("reduction");

/**
 * Center loss: half the squared Euclidean distance of each embedding to its class center.
 * Inputs `embeddings` [N, D], integer `labels` [N], `centers` [C, D].
 * Formula: L_i = 0.5·Σ_d (x_id - c_{y_i}d)², reduced over the batch ("mean" default).
 * The gradient reaches the centers too, when they are a trainable variable (Wen et al. update
 * them with their own rate α instead; pass a constant copy of the centers (`stopGradient` from this module) for that). Cost O(N·D).
 */
export function centerLoss(
  embeddings: tf.Tensor | number[][],
  labels: tf.Tensor | number[],
  centers: tf.Tensor | number[][],
  options: CenterLossOptions = {},
): tf.Tensor {
  const fn = "centerLoss";
  const opts = readOptions<CenterLossOptions>(fn, options, CENTER_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const x = asTensor(embeddings, fn, "embeddings");
    const c = asTensor(centers, fn, "centers");
    assertRank(x, 2, fn, "embeddings", "[batch, features]");
    assertRank(c, 2, fn, "centers", "[classes, features]");
    assertDimsAgree(x, 1, c, 1, fn, "embeddings", "centers");
    assertNonEmptyTensor(c, fn, "centers");
    const y = labelTensor(labels, c.shape[0]!, fn, "labels");
    assertRank(y, 1, fn, "labels", "[batch]");
    assertDimsAgree(x, 0, y, 0, fn, "embeddings", "labels");
    // One-hot matmul rather than gather: gather's gradient needs a kernel the WASM backend lacks.
    const own = tf.matMul(tf.oneHot(y, c.shape[0]!), c);
    return reduceLoss(tf.mul(0.5, tf.sum(tf.square(tf.sub(x, own)), 1)), reduction);
  });
}
