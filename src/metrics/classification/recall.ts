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
  type MultilabelAverage,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multiclassReduce,
  multiclassStatDef,
  multilabelReduce,
  multilabelStatDef,
  optAverage,
} from "./stat-scores.js";

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
  extends MulticlassStatOptions,
    RecallOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelRecallOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelStatOptions,
    RecallOptions {
  /** Default "macro"; "samples" averages per-sample scores (sklearn). */
  average?: A;
}

const score = (zd: number) => (tp: number, _fp: number, _tn: number, fn: number) =>
  safeDivide(tp, tp + fn, zd);

/**
 * Binary recall TP / (TP + FN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_recall` (and sklearn 1.9.1 `recall_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export function binaryRecallDef(
  options: BinaryRecallOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = optZeroDivision(options.zeroDivision, "binaryRecall");
  return binaryStatDef(
    {
      id: "classification/binary_recall",
      meta: recallMeta,
      fn: "binaryRecall",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binaryRecallDef}. */
export function binaryRecall(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryRecallOptions = {},
): number {
  return runOnce(binaryRecallDef(options), preds, target);
}

/**
 * Multiclass recall per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_recall` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassRecallDef<A extends Average = "macro">(
  options: MulticlassRecallOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassRecall";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_recall",
      meta: recallMeta,
      fn,
      reduce: multiclassReduce(score(zd), options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassRecallDef}. */
export function multiclassRecall<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassRecallOptions<A>,
): Averaged<A> {
  return runOnce(multiclassRecallDef(options), preds, target);
}

/** Multilabel recall per label, averaged as torchmetrics 1.9.0 `multilabel_recall` (or sklearn "samples"). */
export function multilabelRecallDef<A extends MultilabelAverage = "macro">(
  options: MultilabelRecallOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelRecall";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, [...AVERAGES, "samples"], "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_recall",
      meta: recallMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelRecallDef}. */
export function multilabelRecall<A extends MultilabelAverage = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelRecallOptions<A>,
): Averaged<A> {
  return runOnce(multilabelRecallDef(options), preds, target);
}
