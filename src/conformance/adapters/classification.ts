import type { Adapter } from "../types.js";

/** Conformance adapters for the `classification` family. */
export const adapters: readonly Adapter[] = [];
