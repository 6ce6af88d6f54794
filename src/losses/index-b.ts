/** Losses part b: face recognition and metric learning, monocular depth, image generation, sequences. */
export * from "./face/index.js";
