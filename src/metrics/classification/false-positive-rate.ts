import { optionNames } from "../../core/options.js";
import { safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import type { BinaryStatOptions } from "./stat-defs.js";
import type { Average } from "./stat-metric.js";
import { type MulticlassAveragedOptions, type MultilabelAveragedOptions, statMetric } from "./stat-metric.js";

/** Catalog entry of precision (positive predictive value). */
export const falsePositiveRateMeta = classificationEntry({
  id: "classification/false_positive_rate",
  title: "False positive rate (fall-out)",
  formula: "\\frac{FP}{FP+TN}",
  range: [0, 1],
  direction: "lower",
  exports: ["binaryFalsePositiveRate", "multiclassFalsePositiveRate", "multilabelFalsePositiveRate"],
  implementation:
    "1 - specificity on torchmetrics 1.9.0 stat scores (FP / (FP + TN)); scikit-learn 1.9.1 confusion_matrix; scikit-learn 1.9.1 fpr (average='samples')",
  robustness: ["ignores the positive class"],
  traits: ["imbalanced"],
});

export interface FalsePositiveRateOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryFalsePositiveRateOptions extends BinaryStatOptions, FalsePositiveRateOptions {}
export interface MulticlassFalsePositiveRateOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    FalsePositiveRateOptions {}
export interface MultilabelFalsePositiveRateOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A>,
    FalsePositiveRateOptions {}

const score = (zd: number) => (_tp: number, fp: number, tn: number) => safeDivide(fp, fp + tn, zd);

const falsePositiveRateMetric = statMetric<
  BinaryFalsePositiveRateOptions,
  MulticlassFalsePositiveRateOptions,
  MultilabelFalsePositiveRateOptions
>({
  concept: "false_positive_rate",
  name: "FalsePositiveRate",
  meta: falsePositiveRateMeta,
  options: optionNames<FalsePositiveRateOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
});

/**
 * Binary false positive rate FP / (FP + TN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_false_positive_rate`. 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryFalsePositiveRateDef = falsePositiveRateMetric.binaryDef;
/** One-shot {@link binaryFalsePositiveRateDef}. */
export const binaryFalsePositiveRate = falsePositiveRateMetric.binary;

/**
 * Multiclass false positive rate per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_false_positive_rate` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassFalsePositiveRateDef = falsePositiveRateMetric.multiclassDef;
/** One-shot {@link multiclassFalsePositiveRateDef}. */
export const multiclassFalsePositiveRate = falsePositiveRateMetric.multiclass;

/** Multilabel false positive rate per label, averaged as torchmetrics 1.9.0 `multilabel_false_positive_rate`. */
export const multilabelFalsePositiveRateDef = falsePositiveRateMetric.multilabelDef;
/** One-shot {@link multilabelFalsePositiveRateDef}. */
export const multilabelFalsePositiveRate = falsePositiveRateMetric.multilabel;

/**
 * Task-dispatching falsePositiveRate (`task: "binary" | "multiclass" | "multilabel"`), as the
 * false positive rate (no torchmetrics wrapper: the same defaults): its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassFalsePositiveRate`/`multilabelFalsePositiveRate` default to "macro").
 */
export const falsePositiveRate = falsePositiveRateMetric.task;
/** The def of {@link falsePositiveRate}: `falsePositiveRateDef({ task, ... })`. */
export const falsePositiveRateDef = falsePositiveRateMetric.taskDef;
