import * as tf from "@tensorflow/tfjs-core";
import type { CatalogEntry } from "../../catalog/types.js";
import { assertNonEmptyTensor, asTensor, choiceOption, reductionOption } from "../face/tensor-checks.js";
import type { Reduction } from "../reduction.js";

/** The GAN objectives: "minimax" (Goodfellow et al.), "non_saturating", "hinge", "least_squares" (LSGAN, 0/1 targets), "wasserstein". */
export type GanKind = "minimax" | "non_saturating" | "hinge" | "least_squares" | "wasserstein";

const KINDS: readonly GanKind[] = ["minimax", "non_saturating", "hinge", "least_squares", "wasserstein"];

export interface GanLossOptions {
  /** Default "non_saturating" (the generator objective everyone trains with; for the discriminator it is the same as "minimax"). */
  readonly kind?: GanKind;
  /**
   * "mean" (default): each term averaged over its own batch (the real and fake batches may
   * differ in size). "sum": each term summed. "none": the per-sample terms, real ones first,
   * then fake ones, concatenated (discriminator) or the fake ones (generator).
   */
  readonly reduction?: Reduction;
}

/** Catalog entry of {@link ganDiscriminatorLoss}. */
export const ganDiscriminatorLossEntry: CatalogEntry = {
  id: "generation/gan_discriminator_loss",
  title: "GAN discriminator / critic loss (minimax, hinge, least squares, Wasserstein)",
  kind: "loss",
  tasks: ["image-generation"],
  formula: String.raw`\text{minimax: } \mathbb{E}[\mathrm{softplus}(-D(x))] + \mathbb{E}[\mathrm{softplus}(D(G(z)))];\ \text{hinge: } \mathbb{E}[(1-D(x))_+] + \mathbb{E}[(1+D(G(z)))_+];\ \text{LS: } \tfrac12\mathbb{E}[(D(x)-1)^2] + \tfrac12\mathbb{E}[D(G(z))^2];\ \text{W: } \mathbb{E}[D(G(z))] - \mathbb{E}[D(x)]`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: [
    "Minimax: the discriminator saturates early and the generator's gradient vanishes; mode collapse is common.",
    "Wasserstein: meaningful loss curve and no saturation, but the critic must be 1-Lipschitz (weight clipping, gradient penalty, spectral norm).",
    "Hinge and least squares: more stable in practice (SAGAN/BigGAN use hinge; LSGAN penalises samples far from the boundary).",
  ],
  references: [
    {
      paper:
        "Goodfellow et al. 2014; Mao et al. 2017 (LSGAN); Arjovsky et al. 2017 (WGAN); Lim & Ye 2017 (hinge)",
      implementation: "formula via torch 2.11 autograd on logits (softplus form of BCE-with-logits)",
    },
  ],
  pairsWith: [
    "generative/frechet_distance",
    "generative/inception_score",
    "generative/kernel_inception_distance",
  ],
  traits: ["adversarial", "generative"],
  exports: ["ganDiscriminatorLoss"],
};

/** Catalog entry of {@link ganGeneratorLoss}. */
export const ganGeneratorLossEntry: CatalogEntry = {
  id: "generation/gan_generator_loss",
  title: "GAN generator loss (minimax, non-saturating, hinge, least squares, Wasserstein)",
  kind: "loss",
  tasks: ["image-generation"],
  formula: String.raw`\text{minimax: } -\mathbb{E}[\mathrm{softplus}(D(G(z)))];\ \text{non-saturating: } \mathbb{E}[\mathrm{softplus}(-D(G(z)))];\ \text{LS: } \tfrac12\mathbb{E}[(D(G(z))-1)^2];\ \text{hinge, W: } -\mathbb{E}[D(G(z))]`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: [
    "The minimax generator loss log(1 - D(G(z))) saturates when the discriminator wins; the non-saturating -log D(G(z)) keeps gradients alive.",
    "GAN losses do not measure sample quality: monitor FID / KID instead of the loss value.",
  ],
  references: [
    {
      paper: "Goodfellow et al. 2014; Mao et al. 2017; Arjovsky et al. 2017; Lim & Ye 2017",
      implementation: "formula via torch 2.11 autograd on logits",
    },
  ],
  pairsWith: [
    "generative/frechet_distance",
    "generative/inception_score",
    "generative/kernel_inception_distance",
  ],
  traits: ["adversarial", "generative"],
  exports: ["ganGeneratorLoss"],
};

