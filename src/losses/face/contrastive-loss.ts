import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { pairLossFactory } from "../factory.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertDimsAgree, asTensor, embeddingPair } from "../tensor-input.js";
import { rowNorm } from "./pairwise-distance.js";

/** Options of {@link contrastiveLoss}. */
export interface ContrastiveLossOptions {
  /** Margin m for dissimilar pairs. Default 1. */
  readonly margin?: number;
  readonly reduction?: Reduction;
}

const CONTRASTIVE_LOSS_OPTIONS = optionNames<ContrastiveLossOptions>()("margin", "reduction");

/**
 * Contrastive loss of Hadsell et al. on pairs `x1`, `x2` [N, D] with `same` [N] (1 = similar
 * pair, 0 = dissimilar; values in between weight both terms). Formula:
 * L_i = 0.5·(y_i d_i² + (1 - y_i) max(0, m - d_i)²), d_i the Euclidean distance.
 * Matches the torch 2.11 autograd formula of the conformance cases. The distance's gradient
 * is 0 for coinciding points (no NaN). Cost O(N·D).
 */
export function contrastiveLoss(
  x1: tf.Tensor | number[][],
  x2: tf.Tensor | number[][],
  same: tf.Tensor | number[],
  options: ContrastiveLossOptions = {},
): tf.Tensor {
  const fn = "contrastiveLoss";
  const opts = readOptions<ContrastiveLossOptions>(fn, options, CONTRASTIVE_LOSS_OPTIONS);
  const margin = optNumber(fn, "margin", opts.margin, 1, { min: 0 });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const [a, b] = embeddingPair(x1, x2, fn, "x1", "x2");
    const y = tf.reshape(asTensor(same, fn, "same"), [-1]);
    assertDimsAgree(a, 0, y, 0, fn, "x1", "same");
    const diff = tf.sub(a, b);
    const d2 = tf.sum(tf.square(diff), 1);
    const d = rowNorm(diff, 2);
    const pull = tf.mul(y, d2);
    const push = tf.mul(tf.sub(1, y), tf.square(tf.relu(tf.sub(margin, d))));
    return reduceLoss(tf.mul(0.5, tf.add(pull, push)), reduction);
  });
}

/**
 * Keras-style form of {@link contrastiveLoss}: `yPred` [N, 2D] holds both embeddings side by
 * side (x1 in the first D columns, x2 in the last D), `yTrue` [N] or [N, 1] is `same`.
 */
export const contrastiveLossFactory = pairLossFactory<ContrastiveLossOptions>(
  (x1, x2, same, options) => contrastiveLoss(x1, x2, same, options),
  {
    name: "contrastiveLoss",
    options: CONTRASTIVE_LOSS_OPTIONS,
    split: (yPred) => {
      const d = yPred.shape[1]!;
      if (yPred.rank !== 2 || d % 2 !== 0)
        fail(
          "shape_mismatch",
          `contrastiveLoss: \`yPred\` must have shape [batch, 2·features], got [${yPred.shape.join(", ")}]`,
        );
      return [tf.slice(yPred, [0, 0], [-1, d / 2]), tf.slice(yPred, [0, d / 2], [-1, -1])];
    },
  },
);
