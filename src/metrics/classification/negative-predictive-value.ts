import { optionNames } from "../../core/options.js";
import { safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import type { BinaryStatOptions } from "./stat-defs.js";
import type { Average } from "./stat-metric.js";
import { type MulticlassAveragedOptions, type MultilabelAveragedOptions, statMetric } from "./stat-metric.js";

/** Catalog entry of precision (positive predictive value). */
export const negativePredictiveValueMeta = classificationEntry({
  id: "classification/negative_predictive_value",
  title: "Negative predictive value",
  formula: "\\frac{TN}{TN+FN}",
  range: [0, 1],
  direction: "higher",
  exports: [
    "binaryNegativePredictiveValue",
    "multiclassNegativePredictiveValue",
    "multilabelNegativePredictiveValue",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_negative_predictive_value; scikit-learn 1.9.1 npv (average='samples')",
  robustness: ["depends on prevalence"],
  traits: ["imbalanced"],
});

export interface NegativePredictiveValueOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryNegativePredictiveValueOptions
  extends BinaryStatOptions,
    NegativePredictiveValueOptions {}
export interface MulticlassNegativePredictiveValueOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    NegativePredictiveValueOptions {}
export interface MultilabelNegativePredictiveValueOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A>,
    NegativePredictiveValueOptions {}

const score = (zd: number) => (_tp: number, _fp: number, tn: number, fn: number) =>
  safeDivide(tn, tn + fn, zd);

const negativePredictiveValueMetric = statMetric<
  BinaryNegativePredictiveValueOptions,
  MulticlassNegativePredictiveValueOptions,
  MultilabelNegativePredictiveValueOptions
>({
  concept: "negative_predictive_value",
  name: "NegativePredictiveValue",
  meta: negativePredictiveValueMeta,
  options: optionNames<NegativePredictiveValueOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
});

/**
 * Binary negative predictive value TN / (TN + FN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_negative_predictive_value`. 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryNegativePredictiveValueDef = negativePredictiveValueMetric.binaryDef;
/** One-shot {@link binaryNegativePredictiveValueDef}. */
export const binaryNegativePredictiveValue = negativePredictiveValueMetric.binary;

/**
 * Multiclass negative predictive value per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_negative_predictive_value` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassNegativePredictiveValueDef = negativePredictiveValueMetric.multiclassDef;
/** One-shot {@link multiclassNegativePredictiveValueDef}. */
export const multiclassNegativePredictiveValue = negativePredictiveValueMetric.multiclass;

/** Multilabel negative predictive value per label, averaged as torchmetrics 1.9.0 `multilabel_negative_predictive_value`. */
export const multilabelNegativePredictiveValueDef = negativePredictiveValueMetric.multilabelDef;
/** One-shot {@link multilabelNegativePredictiveValueDef}. */
export const multilabelNegativePredictiveValue = negativePredictiveValueMetric.multilabel;

/**
 * Task-dispatching negativePredictiveValue (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `negative_predictive_value` task wrapper: its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassNegativePredictiveValue`/`multilabelNegativePredictiveValue` default to "macro").
 */
export const negativePredictiveValue = negativePredictiveValueMetric.task;
/** The def of {@link negativePredictiveValue}: `negativePredictiveValueDef({ task, ... })`. */
export const negativePredictiveValueDef = negativePredictiveValueMetric.taskDef;
