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
export const hammingDistanceMeta = classificationEntry({
  id: "classification/hamming_distance",
  title: "Hamming distance (fraction of wrong labels)",
  formula: "1-\\frac{TP+TN}{TP+FP+TN+FN}",
  range: [0, 1],
  direction: "lower",
  exports: ["binaryHammingDistance", "multiclassHammingDistance", "multilabelHammingDistance"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_hamming_distance; scikit-learn 1.9.1 hamming_loss; scikit-learn 1.9.1 hamming_loss (average='samples')",
  robustness: ["treats every label equally; dominated by the majority label value"],
  traits: ["imbalanced"],
});

// biome-ignore lint/suspicious/noEmptyInterface: no options beyond the shared ones.
export interface HammingDistanceOptions {}
export interface BinaryHammingDistanceOptions extends BinaryStatOptions, HammingDistanceOptions {}
export interface MulticlassHammingDistanceOptions<A extends Average = Average>
  extends MulticlassStatOptions,
    HammingDistanceOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelHammingDistanceOptions<A extends Average = Average>
  extends MultilabelStatOptions,
    HammingDistanceOptions {
  /** Default "macro". */
  average?: A;
}

const score = (zd: number) => (tp: number, fp: number, tn: number, fn: number) =>
  1 - safeDivide(tp + tn, tp + fp + tn + fn, zd);
/** Multiclass per-class score: recall of the class (torchmetrics). */
const mcScore = (tp: number, _fp: number, _tn: number, fn: number) => 1 - safeDivide(tp, tp + fn);

/**
 * Binary Hamming distance 1 - (TP + TN) / N, positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_hamming_distance` (and sklearn 1.9.1 `hamming_loss`). 0/0 gives 0. O(n).
 */
export function binaryHammingDistanceDef(
  options: BinaryHammingDistanceOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = 0;
  return binaryStatDef(
    {
      id: "classification/binary_hamming_distance",
      meta: hammingDistanceMeta,
      fn: "binaryHammingDistance",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binaryHammingDistanceDef}. */
export function binaryHammingDistance(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryHammingDistanceOptions = {},
): number {
  return runOnce(binaryHammingDistanceDef(options), preds, target);
}

/**
 * Multiclass hamming distance per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_hamming_distance` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassHammingDistanceDef<A extends Average = "macro">(
  options: MulticlassHammingDistanceOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassHammingDistance";
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_hamming_distance",
      meta: hammingDistanceMeta,
      fn,
      reduce: multiclassReduce(mcScore, options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassHammingDistanceDef}. */
export function multiclassHammingDistance<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassHammingDistanceOptions<A>,
): Averaged<A> {
  return runOnce(multiclassHammingDistanceDef(options), preds, target);
}

/** Multilabel hamming distance per label, averaged as torchmetrics 1.9.0 `multilabel_hamming_distance`. */
export function multilabelHammingDistanceDef<A extends Average = "macro">(
  options: MultilabelHammingDistanceOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelHammingDistance";
  const zd = 0;
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_hamming_distance",
      meta: hammingDistanceMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelHammingDistanceDef}. */
export function multilabelHammingDistance<A extends Average = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelHammingDistanceOptions<A>,
): Averaged<A> {
  return runOnce(multilabelHammingDistanceDef(options), preds, target);
}
