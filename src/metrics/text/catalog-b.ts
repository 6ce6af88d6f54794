import type { CatalogEntry } from "../../catalog/types.js";

/** Catalog entries of text metrics, part b. */
export const entries: readonly CatalogEntry[] = [];
