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
export const jaccardIndexMeta = classificationEntry({
  id: "classification/jaccard_index",
  title: "Jaccard index (intersection over union)",
  formula: "\\frac{TP}{TP+FP+FN}",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryJaccardIndex", "multiclassJaccardIndex", "multilabelJaccardIndex"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_jaccard_index; scikit-learn 1.9.1 jaccard_score (average='samples'); scikit-learn 1.9.1 jaccard_score (average='samples')",
  robustness: ["ignores true negatives"],
  traits: ["imbalanced"],
});

export interface JaccardIndexOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryJaccardIndexOptions extends BinaryStatOptions, JaccardIndexOptions {}
export interface MulticlassJaccardIndexOptions<A extends Average = Average>
  extends MulticlassStatOptions,
    JaccardIndexOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelJaccardIndexOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelStatOptions,
    JaccardIndexOptions {
  /** Default "macro"; "samples" averages per-sample scores (sklearn). */
  average?: A;
}

const score = (zd: number) => (tp: number, fp: number, _tn: number, fn: number) =>
  safeDivide(tp, tp + fp + fn, zd);

/**
 * Binary Jaccard index TP / (TP + FP + FN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_jaccard_index` (and sklearn 1.9.1 `jaccard_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export function binaryJaccardIndexDef(
  options: BinaryJaccardIndexOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = optZeroDivision(options.zeroDivision, "binaryJaccardIndex");
  return binaryStatDef(
    {
      id: "classification/binary_jaccard_index",
      meta: jaccardIndexMeta,
      fn: "binaryJaccardIndex",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binaryJaccardIndexDef}. */
export function binaryJaccardIndex(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryJaccardIndexOptions = {},
): number {
  return runOnce(binaryJaccardIndexDef(options), preds, target);
}

/**
 * Multiclass jaccard index per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_jaccard_index` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassJaccardIndexDef<A extends Average = "macro">(
  options: MulticlassJaccardIndexOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassJaccardIndex";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_jaccard_index",
      meta: jaccardIndexMeta,
      fn,
      reduce: multiclassReduce(score(zd), options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassJaccardIndexDef}. */
export function multiclassJaccardIndex<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassJaccardIndexOptions<A>,
): Averaged<A> {
  return runOnce(multiclassJaccardIndexDef(options), preds, target);
}

/** Multilabel jaccard index per label, averaged as torchmetrics 1.9.0 `multilabel_jaccard_index` (or sklearn "samples"). */
export function multilabelJaccardIndexDef<A extends MultilabelAverage = "macro">(
  options: MultilabelJaccardIndexOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelJaccardIndex";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, [...AVERAGES, "samples"], "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_jaccard_index",
      meta: jaccardIndexMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelJaccardIndexDef}. */
export function multilabelJaccardIndex<A extends MultilabelAverage = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelJaccardIndexOptions<A>,
): Averaged<A> {
  return runOnce(multilabelJaccardIndexDef(options), preds, target);
}
