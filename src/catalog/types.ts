/** The tasks of the survey, as the catalog names them. */
export type Task =
  | "regression"
  | "classification"
  | "detection"
  | "segmentation"
  | "face-recognition"
  | "depth"
  | "image-generation"
  | "image-quality"
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

/** Catalog metadata shared by every metric and loss: the survey as data. */
export interface CatalogEntry {
  /** Stable id, "<task-folder>/<snake_name>", e.g. "classification/binary_auroc". */
  readonly id: string;
  readonly title: string;
  readonly kind: "metric" | "loss" | "weighting";
  readonly tasks: readonly Task[];
  /** LaTeX. */
  readonly formula: string;
  /** [min, max]; infinities allowed. */
  readonly range: readonly [number, number];
  readonly direction: "higher" | "lower" | "none";
  readonly differentiable: boolean;
  /** The survey's notes on robustness: outliers, class imbalance, scale, etc. */
  readonly robustness?: readonly string[];
  readonly references: readonly Reference[];
  /** For losses: catalog ids of the metrics it pairs with. */
  readonly pairsWith?: readonly string[];
  /** Short traits used by recommend(), e.g. "imbalanced", "outliers", "probabilistic". */
  readonly traits?: readonly string[];
  /** Name of the exported function(s) that implement it. */
  readonly exports: readonly string[];
}
