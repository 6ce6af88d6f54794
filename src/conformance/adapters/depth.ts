import type { Adapter } from "../types.js";

/** Conformance adapters for the `depth` family. */
export const adapters: readonly Adapter[] = [];
