import { optionNames } from "../../core/options.js";
import { safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import type { BinaryStatOptions } from "./stat-defs.js";
import type { Average, MultilabelAverage } from "./stat-metric.js";
import { type MulticlassAveragedOptions, type MultilabelAveragedOptions, statMetric } from "./stat-metric.js";

/** Catalog entry of precision (positive predictive value). */
export const recallMeta = classificationEntry({
  id: "classification/recall",
  title: "Recall (sensitivity, true positive rate)",
  formula: "\\frac{TP}{TP+FN}",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryRecall", "multiclassRecall", "multilabelRecall"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_recall; scikit-learn 1.9.1 recall_score (average='samples'); scikit-learn 1.9.1 recall_score (average='samples')",
  robustness: ["ignores false positives; unstable when the positive class is rare"],
  traits: ["imbalanced"],
});

export interface RecallOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryRecallOptions extends BinaryStatOptions, RecallOptions {}
export interface MulticlassRecallOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    RecallOptions {}
export interface MultilabelRecallOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelAveragedOptions<A>,
    RecallOptions {}

const score = (zd: number) => (tp: number, _fp: number, _tn: number, fn: number) =>
  safeDivide(tp, tp + fn, zd);

const recallMetric = statMetric<BinaryRecallOptions, MulticlassRecallOptions, MultilabelRecallOptions>({
  concept: "recall",
  name: "Recall",
  meta: recallMeta,
  options: optionNames<RecallOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
  samples: true,
});

/**
 * Binary recall TP / (TP + FN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_recall` (and sklearn 1.9.1 `recall_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryRecallDef = recallMetric.binaryDef;
/** One-shot {@link binaryRecallDef}. */
export const binaryRecall = recallMetric.binary;

/**
 * Multiclass recall per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_recall` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassRecallDef = recallMetric.multiclassDef;
/** One-shot {@link multiclassRecallDef}. */
export const multiclassRecall = recallMetric.multiclass;

/** Multilabel recall per label, averaged as torchmetrics 1.9.0 `multilabel_recall` (or sklearn "samples"). */
export const multilabelRecallDef = recallMetric.multilabelDef;
/** One-shot {@link multilabelRecallDef}. */
export const multilabelRecall = recallMetric.multilabel;

/**
 * Task-dispatching recall (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `recall` task wrapper: its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassRecall`/`multilabelRecall` default to "macro").
 */
export const recall = recallMetric.task;
/** The def of {@link recall}: `recallDef({ task, ... })`. */
export const recallDef = recallMetric.taskDef;
