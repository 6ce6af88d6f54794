import type { Task } from "./tasks.js";
import type { EntryCore } from "./types.js";

/**
 * Properties of an entry, as functions of the predictions (scores, logits or values):
 * - `differentiable`: usable as a gradient-based training objective (a subgradient at kinks counts);
 * - `convex`: the quantity to minimise (the loss, or the metric oriented so that lower is better)
 *   is convex in the predictions;
 * - `smooth`: continuously differentiable (no kinks, no plateaus with jumps);
 * - `bounded`: both ends of the range are finite (derived from `range`);
 * - `robustToOutliers`: a few extreme errors cannot dominate the value;
 * - `scaleInvariant`: unchanged when targets and predictions are rescaled together (or, for
 *   boxes and embeddings, when the geometry is rescaled);
 * - `needsProbabilities`: its inputs must be probabilities (or log-probabilities), not logits or raw scores;
 * - `thresholdDependent`: depends on a decision threshold (or an IoU/distance cut-off);
 * - `needsReference`: compares against a ground truth or reference.
 */
export interface Properties {
  readonly differentiable: boolean;
  readonly convex: boolean;
  readonly smooth: boolean;
  readonly bounded: boolean;
  readonly robustToOutliers: boolean;
  readonly scaleInvariant: boolean;
  readonly needsProbabilities: boolean;
  readonly thresholdDependent: boolean;
  readonly needsReference: boolean;
}

/** A trait an entry is suited to (or misleading under), with the reason. */
export interface TraitNote {
  readonly task: Task;
  readonly trait: string;
  readonly why: string;
}

/** Another catalog entry to use with this one, and why. */
export interface Pairing {
  readonly id: string;
  readonly why: string;
}

/** Where the survey discusses an entry. */
export interface SurveyRef {
  readonly section: string;
  readonly title: string;
}

/** One metric, loss or loss-weighting scheme: its definition's meta merged with the survey annotations. */
export interface CatalogEntry extends EntryCore {
  /** The package subpath that exports `exports`, e.g. "plumbline/classification", "plumbline/losses", "plumbline/models". */
  readonly module: string;
  /** Survey task areas; the first is the entry's home area. */
  readonly tasks: readonly Task[];
  /** The best attainable value (a range end), or null when none exists (e.g. an unbounded NLL). */
  readonly ideal: number | null;
  readonly properties: Properties;
  /** When to use it, in one sentence. */
  readonly usage: string;
  readonly advantages: readonly string[];
  readonly limitations: readonly string[];
  /** Traits of the data it handles well (from the advice rules). */
  readonly suitedTo: readonly TraitNote[];
  /** Traits under which it misleads (from the advice rules). */
  readonly misleadingUnder: readonly TraitNote[];
  /** The survey sections that discuss it; empty when the survey does not. */
  readonly survey: readonly SurveyRef[];
  /** Why the library offers it although the survey does not cover it (only when `survey` is empty). */
  readonly beyondSurvey?: string;
  /**
   * For a loss: the metrics to report when training with it. For a metric: the metrics to report
   * beside it and the losses that train towards it.
   */
  readonly pairings: readonly Pairing[];
}
