import type { Task } from "./tasks.js";

/**
 * Property flags of an annotation: each names a property that holds (see `Properties` in
 * `entry.ts`). Absent flags are false, except `differentiable`, which comes from the definition's
 * meta unless `differentiable` or `not-differentiable` overrides it, and `needsReference`, which
 * is true unless `no-reference` is given.
 */
export type Flag =
  | "convex"
  | "smooth"
  | "robust"
  | "scale-invariant"
  | "probabilities"
  | "threshold"
  | "no-reference"
  | "differentiable"
  | "not-differentiable";

/**
 * What the catalog adds to an entry's metadata: where the survey discusses it, its properties,
 * usage, advantages, limitations and pairings. Written in our own words from the survey (and the
 * primary papers where the survey is silent).
 */
export interface Annotation {
  /** Survey sections (keys of `SURVEY_SECTIONS`); empty when the survey does not cover it. */
  readonly survey: readonly string[];
  /** Required when `survey` is empty: why the library offers it anyway. */
  readonly beyondSurvey?: string;
  readonly flags: readonly Flag[];
  /** When to use it, in one sentence. */
  readonly usage: string;
  /** Advantages. */
  readonly pros: readonly string[];
  /** Limitations. */
  readonly cons: readonly string[];
  /**
   * Entries to use with it, id → reason. A loss lists the metrics to report (every id of its
   * meta's `pairsWith` needs a reason here); a metric lists metrics to report beside it.
   */
  readonly pairs?: Readonly<Record<string, string>>;
  /** Tasks the entry also serves, beyond its metadata's (appended after them). */
  readonly alsoTasks?: readonly Task[];
  /** The best value when it is not the end of the range the direction points to; null: none. */
  readonly ideal?: number | null;
  /** Corrections of the entry's metadata, applied when the catalog is built, with the reason. */
  readonly fix?: {
    readonly formula?: string;
    readonly range?: readonly [number, number];
    readonly direction?: "higher" | "lower" | "none";
    readonly reason: string;
  };
}

/** Annotations of one area, keyed by catalog id. */
export type Annotations = Readonly<Record<string, Annotation>>;
