import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { optZeroDivision, safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import {
  AVERAGES,
  type Average,
  type Averaged,
  type BinaryArgs,
  type BinaryStatOptions,
  binaryReduce,
  binaryStatDef,
  type ConfusionState,
  type MulticlassArgs,
  type MulticlassStatOptions,
  type MultilabelArgs,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multiclassReduce,
  multiclassStatDef,
  multilabelReduce,
  multilabelStatDef,
  optAverage,
} from "./stat-scores.js";

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
  extends MulticlassStatOptions,
    NegativePredictiveValueOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelNegativePredictiveValueOptions<A extends Average = Average>
  extends MultilabelStatOptions,
    NegativePredictiveValueOptions {
  /** Default "macro". */
  average?: A;
}

const score = (zd: number) => (_tp: number, _fp: number, tn: number, fn: number) =>
  safeDivide(tn, tn + fn, zd);

/**
 * Binary negative predictive value TN / (TN + FN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_negative_predictive_value`. 0/0 gives `zeroDivision` (0). O(n).
 */
export function binaryNegativePredictiveValueDef(
  options: BinaryNegativePredictiveValueOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = optZeroDivision(options.zeroDivision, "binaryNegativePredictiveValue");
  return binaryStatDef(
    {
      id: "classification/binary_negative_predictive_value",
      meta: negativePredictiveValueMeta,
      fn: "binaryNegativePredictiveValue",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binaryNegativePredictiveValueDef}. */
export function binaryNegativePredictiveValue(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryNegativePredictiveValueOptions = {},
): number {
  return runOnce(binaryNegativePredictiveValueDef(options), preds, target);
}

/**
 * Multiclass negative predictive value per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_negative_predictive_value` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassNegativePredictiveValueDef<A extends Average = "macro">(
  options: MulticlassNegativePredictiveValueOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassNegativePredictiveValue";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_negative_predictive_value",
      meta: negativePredictiveValueMeta,
      fn,
      reduce: multiclassReduce(score(zd), options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassNegativePredictiveValueDef}. */
export function multiclassNegativePredictiveValue<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassNegativePredictiveValueOptions<A>,
): Averaged<A> {
  return runOnce(multiclassNegativePredictiveValueDef(options), preds, target);
}

/** Multilabel negative predictive value per label, averaged as torchmetrics 1.9.0 `multilabel_negative_predictive_value`. */
export function multilabelNegativePredictiveValueDef<A extends Average = "macro">(
  options: MultilabelNegativePredictiveValueOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelNegativePredictiveValue";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_negative_predictive_value",
      meta: negativePredictiveValueMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelNegativePredictiveValueDef}. */
export function multilabelNegativePredictiveValue<A extends Average = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelNegativePredictiveValueOptions<A>,
): Averaged<A> {
  return runOnce(multilabelNegativePredictiveValueDef(options), preds, target);
}
