import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { stopGradient } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { l2Normalize, maskedMean } from "../tensor-math.js";
import { identityBatch } from "./identity-batch.js";

/** Options of {@link circleLoss}. */
export interface CircleLossOptions {
  /** Relaxation margin m. Default 0.25. */
  readonly margin?: number;
  /** Scale γ. Default 256 (the paper's face-recognition setting). */
  readonly gamma?: number;
  /** Over anchors that have at least one positive and one negative ("none": [N], 0 for the others). */
  readonly reduction?: Reduction;
}

const CIRCLE_LOSS_OPTIONS = optionNames<CircleLossOptions>()("margin", "gamma", "reduction");

/**
 * Circle loss over a batch of `embeddings` [N, D] with integer identity `labels` [N]: for each
 * anchor, cosine similarities to its positives s_p and negatives s_n (self excluded), weights
 * α (treated as constants, as in the paper), and L_a = softplus(logsumexp_j γα_n(s_n - m) +
 * logsumexp_i -γα_p(s_p - 1 + m)), which is log(1 + ΣΣ) computed without overflow.
 * Cost O(N²·D).
 */
export function circleLoss(
  embeddings: tf.Tensor | number[][],
  labels: tf.Tensor | number[],
  options: CircleLossOptions = {},
): tf.Tensor {
  const fn = "circleLoss";
  const opts = readOptions<CircleLossOptions>(fn, options, CIRCLE_LOSS_OPTIONS);
  const margin = optNumber(fn, "margin", opts.margin, 0.25, { min: 0 });
  const gamma = optNumber(fn, "gamma", opts.gamma, 256, { min: 0, minExclusive: true });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const { x, positive, negative, validAnchors: valid } = identityBatch(embeddings, labels, fn);
    const z = l2Normalize(x, 1);
    const s = tf.matMul(z, z, false, true);
    const alphaP = stopGradient(tf.relu(tf.sub(1 + margin, s)));
    const alphaN = stopGradient(tf.relu(tf.add(s, margin)));
    const masked = (logits: tf.Tensor, mask: tf.Tensor) =>
      tf.add(tf.mul(logits, mask), tf.mul(tf.sub(1, mask), -1e9));
    const logitP = masked(tf.mul(tf.mul(alphaP, tf.sub(s, 1 - margin)), -gamma), positive);
    const logitN = masked(tf.mul(tf.mul(alphaN, tf.sub(s, margin)), gamma), negative);
    const perAnchor = tf.softplus(tf.add(tf.logSumExp(logitP, 1), tf.logSumExp(logitN, 1)));
    const losses = tf.mul(perAnchor, valid);
    if (reduction === "mean") return maskedMean(losses, valid);
    return reduceLoss(losses, reduction);
  });
}

/** Keras-style form of {@link circleLoss}: `yTrue` are the labels, `yPred` the embeddings. */
export const circleLossFactory = lossFactory<CircleLossOptions>(
  (embeddings, labels, options) => circleLoss(embeddings, labels, options),
  { name: "circleLoss", options: CIRCLE_LOSS_OPTIONS },
);
