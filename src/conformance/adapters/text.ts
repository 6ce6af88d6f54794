import type { Adapter } from "../types.js";

/** Conformance adapters for the `text` family. */
export const adapters: readonly Adapter[] = [];
