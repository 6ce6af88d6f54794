import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateMean, accurateSum } from "../accurate-sum.js";
import { optionNames, optNumber, optOneOf, readOptions } from "../options.js";
import { type ReconstructionKind, reconstructionLoss } from "./reconstruction-loss.js";
import { vaeKlLoss } from "./vae-kl-loss.js";

/** Options of {@link elboLoss}. */
export interface ElboLossOptions {
  /** Decoder likelihood: "bce_logits" (default, Bernoulli from logits), "bce", "mse" (Gaussian up to constants), "l1". */
  readonly reconstruction?: ReconstructionKind;
  /** Weight β of the KL term (β-VAE). Default 1. */
  readonly beta?: number;
  /** "batchmean" (default) or its synonym "mean": per-sample negative ELBO averaged over the batch; "sum"; "none": per sample [N]. */
  readonly reduction?: "batchmean" | "mean" | "sum" | "none";
}

const ELBO_LOSS_OPTIONS = optionNames<ElboLossOptions>()("reconstruction", "beta", "reduction");

/**
 * Negative evidence lower bound of a VAE with one sample z ~ q(z|x): the reconstruction error
 * of `reconstruction` (decoder output, logits for "bce_logits") against the data `target`,
 * summed over each sample's elements, plus β·KL(N(mu, exp(logvar)) || N(0, I)) summed over
 * the latent dimensions. Shapes: `reconstruction`, `target` [N, ...]; `mu`, `logvar` [N, ...].
 */
export function elboLoss(
  reconstruction: tf.Tensor,
  target: tf.Tensor,
  mu: tf.Tensor,
  logvar: tf.Tensor,
  options: ElboLossOptions = {},
): tf.Tensor {
  const fn = "elboLoss";
  const opts = readOptions<ElboLossOptions>(fn, options, ELBO_LOSS_OPTIONS);
  const kind = optOneOf(
    fn,
    "reconstruction",
    opts.reconstruction,
    ["mse", "l1", "bce_logits", "bce"],
    "bce_logits",
  );
  const beta = optNumber(fn, "beta", opts.beta, 1, { min: 0 });
  const reduction = optOneOf(fn, "reduction", opts.reduction, ["batchmean", "sum", "none"], "batchmean");
  return tf.tidy(() => {
    const map = reconstructionLoss(reconstruction, target, { kind, reduction: "none" });
    if (map.rank < 1 || (mu as tf.Tensor).shape?.[0] !== map.shape[0]) {
      fail(
        "shape_mismatch",
        `${fn}: \`reconstruction\` and \`mu\` must have the same batch size, got [${map.shape.join(", ")}] and [${(mu as tf.Tensor).shape?.join(", ")}]`,
      );
    }
    const axes = Array.from({ length: map.rank - 1 }, (_, i) => i + 1);
    const recon = axes.length ? accurateSum(map, axes) : map;
    const perSample = tf.add(recon, tf.mul(beta, vaeKlLoss(mu, logvar, { reduction: "none" })));
    return reduction === "none"
      ? perSample
      : reduction === "sum"
        ? accurateSum(perSample)
        : accurateMean(perSample);
  });
}
