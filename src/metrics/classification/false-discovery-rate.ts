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
export const falseDiscoveryRateMeta = classificationEntry({
  id: "classification/false_discovery_rate",
  title: "False discovery rate",
  formula: "\\frac{FP}{FP+TP}",
  range: [0, 1],
  direction: "lower",
  exports: ["binaryFalseDiscoveryRate", "multiclassFalseDiscoveryRate", "multilabelFalseDiscoveryRate"],
  implementation:
    "1 - precision on torchmetrics 1.9.0 stat scores (FP / (FP + TP)); scikit-learn 1.9.1 confusion_matrix; scikit-learn 1.9.1 fdr (average='samples')",
  robustness: ["unstable when few positives are predicted"],
  traits: ["imbalanced"],
});

export interface FalseDiscoveryRateOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryFalseDiscoveryRateOptions extends BinaryStatOptions, FalseDiscoveryRateOptions {}
export interface MulticlassFalseDiscoveryRateOptions<A extends Average = Average>
  extends MulticlassStatOptions,
    FalseDiscoveryRateOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelFalseDiscoveryRateOptions<A extends Average = Average>
  extends MultilabelStatOptions,
    FalseDiscoveryRateOptions {
  /** Default "macro". */
  average?: A;
}

const score = (zd: number) => (tp: number, fp: number) => safeDivide(fp, fp + tp, zd);

/**
 * Binary false discovery rate FP / (FP + TP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_false_discovery_rate`. 0/0 gives `zeroDivision` (0). O(n).
 */
export function binaryFalseDiscoveryRateDef(
  options: BinaryFalseDiscoveryRateOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = optZeroDivision(options.zeroDivision, "binaryFalseDiscoveryRate");
  return binaryStatDef(
    {
      id: "classification/binary_false_discovery_rate",
      meta: falseDiscoveryRateMeta,
      fn: "binaryFalseDiscoveryRate",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binaryFalseDiscoveryRateDef}. */
export function binaryFalseDiscoveryRate(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryFalseDiscoveryRateOptions = {},
): number {
  return runOnce(binaryFalseDiscoveryRateDef(options), preds, target);
}

/**
 * Multiclass false discovery rate per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_false_discovery_rate` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassFalseDiscoveryRateDef<A extends Average = "macro">(
  options: MulticlassFalseDiscoveryRateOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassFalseDiscoveryRate";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_false_discovery_rate",
      meta: falseDiscoveryRateMeta,
      fn,
      reduce: multiclassReduce(score(zd), options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassFalseDiscoveryRateDef}. */
export function multiclassFalseDiscoveryRate<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassFalseDiscoveryRateOptions<A>,
): Averaged<A> {
  return runOnce(multiclassFalseDiscoveryRateDef(options), preds, target);
}

/** Multilabel false discovery rate per label, averaged as torchmetrics 1.9.0 `multilabel_false_discovery_rate`. */
export function multilabelFalseDiscoveryRateDef<A extends Average = "macro">(
  options: MultilabelFalseDiscoveryRateOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelFalseDiscoveryRate";
  const zd = optZeroDivision(options.zeroDivision, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_false_discovery_rate",
      meta: falseDiscoveryRateMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelFalseDiscoveryRateDef}. */
export function multilabelFalseDiscoveryRate<A extends Average = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelFalseDiscoveryRateOptions<A>,
): Averaged<A> {
  return runOnce(multilabelFalseDiscoveryRateDef(options), preds, target);
}
