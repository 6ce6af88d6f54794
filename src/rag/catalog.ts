import type { CatalogEntry } from "../catalog/types.js";

/** Catalog entries of the RAG metrics. */
export const entries: readonly CatalogEntry[] = [];
