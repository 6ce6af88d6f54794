import * as tf from "@tensorflow/tfjs-core";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { noGrad, select, stepMask, stopGradient } from "../gradient-tools.js";
import { optBoolean, optionNames, optNumber, optOneOf, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { maskedMean } from "../tensor-math.js";
import { identityBatch } from "./identity-batch.js";
import { distanceMatrix } from "./pairwise-distance.js";

/** Options of {@link tripletMiningLoss}. */
export interface TripletMiningLossOptions {
  /**
   * "batch-hard": per anchor, the farthest positive and the closest negative (Hermans et al.
   * 2017); "batch-all": every valid triplet; "semi-hard" (FaceNet, Schroff et al. 2015): per
   * anchor-positive pair, the closest negative farther than the positive (the largest negative
   * distance when there is none), as TensorFlow Addons' `triplet_semihard_loss`. Default
   * "batch-hard".
   */
  readonly mining?: "batch-hard" | "batch-all" | "semi-hard";
  /** Margin α. Default 1. */
  readonly margin?: number;
  /** Use squared Euclidean distances (TensorFlow Addons' `distance_metric="L_2"` is squared). Default false. */
  readonly squared?: boolean;
  /** "batch-hard" only: softplus(d_ap - d_an) instead of the hinge (the soft margin of Hermans et al.). Default false. */
  readonly softMargin?: boolean;
  /**
   * "mean": batch-hard averages over anchors that have a positive and a negative; batch-all
   * averages over the triplets with positive loss (Hermans et al.'s "batch-all, non-zero"); a
   * batch with none gives 0; semi-hard averages over the anchor-positive pairs (TensorFlow
   * Addons). "sum" sums them. "none" gives per-anchor losses [N] (batch-all and semi-hard: the sum
   * over that anchor's triplets or pairs; anchors without one give 0).
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
 * y_a = y_p ≠ y_n, a ≠ p; semi-hard takes, for every positive pair (a, p), the negative n with the
 * smallest d_an > d_ap, or the largest d_an when no negative is that far, and averages
 * max(0, margin + d_ap - d_an) over the pairs: the FaceNet recipe as TensorFlow Addons 0.20
 * `triplet_semihard_loss` computes it (masked minima and maxima written as min((d - max) m) + max,
 * so ties and empty masks behave the same). Cost O(N²·D) for hard, O(N³) memory and time for all
 * and semi-hard.
 */
export function tripletMiningLoss(
  embeddings: tf.Tensor | number[][],
  labels: tf.Tensor | number[],
  options: TripletMiningLossOptions = {},
): tf.Tensor {
  const fn = "tripletMiningLoss";
  const opts = readOptions<TripletMiningLossOptions>(fn, options, TRIPLET_MINING_LOSS_OPTIONS);
  const mining = optOneOf(fn, "mining", opts.mining, ["batch-hard", "batch-all", "semi-hard"], "batch-hard");
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
    if (mining === "semi-hard") {
      // candidates[a, p, n] = 1 where n is a negative of a farther than p (TensorFlow Addons' mask)
      const dAn = tf.expandDims(dist, 1); // [a, 1, n]
      const dAp = tf.expandDims(dist, 2); // [a, p, 1]
      const candidates = noGrad(
        (an, ap, neg) => tf.mul(tf.cast(tf.greater(an, ap), "float32"), neg),
        dAn,
        dAp,
        tf.expandDims(negative, 1),
      );
      const rowMax = tf.max(dist, 1, true);
      const rowMin = tf.min(dist, 1, true);
      // masked minimum over n of d[a, n] per (a, p), masked maximum over the negatives per a
      const outside = tf.add(tf.min(tf.mul(tf.sub(dAn, tf.expandDims(rowMax, 2)), candidates), 2), rowMax);
      const inside = tf.add(tf.max(tf.mul(tf.sub(dist, rowMin), negative), 1, true), rowMin);
      const hasCandidate = noGrad((c) => tf.cast(tf.greater(tf.sum(c, 2), 0), "float32"), candidates);
      const chosen = select(hasCandidate, outside, tf.broadcastTo(inside, dist.shape));
      const pairs = tf.relu(tf.mul(tf.add(tf.sub(dist, chosen), margin), positive));
      if (reduction === "none") return accurateSum(pairs, 1);
      if (reduction === "sum") return accurateSum(pairs);
      return maskedMean(pairs, positive);
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
