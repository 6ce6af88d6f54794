import type { Adapter } from "../types.js";

/** Conformance adapters for the `losses` family. */
export const adapters: readonly Adapter[] = [];
