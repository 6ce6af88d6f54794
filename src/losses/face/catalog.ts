import type { CatalogEntry } from "../../catalog/types.js";

/** Catalog entries of the face losses. Kept free of TensorFlow.js imports so the catalog loads without it. */
export const entries: readonly CatalogEntry[] = [];
