import * as tf from "@tensorflow/tfjs-core";
import { accurateMean, accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { absolute } from "../gradient-tools.js";
import { optionNames, optOneOf, readOptions } from "../options.js";
import { assertNonEmptyTensor, tensorPair } from "../tensor-input.js";

/** Per-element reconstruction error: squared, absolute, or Bernoulli negative log-likelihood from logits or probabilities. */
export type ReconstructionKind = "mse" | "l1" | "bce_logits" | "bce";

/**
 * "mean" (default): mean over every element (PyTorch's F.mse_loss etc.); "sum"; "none": the
 * element map; "batchmean": summed over each sample, averaged over the batch (the VAE
 * convention, the negative log-likelihood term of the ELBO per sample).
 */
export type ReconstructionReduction = "none" | "mean" | "sum" | "batchmean";

/** Options of {@link reconstructionLoss}. */
export interface ReconstructionLossOptions {
  /** Default "mse". */
  readonly kind?: ReconstructionKind;
  readonly reduction?: ReconstructionReduction;
}

const RECONSTRUCTION_LOSS_OPTIONS = optionNames<ReconstructionLossOptions>()("kind", "reduction");

/**
 * Reconstruction error of `input` (the decoder output: values, logits for "bce_logits",
 * probabilities for "bce") against the data `target`, equal shapes [N, ...]. "bce_logits" uses
 * the overflow-free max(z, 0) - z·x + log(1 + e^{-|z|}); "bce" clamps the logs at -100 as
 * PyTorch does, so a probability of exactly 0 or 1 gives a finite loss.
 */
export function reconstructionLoss(
  input: tf.Tensor,
  target: tf.Tensor,
  options: ReconstructionLossOptions = {},
): tf.Tensor {
  const fn = "reconstructionLoss";
  const opts = readOptions<ReconstructionLossOptions>(fn, options, RECONSTRUCTION_LOSS_OPTIONS);
  const kind = optOneOf(fn, "kind", opts.kind, ["mse", "l1", "bce_logits", "bce"], "mse");
  const reduction = optOneOf(fn, "reduction", opts.reduction, ["none", "mean", "sum", "batchmean"], "mean");
  return tf.tidy(() => {
    const [x, y] = tensorPair(input, target, fn, "input", "target");
    assertNonEmptyTensor(x, fn, "input");
    let values: tf.Tensor;
    if (kind === "mse") values = tf.square(tf.sub(x, y));
    else if (kind === "l1") values = absolute(tf.sub(x, y));
    else if (kind === "bce_logits")
      values = tf.add(tf.sub(tf.relu(x), tf.mul(x, y)), tf.log1p(tf.exp(tf.neg(absolute(x)))));
    else {
      const logP = tf.maximum(tf.log(x), -100);
      const logQ = tf.maximum(tf.log(tf.sub(1, x)), -100);
      values = tf.neg(tf.add(tf.mul(y, logP), tf.mul(tf.sub(1, y), logQ)));
    }
    if (reduction === "none") return values;
    if (reduction === "sum") return accurateSum(values);
    if (reduction === "mean") return accurateMean(values);
    return tf.div(accurateSum(values), x.rank > 0 ? x.shape[0]! : 1);
  });
}

/** Keras-style form of {@link reconstructionLoss}: "mean" (default) or "sum". */
export const reconstructionLossFactory = lossFactory<{
  readonly kind?: ReconstructionKind;
  readonly reduction?: "mean" | "sum" | "none";
}>((input, target, options) => reconstructionLoss(input, target, options), {
  name: "reconstructionLoss",
  options: RECONSTRUCTION_LOSS_OPTIONS,
});
