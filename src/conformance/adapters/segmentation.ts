import type { Adapter } from "../types.js";

/** Conformance adapters for the `segmentation` family. */
export const adapters: readonly Adapter[] = [];
