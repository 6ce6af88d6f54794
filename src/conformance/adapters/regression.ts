import type { Adapter } from "../types.js";

/** Conformance adapters for the `regression` family. */
export const adapters: readonly Adapter[] = [];
