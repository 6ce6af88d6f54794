import { optionNames } from "../../core/options.js";
import { safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import { type MulticlassAveragedOptions, type MultilabelAveragedOptions, statMetric } from "./stat-metric.js";
import type { Average, BinaryStatOptions } from "./stat-scores.js";

/** Catalog entry of accuracy. */
export const accuracyMeta = classificationEntry({
  id: "classification/accuracy",
  title: "Accuracy",
  formula: "\\frac{TP+TN}{TP+FP+TN+FN}",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryAccuracy", "multiclassAccuracy", "multilabelAccuracy"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_accuracy (top_k); scikit-learn 1.9.1 accuracy_score; scikit-learn 1.9.1 accuracy_score (average='samples')",
  robustness: ["misleading under class imbalance (a majority-class predictor scores the prevalence)"],
  traits: ["imbalanced"],
});

// biome-ignore lint/suspicious/noEmptyInterface: no options beyond the shared ones.
export interface AccuracyOptions {}
export interface BinaryAccuracyOptions extends BinaryStatOptions, AccuracyOptions {}
export interface MulticlassAccuracyOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    AccuracyOptions {}
export interface MultilabelAccuracyOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A>,
    AccuracyOptions {}

const score = (zd: number) => (tp: number, fp: number, tn: number, fn: number) =>
  safeDivide(tp + tn, tp + fp + tn + fn, zd);
/** Multiclass per-class score: recall of the class (torchmetrics). */
const mcScore = (tp: number, _fp: number, _tn: number, fn: number) => safeDivide(tp, tp + fn);

const accuracyMetric = statMetric<
  BinaryAccuracyOptions,
  MulticlassAccuracyOptions,
  MultilabelAccuracyOptions
>({
  concept: "accuracy",
  name: "Accuracy",
  meta: accuracyMeta,
  options: optionNames<AccuracyOptions>()(),
  score,
  multiclassScore: mcScore,
});

/**
 * Binary accuracy (TP + TN) / N, positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_accuracy` (and sklearn 1.9.1 `accuracy_score`). 0/0 gives 0. O(n).
 */
export const binaryAccuracyDef = accuracyMetric.binaryDef;
/** One-shot {@link binaryAccuracyDef}. */
export const binaryAccuracy = accuracyMetric.binary;

/**
 * Multiclass accuracy per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_accuracy` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassAccuracyDef = accuracyMetric.multiclassDef;
/** One-shot {@link multiclassAccuracyDef}. */
export const multiclassAccuracy = accuracyMetric.multiclass;

/** Multilabel accuracy per label, averaged as torchmetrics 1.9.0 `multilabel_accuracy`. */
export const multilabelAccuracyDef = accuracyMetric.multilabelDef;
/** One-shot {@link multilabelAccuracyDef}. */
export const multilabelAccuracy = accuracyMetric.multilabel;
