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
  extends MulticlassStatOptions,
    FalsePositiveRateOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelFalsePositiveRateOptions<A extends Average = Average>
  extends MultilabelStatOptions,
    FalsePositiveRateOptions {
  /** Default "macro". */
  average?: A;
}

const score = (zd: number) => (_tp: number, fp: number, tn: number) => safeDivide(fp, fp + tn, zd);

/**
 * Binary false positive rate FP / (FP + TN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_false_positive_rate`. 0/0 gives `zeroDivision` (0). O(n).
 */
export function binaryFalsePositiveRateDef(
  options: BinaryFalsePositiveRateOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = optZeroDivision(options.zeroDivision, "binaryFalsePositiveRate");
  return binaryStatDef(
    {
      id: "classification/binary_false_positive_rate",
      meta: falsePositiveRateMeta,
      fn: "binaryFalsePositiveRate",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binaryFalsePositiveRateDef}. */
export function binaryFalsePositiveRate(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryFalsePositiveRateOptions = {},
): number {
  return runOnce(binaryFalsePositiveRateDef(options), preds, target);
}

/**
 * Multiclass false positive rate per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_false_positive_rate` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassFalsePositiveRateDef<A extends Average = "macro">(
  options: MulticlassFalsePositiveRateOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassFalsePositiveRate";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_false_positive_rate",
      meta: falsePositiveRateMeta,
      fn,
      reduce: multiclassReduce(score(zd), options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassFalsePositiveRateDef}. */
export function multiclassFalsePositiveRate<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassFalsePositiveRateOptions<A>,
): Averaged<A> {
  return runOnce(multiclassFalsePositiveRateDef(options), preds, target);
}

/** Multilabel false positive rate per label, averaged as torchmetrics 1.9.0 `multilabel_false_positive_rate`. */
export function multilabelFalsePositiveRateDef<A extends Average = "macro">(
  options: MultilabelFalsePositiveRateOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelFalsePositiveRate";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_false_positive_rate",
      meta: falsePositiveRateMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelFalsePositiveRateDef}. */
export function multilabelFalsePositiveRate<A extends Average = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelFalsePositiveRateOptions<A>,
): Averaged<A> {
  return runOnce(multilabelFalsePositiveRateDef(options), preds, target);
}
