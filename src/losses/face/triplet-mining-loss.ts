import * as tf from "@tensorflow/tfjs-core";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { stepMask, stopGradient } from "../gradient-tools.js";
import { optBoolean, optionNames, optNumber, optOneOf, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { maskedMean } from "../tensor-math.js";
import { identityBatch } from "./identity-batch.js";
import { distanceMatrix } from "./pairwise-distance.js";

/** Options of {@link tripletMiningLoss}. */
export interface TripletMiningLossOptions {
  /** "batch-hard": per anchor, the farthest positive and the closest negative (Hermans et al. 2017); "batch-all": every valid triplet. Default "batch-hard". */
  readonly mining?: "batch-hard" | "batch-all";
  /** Margin α. Default 1. */
  readonly margin?: number;
  /** Use squared Euclidean distances. Default false. */
  readonly squared?: boolean;
  /** "batch-hard" only: softplus(d_ap - d_an) instead of the hinge (the soft margin of Hermans et al.). Default false. */
  readonly softMargin?: boolean;
  /**
   * "mean": batch-hard averages over anchors that have a positive and a negative; batch-all
   * averages over the triplets with positive loss (Hermans et al.'s "batch-all, non-zero"); a
   * batch with none gives 0. "sum" sums them. "none" gives per-anchor losses [N] (batch-all: the
   * sum over that anchor's triplets; anchors without a valid triplet give 0).
   */
  readonly reduction?: Reduction;
}

const TRIPLET_MINING_LOSS_OPTIONS = optionNames<TripletMiningLossOptions>()(
  "mining",
  "margin",
  "squared",
  "softMargin",
  "reduction",
);

/**
 * Triplet loss with online mining over a batch of `embeddings` [N, D] with integer identity
 * `labels` [N] (any integers). Euclidean distances (gradient-safe at 0). Batch-hard takes, per
 * anchor, the farthest positive and the nearest negative; batch-all takes every (a, p, n) with
 * y_a = y_p ≠ y_n, a ≠ p. Cost O(N²·D) for hard, O(N³) memory and time for all.
 */
export function tripletMiningLoss(
  embeddings: tf.Tensor | number[][],
  labels: tf.Tensor | number[],
  options: TripletMiningLossOptions = {},
): tf.Tensor {
  const fn = "tripletMiningLoss";
  const opts = readOptions<TripletMiningLossOptions>(fn, options, TRIPLET_MINING_LOSS_OPTIONS);
  const mining = optOneOf(fn, "mining", opts.mining, ["batch-hard", "batch-all"], "batch-hard");
  const margin = optNumber(fn, "margin", opts.margin, 1);
  const squared = optBoolean(fn, "squared", opts.squared, false);
  const softMargin = optBoolean(fn, "softMargin", opts.softMargin, false);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const { x, positive, negative, validAnchors: valid } = identityBatch(embeddings, labels, fn);
    const dist = distanceMatrix(x, squared);
    if (mining === "batch-hard") {
      const big = tf.add(tf.max(stopGradient(dist)), 1);
      const hardestPositive = tf.max(tf.mul(dist, positive), 1);
      const hardestNegative = tf.min(tf.add(dist, tf.mul(tf.sub(1, negative), big)), 1);
      const gap = tf.sub(hardestPositive, hardestNegative);
      const perAnchor = tf.mul(softMargin ? tf.softplus(gap) : tf.relu(tf.add(gap, margin)), valid);
      if (reduction === "mean") return maskedMean(perAnchor, valid);
      return reduceLoss(perAnchor, reduction);
    }
    // batch-all: t[a, p, n] = margin + d[a, p] - d[a, n] over valid triplets.
    const mask = tf.mul(tf.expandDims(positive, 2), tf.expandDims(negative, 1));
    const triplets = tf.mul(
      tf.relu(tf.add(tf.sub(tf.expandDims(dist, 2), tf.expandDims(dist, 1)), margin)),
      mask,
    );
    if (reduction === "none") return accurateSum(triplets, [1, 2]);
    if (reduction === "sum") return accurateSum(triplets);
    const active = accurateSum(stepMask(tf.sub(triplets, 1e-16)));
    return tf.div(accurateSum(triplets), tf.maximum(active, 1));
  });
}

/** Keras-style form of {@link tripletMiningLoss}: `yTrue` are the labels [N] or [N, 1], `yPred` the embeddings. */
export const tripletMiningLossFactory = lossFactory<TripletMiningLossOptions>(
  (embeddings, labels, options) => tripletMiningLoss(embeddings, labels, options),
  { name: "tripletMiningLoss", options: TRIPLET_MINING_LOSS_OPTIONS },
);
