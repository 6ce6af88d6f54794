/** Image-generation losses: reconstruction, VAE, GAN, perceptual, normalizing flows. */
export * from "./gan-loss.js";
export * from "./vae-kl-loss.js";
