import type { Adapter } from "../types.js";

/** Conformance adapters for the `retrieval` family. */
export const adapters: readonly Adapter[] = [];
