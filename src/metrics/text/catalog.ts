import type { CatalogEntry } from "../../catalog/types.js";
import { entries as entriesA } from "./catalog-a.js";
import { entries as entriesB } from "./catalog-b.js";

/** Catalog entries of the text metrics. */
export const entries: readonly CatalogEntry[] = [...entriesA, ...entriesB];
