import type { Adapter } from "../types.js";

/** Conformance adapters for the `image` family. */
export const adapters: readonly Adapter[] = [];
