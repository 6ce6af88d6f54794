import type { CatalogEntry } from "../../catalog/types.js";

/** Catalog entries of the depth metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [];
