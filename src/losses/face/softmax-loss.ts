import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { crossEntropyRows } from "../classification/cross-entropy.js";
import { optionNames, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { asTensor } from "../tensor-input.js";
import { marginInputs } from "./cosine-logits.js";

/** Options of {@link softmaxLoss}. */
export interface SoftmaxLossOptions {
  /** Class biases [C]; none by default. */
  readonly bias?: tf.Tensor | number[];
  readonly reduction?: Reduction;
}

const SOFTMAX_LOSS_OPTIONS = optionNames<SoftmaxLossOptions>()("bias", "reduction");

/**
 * Softmax loss of face recognition: cross-entropy of the linear classifier `x W + b` over the
 * identities. Inputs: `embeddings` [N, D], `weight` [D, C], integer `labels` [N].
 * Formula: L_i = -log softmax(x_i W + b)[y_i], reduced over the batch ("mean" default).
 * Matches torch 2.11 `F.cross_entropy(embeddings @ weight + bias, labels)`; stable for large
 * logits (log-softmax). Cost O(N·D·C).
 */
export function softmaxLoss(
  embeddings: tf.Tensor | number[][],
  weight: tf.Tensor | number[][],
  labels: tf.Tensor | number[],
  options: SoftmaxLossOptions = {},
): tf.Tensor {
  const fn = "softmaxLoss";
  const opts = readOptions<SoftmaxLossOptions>(fn, options, SOFTMAX_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const inputs = marginInputs(embeddings, weight, labels, fn);
    let logits: tf.Tensor = tf.matMul(inputs.embeddings, inputs.weight);
    if (opts.bias !== undefined) {
      const bias = asTensor(opts.bias, fn, "bias");
      if (bias.rank !== 1 || bias.shape[0] !== inputs.numClasses) {
        fail(
          "shape_mismatch",
          `${fn}: option \`bias\` must have shape [${inputs.numClasses}], got [${bias.shape.join(", ")}]`,
        );
      }
      logits = tf.add(logits, bias);
    }
    return reduceLoss(crossEntropyRows(logits, inputs.labels), reduction);
  });
}
