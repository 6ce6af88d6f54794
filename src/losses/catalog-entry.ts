import type { CatalogEntry } from "../catalog/types.js";

/* Shared builders of the loss catalogs. Kept free of TensorFlow.js imports so the catalogs load without it. */

/** The fields a builder fills in (a draft may still set them to override). */
type Defaulted = "kind" | "direction" | "differentiable" | "tasks" | "range";

/**
 * A catalog-entry builder with the given defaults: the draft names the remaining fields and may
 * override a default; the draft's fields win.
 */
export function entryBuilder<K extends Defaulted>(
  defaults: Pick<CatalogEntry, K>,
): (draft: Omit<CatalogEntry, K> & Partial<Pick<CatalogEntry, K>>) => CatalogEntry {
  return (draft) => ({ ...defaults, ...draft }) as CatalogEntry;
}

/** A builder of loss entries: kind "loss", direction "lower", differentiable, with the area's default tasks. */
export function lossEntryBuilder(
  tasks: CatalogEntry["tasks"],
): (
  draft: Omit<CatalogEntry, "kind" | "direction" | "differentiable" | "tasks"> &
    Partial<Pick<CatalogEntry, "kind" | "direction" | "differentiable" | "tasks">>,
) => CatalogEntry {
  return entryBuilder({ kind: "loss", direction: "lower", differentiable: true, tasks });
}

/** The reference text of a loss matched against a PyTorch function, e.g. `torchReference("F.mse_loss")`. */
export const torchReference = (name: string): string =>
  `torch 2.11 ${name} (value and gradient, float32 tolerance)`;
