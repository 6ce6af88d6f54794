import * as tf from "@tensorflow/tfjs-core";
import type { CatalogEntry } from "../../catalog/types.js";
import { assertNonEmptyTensor, assertSameShape, asTensor, choiceOption } from "../face/tensor-checks.js";

/** "batchmean" (default): summed over latent dimensions, averaged over the batch; "sum"; "mean" over every element; "none": per sample [N]. */
export type VaeKlReduction = "batchmean" | "sum" | "mean" | "none";

export interface VaeKlLossOptions {
  readonly reduction?: VaeKlReduction;
}

/** Catalog entry of {@link vaeKlLoss}. */
export const vaeKlLossEntry: CatalogEntry = {
  id: "generation/vae_kl_loss",
  title: "VAE KL divergence to the standard normal prior",
  kind: "loss",
  tasks: ["image-generation"],
  formula: String.raw`D_{KL}\big(\mathcal{N}(\mu, \sigma^2)\,\Vert\,\mathcal{N}(0, I)\big) = -\tfrac12 \sum_j \big(1 + \log\sigma_j^2 - \mu_j^2 - \sigma_j^2\big)`,
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: [
    "Too strong a KL term causes posterior collapse (the decoder ignores z); β-VAE and KL annealing trade it off against reconstruction.",
    "exp(logvar) overflows for very large log-variances; parameterise the variance as a log-variance as done here.",
  ],
  references: [
    {
      paper: "Kingma & Welling 2014, Auto-Encoding Variational Bayes",
      implementation:
        "formula via torch 2.11 autograd: -0.5·sum(1 + logvar - mu² - exp(logvar), dim=1).mean()",
    },
  ],
  pairsWith: ["generative/frechet_distance", "image/psnr", "image/ssim"],
  traits: ["generative", "probabilistic", "regulariser"],
  exports: ["vaeKlLoss"],
};

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
  const reduction = choiceOption<VaeKlReduction>(
    options.reduction,
    "batchmean",
    ["batchmean", "sum", "mean", "none"],
    fn,
    "reduction",
  );
  return tf.tidy(() => {
    const m = asTensor(mu, fn, "mu");
    const lv = asTensor(logvar, fn, "logvar");
    assertSameShape(m, lv, fn, "mu", "logvar");
    assertNonEmptyTensor(m, fn, "mu");
    const elements = tf.mul(-0.5, tf.sub(tf.sub(tf.add(1, lv), tf.square(m)), tf.exp(lv)));
    if (reduction === "mean") return tf.mean(elements);
    if (reduction === "sum") return tf.sum(elements);
    const axes = m.rank > 1 ? Array.from({ length: m.rank - 1 }, (_, i) => i + 1) : [];
    const perSample = axes.length ? tf.sum(elements, axes) : elements;
    return reduction === "none" ? perSample : tf.mean(perSample);
  });
}
