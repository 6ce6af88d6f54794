/** Image-generation losses: reconstruction, VAE, GAN, perceptual, normalizing flows. */

export {
  contrastiveDivergenceEntry,
  elboLossEntry,
  flowNllLossEntry,
  ganDiscriminatorLossEntry,
  ganGeneratorLossEntry,
  gradientPenaltyEntry,
  perceptualLossEntry,
  reconstructionLossEntry,
  vaeKlLossEntry,
} from "./catalog.js";
export * from "./contrastive-divergence.js";
export * from "./elbo-loss.js";
export * from "./flow-nll-loss.js";
export * from "./gan-loss.js";
export * from "./gradient-penalty.js";
export * from "./perceptual-loss.js";
export * from "./reconstruction-loss.js";
export * from "./vae-kl-loss.js";
export * from "./weight-clipping.js";
