import type { CatalogEntry } from "../../catalog/types.js";
import { lossEntryBuilder } from "../catalog-entry.js";

// Catalog entries of the generation losses. Kept free of TensorFlow.js imports so the catalog loads without it.

const loss = lossEntryBuilder(["image-generation"]);

/** Catalog entry of {@link elboLoss}. */
export const elboLossEntry = loss({
  id: "generation/elbo_loss",
  title: "Negative ELBO (VAE loss)",
  formula: String.raw`-\mathrm{ELBO} = -\mathbb{E}_{q(z|x)}[\log p(x|z)] + \beta\, D_{KL}\big(q(z|x)\,\Vert\,\mathcal N(0, I)\big)`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  robustness: [
    "A bound on the log-likelihood: trade-off between reconstruction and a regular latent space set by β.",
    "Gaussian decoders with fixed variance give blurry samples; strong decoders cause posterior collapse.",
  ],
  references: [
    { paper: "Kingma & Welling 2014, Auto-Encoding Variational Bayes; Higgins et al. 2017 (β-VAE)" },
  ],
  pairsWith: ["generative/frechet_distance", "image/psnr", "image/ssim"],
  traits: ["generative", "probabilistic", "autoencoder"],
  exports: ["elboLoss"],
});

/** Catalog entry of {@link flowNllLoss}. */
export const flowNllLossEntry = loss({
  id: "generation/flow_nll_loss",
  title: "Normalizing-flow negative log-likelihood",
  formula: String.raw`-\log p_X(x) = \tfrac12\lVert z\rVert^2 + \tfrac{D}{2}\log 2\pi - \log\Big|\det \frac{\partial f(x)}{\partial x}\Big|,\quad z = f(x)`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  robustness: [
    "Exact likelihood by the change of variables: comparable across models in bits per dimension.",
    "Likelihood does not track sample quality; continuous densities on discrete data need dequantisation (uniform noise plus the log(bins) term).",
  ],
  references: [{ paper: "Dinh et al. 2017 (RealNVP); Kingma & Dhariwal 2018 (Glow)" }],
  pairsWith: ["generative/frechet_distance", "generative/inception_score"],
  traits: ["generative", "probabilistic", "exact-likelihood"],
  exports: ["flowNllLoss"],
});

/** Catalog entry of {@link ganDiscriminatorLoss}. */
export const ganDiscriminatorLossEntry = loss({
  id: "generation/gan_discriminator_loss",
  title: "GAN discriminator / critic loss (minimax, hinge, least squares, Wasserstein)",
  formula: String.raw`\text{minimax: } \mathbb{E}[\mathrm{softplus}(-D(x))] + \mathbb{E}[\mathrm{softplus}(D(G(z)))];\ \text{hinge: } \mathbb{E}[(1-D(x))_+] + \mathbb{E}[(1+D(G(z)))_+];\ \text{LS: } \tfrac12\mathbb{E}[(D(x)-1)^2] + \tfrac12\mathbb{E}[D(G(z))^2];\ \text{W: } \mathbb{E}[D(G(z))] - \mathbb{E}[D(x)]`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
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
  exports: ["ganDiscriminatorLoss", "clipWeights"],
});

/** Catalog entry of {@link ganGeneratorLoss}. */
export const ganGeneratorLossEntry = loss({
  id: "generation/gan_generator_loss",
  title: "GAN generator loss (minimax, non-saturating, hinge, least squares, Wasserstein)",
  formula: String.raw`\text{minimax: } -\mathbb{E}[\mathrm{softplus}(D(G(z)))];\ \text{non-saturating: } \mathbb{E}[\mathrm{softplus}(-D(G(z)))];\ \text{LS: } \tfrac12\mathbb{E}[(D(G(z))-1)^2];\ \text{hinge, W: } -\mathbb{E}[D(G(z))]`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
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
});

/** Catalog entry of {@link gradientPenalty}. */
export const gradientPenaltyEntry = loss({
  id: "generation/gradient_penalty",
  title: "WGAN-GP gradient penalty",
  formula: String.raw`\lambda\,\mathbb{E}_{\hat x}\big[(\lVert\nabla_{\hat x} D(\hat x)\rVert_2 - 1)^2\big],\quad \hat x = \epsilon x + (1-\epsilon)\tilde x,\ \epsilon\sim U[0,1]`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Enforces the critic's 1-Lipschitz constraint softly, without the capacity loss and exploding/vanishing gradients of weight clipping.",
    "Needs a second-order gradient; incompatible with batch normalisation in the critic (use layer norm).",
  ],
  references: [{ paper: "Gulrajani et al. 2017, Improved Training of Wasserstein GANs" }],
  pairsWith: ["generative/frechet_distance", "generative/inception_score"],
  traits: ["adversarial", "regulariser", "lipschitz"],
  exports: ["gradientPenalty"],
});

