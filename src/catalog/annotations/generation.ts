import type { Annotations } from "../annotation.js";

const report = {
  fid: "distribution-level realism and diversity of the samples",
  is: "confidence and class diversity of the samples (no real data needed)",
  kid: "an unbiased distribution distance, reliable on small sample sets",
  psnr: "pixel fidelity of reconstructions",
  ssim: "structural fidelity of reconstructions",
} as const;

/**
 * Survey section 9 (image generation): losses 9.1 (table 18), metrics 9.2; includes the image
 * quality metrics of `plumbline/image` (PSNR, SSIM, ...).
 */
export const generation: Annotations = {
  "image/psnr": {
    survey: ["9.2.1"],
    flags: ["smooth"],
    usage:
      "Pixel fidelity of a reconstruction against a reference (compression, super-resolution, denoising).",
    pros: ["Simple, standard, comparable across the restoration literature."],
    cons: [
      "Correlates poorly with perceived quality.",
      "Needs a pixel-aligned reference: meaningless for unconditional generation.",
      "Depends on the stated data range.",
    ],
    pairs: { "image/ssim": "structural similarity, closer to perception than PSNR" },
  },
  "image/ssim": {
    survey: ["9.2.2", "8.1.3"],
    flags: ["smooth", "robust"],
    usage: "Perceptual fidelity to a reference from local luminance, contrast and structure.",
    pros: ["Closer to human judgement than PSNR.", "Tolerates small global brightness changes."],
    cons: [
      "Needs a reference; blind to diversity.",
      "Window, padding and data-range conventions change the value.",
    ],
    pairs: { "image/psnr": "pixel fidelity that SSIM alone does not guarantee" },
  },
  "image/ms_ssim": {
    survey: [],
    beyondSurvey:
      "Multi-scale SSIM (Wang et al. 2003), the usual refinement of the survey's SSIM for varied viewing distances.",
    flags: ["smooth", "robust"],
    usage: "SSIM combined over five scales, less sensitive to viewing distance and resolution.",
    pros: ["Captures structure at several scales."],
    cons: ["Needs images large enough for five dyadic scales."],
  },
  "image/uqi": {
    survey: [],
    beyondSurvey:
      "The universal quality index (Wang & Bovik 2002), SSIM's predecessor, kept for comparison with older work.",
    flags: ["smooth"],
    usage: "SSIM without stabilising constants, for comparison with older image-quality studies.",
    pros: ["No constants to choose."],
    cons: ["Unstable on flat regions (division by near-zero variance)."],
  },
  "image/total_variation": {
    survey: [],
    beyondSurvey:
      "Total variation (Rudin, Osher & Fatemi 1992) measures noise and serves as a smoothness regulariser.",
    flags: ["convex", "no-reference"],
    usage: "Measure (or penalise) high-frequency noise of a single image, without a reference.",
    pros: ["Needs no reference image.", "Convex; a classic denoising regulariser."],
    cons: ["Also penalises real texture and edges."],
  },
  "image/ergas": {
    survey: [],
    beyondSurvey:
      "A remote-sensing fusion metric (Wald 2000) offered with the image-quality set of torchmetrics.",
    flags: ["scale-invariant"],
    usage: "Band-wise relative RMSE for pan-sharpened or multispectral images.",
    pros: ["Relative per band: comparable across bands of different brightness."],
    cons: ["Specific to remote sensing; depends on the resolution ratio r."],
  },
  "image/sam": {
    survey: [],
    beyondSurvey:
      "The spectral angle mapper (Kruse et al. 1993) for hyperspectral images, offered with torchmetrics' image set.",
    flags: ["scale-invariant"],
    usage: "Angle between predicted and true per-pixel spectra (hyperspectral, multispectral).",
    pros: ["Invariant to per-pixel brightness scaling."],
    cons: ["Blind to intensity errors."],
  },
  "generative/frechet_distance": {
    survey: ["9.2.4"],
    flags: [],
    usage:
      "FID: distance between real and generated feature distributions, the standard GAN/diffusion benchmark.",
    pros: [
      "Captures fidelity and diversity together.",
      "More sensitive to subtle distribution shifts than IS.",
    ],
    cons: [
      "Biased for small samples: use at least 10,000 images.",
      "Assumes Gaussian features; depends on the Inception network and resizing.",
      "ImageNet features may not suit other domains.",
    ],
    pairs: {
      "generative/precision_recall": "separates the fidelity and diversity that FID mixes",
      "generative/kernel_inception_distance": "an unbiased alternative on small sample sets",
      "models/frechet_inception_distance":
        "the same distance computed from images with an Inception-v3 you supply (plumbline/models)",
    },
  },
  "generative/kernel_inception_distance": {
    survey: [],
    beyondSurvey:
      "KID (Bińkowski et al. 2018) is the unbiased alternative to the survey's FID for small sample sets.",
    flags: [],
    ideal: 0,
    usage: "Distribution distance between real and generated features when samples are few.",
    pros: ["Unbiased; no Gaussian assumption; usable with a few hundred samples."],
    cons: ["Can be slightly negative; less widely reported than FID."],
    pairs: {
      "models/kernel_inception_distance":
        "the same distance computed from images with an Inception-v3 you supply (plumbline/models)",
    },
  },
  "generative/inception_score": {
    survey: ["9.2.3"],
    flags: ["no-reference"],
    usage: "Quality and class diversity of generated images judged by an ImageNet classifier.",
    pros: ["Needs no real images."],
    cons: [
      "Ignores the real data distribution.",
      "Blind to mode collapse within a class and to class balance.",
      "Only meaningful for ImageNet-like content; needs many samples.",
    ],
    pairs: {
      "generative/frechet_distance": "compares against the real data IS ignores",
      "models/inception_score":
        "the same score computed from images with an Inception-v3 you supply (plumbline/models)",
    },
  },
  "generative/precision_recall": {
    survey: [],
    beyondSurvey:
      "Improved precision and recall (Kynkäänniemi et al. 2019) separates the fidelity and diversity that FID mixes.",
    flags: [],
    usage: "Separate sample fidelity (precision) from coverage of the data (recall).",
    pros: ["Diagnoses mode collapse (low recall) versus poor samples (low precision)."],
    cons: ["Outliers inflate the k-NN balls; depends on k and the feature space."],
  },
  "generation/elbo_loss": {
    survey: ["9.1.1", "9.1.2"],
    flags: ["smooth"],
    usage: "Train a VAE: reconstruction term plus β-weighted KL to the prior.",
    pros: [
      "A tractable bound on the log-likelihood.",
      "β trades reconstruction against a regular latent space.",
    ],
    cons: ["Gaussian decoders give blurry samples.", "Posterior collapse with strong decoders."],
    pairs: {
      "generative/frechet_distance": report.fid,
      "image/psnr": report.psnr,
      "image/ssim": report.ssim,
    },
  },
  "generation/flow_nll_loss": {
    survey: ["9.1.6"],
    flags: ["smooth", "no-reference"],
    usage: "Train a normalizing flow by exact maximum likelihood.",
    pros: ["Exact likelihood; comparable across models in bits per dimension."],
    cons: [
      "Costly Jacobian determinants; memory-heavy for large images.",
      "Likelihood does not track sample quality.",
    ],
    pairs: { "generative/frechet_distance": report.fid, "generative/inception_score": report.is },
  },
  "generation/contrastive_divergence": {
    survey: ["9.1.7"],
    flags: ["smooth"],
    usage:
      "Train a restricted Boltzmann machine (or another energy-based model) by CD-k: lower the free energy of the data, raise it at the end of a short Gibbs chain started from the data.",
    pros: [
      "Avoids the intractable partition function: k Gibbs steps (k = 1 is usual) instead of a chain run to equilibrium.",
      "Low-variance updates, cheap per step; the building block of deep belief network pre-training.",
    ],
    cons: [
      "A biased estimate of the likelihood gradient (the bias shrinks as k grows); it may not converge to the maximum-likelihood solution.",
      "The value is a surrogate, not the log-likelihood, and can be negative: it does not show training progress.",
      "Short chains explore the model's modes poorly (persistent CD helps).",
    ],
    pairs: {
      "image/psnr":
        "the reconstruction error of a Gibbs step, the usual progress monitor for an RBM (a weak proxy: it is not the likelihood)",
    },
  },
  "generation/gan_discriminator_loss": {
    survey: ["9.1.4", "9.1.5"],
    flags: ["smooth", "no-reference"],
    usage:
      "Train a GAN discriminator or Wasserstein critic (minimax, hinge, least squares, Wasserstein forms; `clipWeights` for the original WGAN's weight clipping).",
    pros: [
      "Adversarial training gives sharp, realistic samples.",
      "Wasserstein and hinge forms train more stably.",
    ],
    cons: [
      "Unstable and prone to mode collapse.",
      "The loss value does not measure sample quality.",
      "The Wasserstein form needs a 1-Lipschitz critic: weight clipping enforces it crudely (capacity loss, exploding or vanishing gradients), the gradient penalty more gently.",
    ],
    pairs: {
      "generative/frechet_distance": report.fid,
      "generative/inception_score": report.is,
      "generative/kernel_inception_distance": report.kid,
    },
  },
  "generation/gan_generator_loss": {
    survey: ["9.1.4", "9.1.5"],
    flags: ["smooth", "no-reference"],
    usage: "Train a GAN generator; the non-saturating form keeps gradients when the discriminator wins.",
    pros: ["High-fidelity samples without an explicit likelihood."],
    cons: ["Mode collapse and oscillation.", "Monitor FID or KID, not the loss."],
    pairs: {
      "generative/frechet_distance": report.fid,
      "generative/inception_score": report.is,
      "generative/kernel_inception_distance": report.kid,
    },
  },
  "generation/gradient_penalty": {
    survey: ["9.1.5"],
    flags: ["smooth", "no-reference"],
    usage: "Keep a Wasserstein critic 1-Lipschitz with a soft gradient-norm penalty (WGAN-GP).",
    pros: ["Stabler than weight clipping; keeps critic capacity."],
    cons: ["Needs second-order gradients.", "Incompatible with batch normalisation in the critic."],
    pairs: { "generative/frechet_distance": report.fid, "generative/inception_score": report.is },
  },
  "generation/perceptual_loss": {
    survey: ["9.1.3"],
    flags: ["smooth"],
    usage: "Compare images in a pretrained network's feature space (super-resolution, style transfer).",
    pros: ["Sharper, perceptually better outputs than pixel losses.", "Tolerates small misalignments."],
    cons: ["Inherits the feature network's domain bias.", "No pixel-exact fidelity; may add artefacts."],
    pairs: { "image/ssim": report.ssim, "generative/frechet_distance": report.fid },
  },
  "generation/reconstruction_loss": {
    survey: ["9.1.1"],
    flags: ["convex", "smooth"],
    usage: "Pixel reconstruction loss for autoencoders and restoration (MSE, L1 or Bernoulli cross-entropy).",
    pros: ["Stable, simple, directly enforces fidelity."],
    cons: [
      "MSE produces blurry outputs.",
      "Ignores perceptual structure: pair with SSIM or perceptual terms.",
    ],
    pairs: {
      "image/psnr": report.psnr,
      "image/ssim": report.ssim,
      "generative/frechet_distance": report.fid,
    },
  },
  "generation/vae_kl_loss": {
    survey: ["9.1.2"],
    flags: ["convex", "smooth", "no-reference"],
    usage: "The VAE regulariser pulling the approximate posterior towards the standard normal prior.",
    pros: ["Closed form for Gaussians; keeps the latent space regular for sampling."],
    cons: ["Too strong a weight causes posterior collapse."],
    pairs: {
      "generative/frechet_distance": report.fid,
      "image/psnr": report.psnr,
      "image/ssim": report.ssim,
    },
  },
};
