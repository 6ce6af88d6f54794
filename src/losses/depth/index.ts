/** Monocular depth losses. */
export * from "./berhu-loss.js";
