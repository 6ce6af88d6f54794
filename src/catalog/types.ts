/**
 * What every metric and loss definition declares about itself (its `meta`): the facts that live
 * next to the code. The catalog (`catalog/index.ts`) merges each meta with the survey annotations
 * of `catalog/annotations/` into a {@link CatalogEntry} of `catalog/entry.ts`.
 */

/**
 * A task name a definition may use in its meta: one of the survey's ten task areas (plus
 * `multi-loss`), or an older name that {@link resolveTask} maps onto them.
 */
export type MetaTask =
  | "regression"
  | "classification"
  | "detection"
  | "segmentation"
  | "face"
  | "face-recognition"
  | "depth"
  | "generation"
  | "image-generation"
  | "image-quality"
  | "text"
  | "nlp"
  | "retrieval"
  | "rag"
  | "multi-loss";

/** A paper and/or the implementation an entry matches. */
export interface Reference {
  /** Citation of the paper that defines it, e.g. "Hanley & McNeil 1982". */
  readonly paper?: string;
  /** The implementation matched number for number, with version and settings. */
  readonly implementation?: string;
}

/** What a definition's metadata and a catalog entry have in common. */
export interface EntryCore {
  /** Stable id, "<folder>/<snake_name>", e.g. "classification/auroc". */
  readonly id: string;
  readonly title: string;
  readonly kind: "metric" | "loss" | "weighting";
  /** LaTeX. */
  readonly formula: string;
  /** [min, max]; infinities allowed. */
  readonly range: readonly [number, number];
  readonly direction: "higher" | "lower" | "none";
  readonly references: readonly Reference[];
  /** Name of the exported function(s) that implement it. */
  readonly exports: readonly string[];
}

/** The metadata a metric or loss definition declares next to its code. */
export interface EntryMeta extends EntryCore {
  /** The first task is the entry's home area. */
  readonly tasks: readonly MetaTask[];
  readonly differentiable: boolean;
  /** Free-text robustness notes (outliers, imbalance, ...); the annotations' limitations supersede them. */
  readonly robustness?: readonly string[];
  /** For losses: catalog ids of the metrics it pairs with (each needs a reason in the annotations). */
  readonly pairsWith?: readonly string[];
  /** Legacy free-form tags; the catalog no longer reads them (traits come from `catalog/rules.ts`). */
  readonly traits?: readonly string[];
}

/**
 * The name the definition files use for {@link EntryMeta}. Kept so their imports need no change;
 * the public catalog's entries are the richer `CatalogEntry` of `plumbline/catalog`.
 */
export type CatalogEntry = EntryMeta;
