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
export const precisionMeta = classificationEntry({
  id: "classification/precision",
  title: "Precision (positive predictive value)",
  formula: "\\frac{TP}{TP+FP}",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryPrecision", "multiclassPrecision", "multilabelPrecision"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_precision; scikit-learn 1.9.1 precision_score (average='samples')",
  robustness: ["ignores true negatives; unstable when few positives are predicted"],
  traits: ["imbalanced"],
});

export interface PrecisionOptions {
  /** Value of 0/0 (no positive prediction). Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryPrecisionOptions extends BinaryStatOptions, PrecisionOptions {}
export interface MulticlassPrecisionOptions<A extends Average = Average>
  extends MulticlassStatOptions,
    PrecisionOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelPrecisionOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelStatOptions,
    PrecisionOptions {
  /** Default "macro"; "samples" averages per-sample scores (sklearn). */
  average?: A;
}

const score = (zd: number) => (tp: number, fp: number) => safeDivide(tp, tp + fp, zd);

/**
 * Binary precision TP / (TP + FP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_precision` (and sklearn 1.9.1 `precision_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export function binaryPrecisionDef(
  options: BinaryPrecisionOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = optZeroDivision(options.zeroDivision, "binaryPrecision");
  return binaryStatDef(
    {
      id: "classification/binary_precision",
      meta: precisionMeta,
      fn: "binaryPrecision",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binaryPrecisionDef}. */
export function binaryPrecision(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryPrecisionOptions = {},
): number {
  return runOnce(binaryPrecisionDef(options), preds, target);
}

/**
 * Multiclass precision per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_precision` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassPrecisionDef<A extends Average = "macro">(
  options: MulticlassPrecisionOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassPrecision";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_precision",
      meta: precisionMeta,
      fn,
      reduce: multiclassReduce(score(zd), options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassPrecisionDef}. */
export function multiclassPrecision<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassPrecisionOptions<A>,
): Averaged<A> {
  return runOnce(multiclassPrecisionDef(options), preds, target);
}

/** Multilabel precision per label, averaged as torchmetrics 1.9.0 `multilabel_precision` (or sklearn "samples"). */
export function multilabelPrecisionDef<A extends MultilabelAverage = "macro">(
  options: MultilabelPrecisionOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelPrecision";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, [...AVERAGES, "samples"], "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_precision",
      meta: precisionMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelPrecisionDef}. */
export function multilabelPrecision<A extends MultilabelAverage = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelPrecisionOptions<A>,
): Averaged<A> {
  return runOnce(multilabelPrecisionDef(options), preds, target);
}
