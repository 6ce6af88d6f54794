import type { MetricMeta } from "../../metric.js";
import { safeDivide } from "./input.js";
import type { BinaryStatOptions } from "./stat-defs.js";
import type { Average } from "./stat-metric.js";
import {
  binaryStatMetric,
  binaryStatMetricDef,
  type MulticlassAveragedOptions,
  type MultilabelAveragedOptions,
  multiclassStatMetric,
  multiclassStatMetricDef,
  multilabelStatMetric,
  multilabelStatMetricDef,
  type StatMetricSpec,
} from "./stat-metric.js";
import { MICRO_AVERAGE, type StatTask, type StatTaskDef, taskDef, taskFunction } from "./task.js";

export const accuracyMeta: MetricMeta = {
  id: "classification/accuracy",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export interface AccuracyOptions {
  /** Default true; false: the count (weight) of right samples (sklearn's `normalize=False`; multiclass: average "micro"). */
  normalize?: boolean;
}
export interface BinaryAccuracyOptions extends BinaryStatOptions, AccuracyOptions {}
export interface MulticlassAccuracyOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    AccuracyOptions {}
export interface MultilabelAccuracyOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A> {}

const score = (zd: number) => (tp: number, fp: number, tn: number, fn: number) =>
  safeDivide(tp + tn, tp + fp + tn + fn, zd);
/** Multiclass per-class score: recall of the class (torchmetrics). */
const mcScore = (tp: number, _fp: number, _tn: number, fn: number) => safeDivide(tp, tp + fn);

const accuracySpec: StatMetricSpec<
  BinaryAccuracyOptions,
  MulticlassAccuracyOptions,
  MultilabelAccuracyOptions
> = {
  concept: "accuracy",
  name: "Accuracy",
  options: [],
  score,
  multiclassScore: mcScore,
  // sklearn's `normalize=False`: the count (weight) of right samples.
  counts: { binary: (tp, _fp, tn) => tp + tn, multiclass: (tp) => tp },
};

/**
 * Binary accuracy (TP + TN) / N, positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_accuracy` (and sklearn 1.9.1 `accuracy_score`). 0/0 gives 0. O(n).
 */
export const binaryAccuracyDef = /* @__PURE__ */ binaryStatMetricDef(accuracySpec, accuracyMeta);
/** One-shot {@link binaryAccuracyDef}. */
export const binaryAccuracy = /* @__PURE__ */ binaryStatMetric(accuracySpec);

/**
 * Multiclass accuracy per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_accuracy` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassAccuracyDef = /* @__PURE__ */ multiclassStatMetricDef(accuracySpec, accuracyMeta);
/** One-shot {@link multiclassAccuracyDef}. */
export const multiclassAccuracy = /* @__PURE__ */ multiclassStatMetric(accuracySpec);

/** Multilabel accuracy per label, averaged as torchmetrics 1.9.0 `multilabel_accuracy`. */
export const multilabelAccuracyDef = /* @__PURE__ */ multilabelStatMetricDef(accuracySpec, accuracyMeta);
/** One-shot {@link multilabelAccuracyDef}. */
export const multilabelAccuracy = /* @__PURE__ */ multilabelStatMetric(accuracySpec);

/**
 * Task-dispatching accuracy (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `accuracy` task wrapper: its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassAccuracy`/`multilabelAccuracy` default to "macro").
 */
export const accuracy = /* @__PURE__ */ taskFunction(
  "accuracy",
  { binary: binaryAccuracy, multiclass: multiclassAccuracy, multilabel: multilabelAccuracy },
  MICRO_AVERAGE,
) as StatTask<BinaryAccuracyOptions, MulticlassAccuracyOptions, MultilabelAccuracyOptions>;
/** The def of {@link accuracy}: `accuracyDef({ task, ... })`. */
export const accuracyDef = /* @__PURE__ */ taskDef(
  "accuracy",
  { binary: binaryAccuracyDef, multiclass: multiclassAccuracyDef, multilabel: multilabelAccuracyDef },
  MICRO_AVERAGE,
) as StatTaskDef<BinaryAccuracyOptions, MulticlassAccuracyOptions, MultilabelAccuracyOptions>;
