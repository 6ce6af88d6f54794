import * as tf from "@tensorflow/tfjs-core";
import type { CatalogEntry } from "../../catalog/types.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import {
  assertNonEmptyTensor,
  assertRank,
  assertSameShape,
  asTensor,
  booleanOption,
  crossEntropyRows,
  l2Normalize,
  numberOption,
  reductionOption,
} from "./tensor-checks.js";

export interface InfoNceLossOptions {
  /** Temperature τ > 0. Default 0.07 (CLIP's initial value). */
  readonly temperature?: number;
  /** Average the a→b and b→a cross-entropies (CLIP). Default true. */
  readonly symmetric?: boolean;
  /** "none": per-pair losses [N] (the average of both directions when symmetric). */
  readonly reduction?: Reduction;
}

/** Catalog entry of {@link infoNceLoss}. */
export const infoNceLossEntry: CatalogEntry = {
  id: "face/info_nce_loss",
  title: "InfoNCE (in-batch contrastive, CLIP-style)",
  kind: "loss",
  tasks: ["face-recognition", "retrieval"],
  formula: String.raw`L = -\frac{1}{N}\sum_i \log\frac{e^{\cos(a_i,b_i)/\tau}}{\sum_j e^{\cos(a_i,b_j)/\tau}}\ \ (\text{symmetric: average with } a \leftrightarrow b)`,
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: [
    "A lower bound on mutual information that tightens with the number of negatives: quality grows with batch size.",
    "In-batch false negatives (two views of the same identity in one batch) are pushed apart; the temperature sets how hard negatives are weighted.",
  ],
  references: [
    {
      paper: "van den Oord et al. 2018 (CPC); Radford et al. 2021 (CLIP)",
      implementation:
        "formula via torch 2.11 autograd: F.normalize rows, logits = a bᵀ/τ, (CE(logits, arange) + CE(logitsᵀ, arange))/2",
    },
  ],
  pairsWith: ["retrieval/retrieval_recall", "retrieval/retrieval_map"],
  traits: ["self-supervised", "contrastive", "in-batch-negatives"],
  exports: ["infoNceLoss"],
};

/**
 * InfoNCE over a batch of paired embeddings `a`, `b` [N, D]: row i of `b` is the positive of
 * row i of `a`, the other rows its negatives. Cosine similarities (rows L2-normalised, eps
 * 1e-12) divided by τ; cross-entropy with the diagonal as targets; `symmetric` (default)
 * averages both directions as CLIP does. Stable (log-softmax). Cost O(N²·D).
 */
export function infoNceLoss(
  a: tf.Tensor | number[][],
  b: tf.Tensor | number[][],
  options: InfoNceLossOptions = {},
): tf.Tensor {
  const fn = "infoNceLoss";
  const temperature = numberOption(options.temperature, 0.07, fn, "temperature", { exclusiveMin: 0 });
  const symmetric = booleanOption(options.symmetric, true, fn, "symmetric");
  const reduction = reductionOption(options.reduction, fn);
  return tf.tidy(() => {
    const x = asTensor(a, fn, "a");
    const y = asTensor(b, fn, "b");
    assertRank(x, 2, fn, "a", "[batch, features]");
    assertSameShape(x, y, fn, "a", "b");
    assertNonEmptyTensor(x, fn, "a");
    const n = x.shape[0]!;
    const logits = tf.div(tf.matMul(l2Normalize(x, 1), l2Normalize(y, 1), false, true), temperature);
    const targets = tf.range(0, n, 1, "int32");
    let perPair = crossEntropyRows(logits, targets);
    if (symmetric) perPair = tf.mul(0.5, tf.add(perPair, crossEntropyRows(tf.transpose(logits), targets)));
    return reduceLoss(perPair, reduction);
  });
}
