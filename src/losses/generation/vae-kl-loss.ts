import * as tf from "@tensorflow/tfjs-core";
import { accurateMean, accurateSum } from "../accurate-sum.js";
import { optionNames, optOneOf, readOptions } from "../options.js";
import { assertNonEmptyTensor, tensorPair } from "../tensor-input.js";

/** "batchmean" (default): summed over latent dimensions, averaged over the batch; "sum"; "mean" over every element; "none": per sample [N]. */
export type VaeKlReduction = "batchmean" | "sum" | "mean" | "none";

/** Options of {@link vaeKlLoss}. */
export interface VaeKlLossOptions {
  readonly reduction?: VaeKlReduction;
}

const VAE_KL_LOSS_OPTIONS = optionNames<VaeKlLossOptions>()("reduction");

/**
 * KL divergence of the diagonal Gaussian posterior N(mu, exp(logvar)) from N(0, I), for `mu`
 * and `logvar` [N, ...latent]: per sample -0.5·Σ_j (1 + logvar_j - mu_j² - exp(logvar_j)),
 * averaged over the batch by default ("batchmean"). Matches the torch 2.11 autograd formula of
 * the conformance cases. Cost O(N·D).
 */
export function vaeKlLoss(
  mu: tf.Tensor | number[][],
  logvar: tf.Tensor | number[][],
  options: VaeKlLossOptions = {},
): tf.Tensor {
  const fn = "vaeKlLoss";
  const opts = readOptions<VaeKlLossOptions>(fn, options, VAE_KL_LOSS_OPTIONS);
  const reduction = optOneOf(
    fn,
    "reduction",
    opts.reduction,
    ["batchmean", "sum", "mean", "none"],
    "batchmean",
  );
  return tf.tidy(() => {
    const [m, lv] = tensorPair(mu, logvar, fn, "mu", "logvar");
    assertNonEmptyTensor(m, fn, "mu");
    const elements = tf.mul(-0.5, tf.sub(tf.sub(tf.add(1, lv), tf.square(m)), tf.exp(lv)));
    if (reduction === "mean") return accurateMean(elements);
    if (reduction === "sum") return accurateSum(elements);
    const axes = m.rank > 1 ? Array.from({ length: m.rank - 1 }, (_, i) => i + 1) : [];
    const perSample = axes.length ? accurateSum(elements, axes) : elements;
    return reduction === "none" ? perSample : accurateMean(perSample);
  });
}
