/** Losses part b: face recognition and metric learning, monocular depth, image generation, sequences. */
export * from "./depth/index.js";
export * from "./face/index.js";
export * from "./generation/index.js";
export * from "./sequence/index.js";
