/** plumbline/image: the public API of the image quality metrics. */
export * from "./ergas.js";
export * from "./image-gradients.js";
export * from "./ms-ssim.js";
export type { ImagePairArgs, ImageReduction, ImageResult, PerImageState } from "./per-image.js";
export * from "./psnr.js";
export * from "./sam.js";
export { type SsimConvention, type SsimOptions, ssim, ssimDef, ssimMeta } from "./ssim.js";
export type { ImageBatch, Tensor, TensorInput } from "./tensor.js";
export * from "./total-variation.js";
export * from "./uqi.js";
