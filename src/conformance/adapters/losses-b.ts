import type { Adapter } from "../types.js";

/** Conformance adapters for part b of the `losses` family. */
export const adapters: readonly Adapter[] = [];