/** Catalog entry of {@link perceptualLoss}. */
export const perceptualLossEntry = loss({
  id: "generation/perceptual_loss",
  title: "Perceptual (feature reconstruction) loss",
  formula: String.raw`L = \sum_j w_j \frac{1}{C_j H_j W_j}\big\lVert \phi_j(\hat y) - \phi_j(y) \big\rVert_2^2`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Compares images in the feature space of a pretrained network: tolerant of small shifts, favours sharp, perceptually similar outputs.",
    "Inherits the biases of the feature network (ImageNet VGG); can introduce checkerboard artefacts.",
  ],
  references: [
    {
      paper:
        "Johnson, Alahi & Fei-Fei 2016, Perceptual Losses for Real-Time Style Transfer and Super-Resolution",
    },
  ],
  pairsWith: ["image/ssim", "generative/frechet_distance"],
  traits: ["generative", "perceptual", "feature-space"],
  exports: ["perceptualLoss"],
});

/** Catalog entry of {@link reconstructionLoss}. */
export const reconstructionLossEntry = loss({
  id: "generation/reconstruction_loss",
  title: "Reconstruction loss (MSE, L1, Bernoulli cross-entropy)",
  formula: String.raw`\text{mse: } (\hat x - x)^2;\ \text{l1: } |\hat x - x|;\ \text{bce: } -x\log\hat p - (1-x)\log(1-\hat p),\ \hat p = \sigma(\text{logit})`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Pixel-wise L2 averages over plausible outputs and gives blurry samples; L1 is sharper and more robust to outliers.",
    "Pixel losses ignore perceptual structure: pair with SSIM or a perceptual loss.",
  ],
  references: [
    {
      paper: "Kingma & Welling 2014 (Bernoulli decoder); Hinton & Salakhutdinov 2006 (autoencoders)",
      implementation:
        "matches torch 2.11 F.mse_loss, F.l1_loss, F.binary_cross_entropy_with_logits and F.binary_cross_entropy (log clamped at -100)",
    },
  ],
  pairsWith: ["image/psnr", "image/ssim", "generative/frechet_distance"],
  traits: ["generative", "pixel-wise", "autoencoder"],
  exports: ["reconstructionLoss", "reconstructionLossFactory"],
});

/** Catalog entry of {@link vaeKlLoss}. */
export const vaeKlLossEntry = loss({
  id: "generation/vae_kl_loss",
  title: "VAE KL divergence to the standard normal prior",
  formula: String.raw`D_{KL}\big(\mathcal{N}(\mu, \sigma^2)\,\Vert\,\mathcal{N}(0, I)\big) = -\tfrac12 \sum_j \big(1 + \log\sigma_j^2 - \mu_j^2 - \sigma_j^2\big)`,
  range: [0, Number.POSITIVE_INFINITY],
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
});

/** Catalog entries of the generation losses. */
/** Catalog entry of {@link contrastiveDivergenceLoss}. */
export const contrastiveDivergenceEntry = loss({
  id: "generation/contrastive_divergence",
  title: "Contrastive divergence (RBM)",
  formula: String.raw`F(v^0) - F(v^k),\; F(v) = -v^\top b - \sum_j \log(1 + e^{c_j + (vW)_j}),\; v^k \text{ after } k \text{ Gibbs steps}`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  robustness: [
    "A biased but cheap estimate of the log-likelihood gradient of an energy-based model; k = 1 is usual, larger k reduces the bias; the value is a surrogate, not a likelihood.",
  ],
  references: [
    {
      paper: "Hinton 2002, Training Products of Experts by Minimizing Contrastive Divergence",
      implementation: "torch 1.13 re-implementation of CD-k with a mean-field chain: value and gradient",
    },
  ],
  pairsWith: ["image/psnr"],
  traits: ["energy-based", "generative"],
  exports: ["contrastiveDivergenceLoss", "rbmFreeEnergy"],
});

export const entries: readonly CatalogEntry[] = [
  contrastiveDivergenceEntry,
  elboLossEntry,
  flowNllLossEntry,
  ganDiscriminatorLossEntry,
  ganGeneratorLossEntry,
  gradientPenaltyEntry,
  perceptualLossEntry,
  reconstructionLossEntry,
  vaeKlLossEntry,
];
