import * as tf from "@tensorflow/tfjs-core";
import type { CatalogEntry } from "../../catalog/types.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { rowNorm } from "./pairwise-distance.js";
import {
  assertDimsAgree,
  assertNonEmptyTensor,
  assertRank,
  assertSameShape,
  asTensor,
  numberOption,
  reductionOption,
} from "./tensor-checks.js";

export interface ContrastiveLossOptions {
  /** Margin m for dissimilar pairs. Default 1. */
  readonly margin?: number;
  readonly reduction?: Reduction;
}

/** Catalog entry of {@link contrastiveLoss}. */
export const contrastiveLossEntry: CatalogEntry = {
  id: "face/contrastive_loss",
  title: "Contrastive loss (siamese pairs)",
  kind: "loss",
  tasks: ["face-recognition"],
  formula: String.raw`L = \frac{1}{N}\sum_i \tfrac12\big[y_i d_i^2 + (1-y_i)\max(0, m - d_i)^2\big],\quad d_i = \lVert x_{1,i} - x_{2,i}\rVert_2`,
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: [
    "Pulls similar pairs together and pushes dissimilar pairs beyond a margin; the margin is an absolute distance, so it depends on the embedding scale.",
    "Needs balanced positive/negative pairs; most negative pairs are easy and contribute nothing.",
  ],
  references: [
    {
      paper: "Hadsell, Chopra & LeCun 2006, Dimensionality Reduction by Learning an Invariant Mapping",
      implementation:
        "formula via torch 2.11 autograd: 0.5·mean(y·d² + (1-y)·max(0, m-d)²), y = 1 for similar pairs",
    },
  ],
  pairsWith: ["face/verification_tar_at_far", "retrieval/retrieval_map"],
  traits: ["metric-learning", "pairs", "open-set"],
  exports: ["contrastiveLoss"],
};

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
  const margin = numberOption(options.margin, 1, fn, "margin", { min: 0 });
  const reduction = reductionOption(options.reduction, fn);
  return tf.tidy(() => {
    const a = asTensor(x1, fn, "x1");
    const b = asTensor(x2, fn, "x2");
    assertRank(a, 2, fn, "x1", "[batch, features]");
    assertSameShape(a, b, fn, "x1", "x2");
    assertNonEmptyTensor(a, fn, "x1");
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
