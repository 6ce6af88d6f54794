import type { CatalogEntry } from "../../catalog/types.js";

/** Catalog entries of text metrics, part a. */
export const entries: readonly CatalogEntry[] = [];
