import * as tf from "@tensorflow/tfjs-core";
import type { CatalogEntry } from "../../catalog/types.js";
import { fail } from "../../core/errors.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { marginInputs } from "./cosine-logits.js";
import { asTensor, crossEntropyRows, reductionOption } from "./tensor-checks.js";

export interface SoftmaxLossOptions {
  /** Class biases [C]; none by default. */
  readonly bias?: tf.Tensor | number[];
  readonly reduction?: Reduction;
}

/** Catalog entry of {@link softmaxLoss}. */
export const softmaxLossEntry: CatalogEntry = {
  id: "face/softmax_loss",
  title: "Softmax loss (classification head for face recognition)",
  kind: "loss",
  tasks: ["face-recognition", "classification"],
  formula: String.raw`L = -\frac{1}{N}\sum_i \log \frac{e^{W_{y_i}^\top x_i + b_{y_i}}}{\sum_j e^{W_j^\top x_i + b_j}}`,
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: [
    "Separates classes but does not make features compact: intra-class variance stays large, which hurts open-set verification.",
    "Sensitive to class imbalance (frequent identities dominate).",
  ],
  references: [
    {
      paper: "Taigman et al. 2014 (DeepFace); Sun et al. 2014 (DeepID)",
      implementation: "equals torch 2.11 F.cross_entropy(x @ W + b, y)",
    },
  ],
  pairsWith: ["classification/multiclass_accuracy", "retrieval/retrieval_map"],
  traits: ["closed-set", "identity-classification"],
  exports: ["softmaxLoss"],
};

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
  const reduction = reductionOption(options.reduction, fn);
  return tf.tidy(() => {
    const inputs = marginInputs(embeddings, weight, labels, fn);
    let logits: tf.Tensor = tf.matMul(inputs.embeddings, inputs.weight);
    if (options.bias !== undefined) {
      const bias = asTensor(options.bias, fn, "bias");
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
