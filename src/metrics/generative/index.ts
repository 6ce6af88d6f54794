/** plumbline/generative: the public API of the generative-model metrics (from features). */
export { type FeatureInput, type FeatureMoments, featureScatter } from "./features.js";
export * from "./frechet-distance.js";
export * from "./inception-score.js";
export * from "./kernel-inception-distance.js";
export { matmul, type SymmetricEigen, symmetricEigen, symmetricSqrt } from "./linalg.js";
export * from "./precision-recall.js";
export { traceSqrtProduct } from "./trace-sqrt-product.js";
