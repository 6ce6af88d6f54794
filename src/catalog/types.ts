/**
 * What each area's catalog file (`metrics/<area>/catalog.ts`, `losses/<area>/catalog.ts`) states
 * about each metric and loss: title, formula, range, references, ... The catalog
 * (`catalog/index.ts`) merges each with the survey annotations of `catalog/annotations/` into a
 * {@link CatalogEntry} of `catalog/entry.ts`. A metric definition carries only its `MetricMeta`
 * (id, range, direction, conventions; `src/metric.ts`), joined to its entry here by id, so that
 * computing a metric never loads this text.
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

/** The catalog metadata of a metric or loss, from its area's catalog file. */
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
 * The name the area catalog files use for {@link EntryMeta}; the public catalog's entries are the
 * richer `CatalogEntry` of `plumbline/catalog`.
 */
export type CatalogEntry = EntryMeta;
