import type { Adapter } from "../types.js";

/** Conformance adapters for the `generative` family. */
export const adapters: readonly Adapter[] = [];
