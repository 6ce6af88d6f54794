import type { Adapter } from "../types.js";

/** Conformance adapters for the `detection` family. */
export const adapters: readonly Adapter[] = [];