function reduceTerm(values: tf.Tensor, reduction: Reduction): tf.Tensor {
  return reduction === "mean" ? tf.mean(values) : reduction === "sum" ? tf.sum(values) : values;
}

/**
 * Discriminator (critic) loss from raw logits `realLogits` [N...] and `fakeLogits` [M...]
 * (before any sigmoid). Per kind: minimax / non_saturating: softplus(-r) + softplus(f)
 * (binary cross-entropy with targets 1 and 0, overflow-free); hinge: relu(1 - r) + relu(1 + f);
 * least_squares: 0.5(r - 1)² + 0.5 f²; wasserstein: f - r. Each term is averaged over its own
 * batch. Matches the torch 2.11 autograd formulas of the conformance cases.
 */
export function ganDiscriminatorLoss(
  realLogits: tf.Tensor | number[],
  fakeLogits: tf.Tensor | number[],
  options: GanLossOptions = {},
): tf.Tensor {
  const fn = "ganDiscriminatorLoss";
  const kind = choiceOption(options.kind, "non_saturating", KINDS, fn, "kind");
  const reduction = reductionOption(options.reduction, fn);
  return tf.tidy(() => {
    const r = asTensor(realLogits, fn, "realLogits");
    const f = asTensor(fakeLogits, fn, "fakeLogits");
    assertNonEmptyTensor(r, fn, "realLogits");
    assertNonEmptyTensor(f, fn, "fakeLogits");
    let realTerm: tf.Tensor;
    let fakeTerm: tf.Tensor;
    switch (kind) {
      case "minimax":
      case "non_saturating":
        realTerm = tf.softplus(tf.neg(r));
        fakeTerm = tf.softplus(f);
        break;
      case "hinge":
        realTerm = tf.relu(tf.sub(1, r));
        fakeTerm = tf.relu(tf.add(1, f));
        break;
      case "least_squares":
        realTerm = tf.mul(0.5, tf.square(tf.sub(r, 1)));
        fakeTerm = tf.mul(0.5, tf.square(f));
        break;
      case "wasserstein":
        realTerm = tf.neg(r);
        fakeTerm = f;
        break;
    }
    if (reduction === "none") return tf.concat([tf.reshape(realTerm, [-1]), tf.reshape(fakeTerm, [-1])]);
    return tf.add(reduceTerm(realTerm, reduction), reduceTerm(fakeTerm, reduction));
  });
}

/**
 * Generator loss from the discriminator's logits on generated samples `fakeLogits`. Per kind:
 * minimax: -softplus(f) (= log(1 - sigmoid f)); non_saturating: softplus(-f) (= -log sigmoid f);
 * least_squares: 0.5(f - 1)²; hinge and wasserstein: -f. Overflow-free for any logit.
 */
export function ganGeneratorLoss(fakeLogits: tf.Tensor | number[], options: GanLossOptions = {}): tf.Tensor {
  const fn = "ganGeneratorLoss";
  const kind = choiceOption(options.kind, "non_saturating", KINDS, fn, "kind");
  const reduction = reductionOption(options.reduction, fn);
  return tf.tidy(() => {
    const f = asTensor(fakeLogits, fn, "fakeLogits");
    assertNonEmptyTensor(f, fn, "fakeLogits");
    let term: tf.Tensor;
    switch (kind) {
      case "minimax":
        term = tf.neg(tf.softplus(f));
        break;
      case "non_saturating":
        term = tf.softplus(tf.neg(f));
        break;
      case "least_squares":
        term = tf.mul(0.5, tf.square(tf.sub(f, 1)));
        break;
      case "hinge":
      case "wasserstein":
        term = tf.neg(f);
        break;
    }
    return reduceTerm(term, reduction);
  });
}
