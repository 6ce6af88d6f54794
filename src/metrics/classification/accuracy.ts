import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { safeDivide } from "./input.js";
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
  extends MulticlassStatOptions,
    AccuracyOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelAccuracyOptions<A extends Average = Average>
  extends MultilabelStatOptions,
    AccuracyOptions {
  /** Default "macro". */
  average?: A;
}

const score = (zd: number) => (tp: number, fp: number, tn: number, fn: number) =>
  safeDivide(tp + tn, tp + fp + tn + fn, zd);
/** Multiclass per-class score: recall of the class (torchmetrics). */
const mcScore = (tp: number, _fp: number, _tn: number, fn: number) => safeDivide(tp, tp + fn);

/**
 * Binary accuracy (TP + TN) / N, positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_accuracy` (and sklearn 1.9.1 `accuracy_score`). 0/0 gives 0. O(n).
 */
export function binaryAccuracyDef(
  options: BinaryAccuracyOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = 0;
  return binaryStatDef(
    {
      id: "classification/binary_accuracy",
      meta: accuracyMeta,
      fn: "binaryAccuracy",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binaryAccuracyDef}. */
export function binaryAccuracy(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryAccuracyOptions = {},
): number {
  return runOnce(binaryAccuracyDef(options), preds, target);
}

/**
 * Multiclass accuracy per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_accuracy` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassAccuracyDef<A extends Average = "macro">(
  options: MulticlassAccuracyOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassAccuracy";
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_accuracy",
      meta: accuracyMeta,
      fn,
      reduce: multiclassReduce(mcScore, options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassAccuracyDef}. */
export function multiclassAccuracy<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassAccuracyOptions<A>,
): Averaged<A> {
  return runOnce(multiclassAccuracyDef(options), preds, target);
}

/** Multilabel accuracy per label, averaged as torchmetrics 1.9.0 `multilabel_accuracy`. */
export function multilabelAccuracyDef<A extends Average = "macro">(
  options: MultilabelAccuracyOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelAccuracy";
  const zd = 0;
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_accuracy",
      meta: accuracyMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelAccuracyDef}. */
export function multilabelAccuracy<A extends Average = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelAccuracyOptions<A>,
): Averaged<A> {
  return runOnce(multilabelAccuracyDef(options), preds, target);
}
