import type { Adapter } from "../types.js";

/**
 * One adapter module per family, loaded only when a case of that family runs (so metric-only
 * runs never load TensorFlow.js).
 */
export const adapterLoaders: Readonly<Record<string, () => Promise<readonly Adapter[]>>> = {
  classification: async () => (await import("./classification.js")).adapters,
  regression: async () => (await import("./regression.js")).adapters,
  retrieval: async () => (await import("./retrieval.js")).adapters,
  detection: async () => (await import("./detection.js")).adapters,
  segmentation: async () => (await import("./segmentation.js")).adapters,
  image: async () => (await import("./image.js")).adapters,
  generative: async () => (await import("./generative.js")).adapters,
  depth: async () => (await import("./depth.js")).adapters,
  text: async () => (await import("./text.js")).adapters,
  losses: async () => (await import("./losses.js")).adapters,
  face: async () => (await import("./face.js")).adapters,
  stats: async () => (await import("./stats.js")).adapters,
};
