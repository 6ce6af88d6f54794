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
export const specificityMeta = classificationEntry({
  id: "classification/specificity",
  title: "Specificity (true negative rate)",
  formula: "\\frac{TN}{TN+FP}",
  range: [0, 1],
  direction: "higher",
  exports: ["binarySpecificity", "multiclassSpecificity", "multilabelSpecificity"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_specificity; scikit-learn 1.9.1 specificity (average='samples')",
  robustness: ["ignores the positive class"],
  traits: ["imbalanced"],
});

// biome-ignore lint/suspicious/noEmptyInterface: no options beyond the shared ones.
export interface SpecificityOptions {}
export interface BinarySpecificityOptions extends BinaryStatOptions, SpecificityOptions {}
export interface MulticlassSpecificityOptions<A extends Average = Average>
  extends MulticlassStatOptions,
    SpecificityOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelSpecificityOptions<A extends Average = Average>
  extends MultilabelStatOptions,
    SpecificityOptions {
  /** Default "macro". */
  average?: A;
}

const score = (zd: number) => (_tp: number, fp: number, tn: number) => safeDivide(tn, tn + fp, zd);

/**
 * Binary specificity TN / (TN + FP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_specificity`. 0/0 gives 0. O(n).
 */
export function binarySpecificityDef(
  options: BinarySpecificityOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = 0;
  return binaryStatDef(
    {
      id: "classification/binary_specificity",
      meta: specificityMeta,
      fn: "binarySpecificity",
      reduce: binaryReduce(score(zd)),
    },
    { ...options },
  );
}
/** One-shot {@link binarySpecificityDef}. */
export function binarySpecificity(
  preds: NumericArray,
  target: NumericArray,
  options: BinarySpecificityOptions = {},
): number {
  return runOnce(binarySpecificityDef(options), preds, target);
}

/**
 * Multiclass specificity per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_specificity` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassSpecificityDef<A extends Average = "macro">(
  options: MulticlassSpecificityOptions<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassSpecificity";
  const zd = 0;
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id: "classification/multiclass_specificity",
      meta: specificityMeta,
      fn,
      reduce: multiclassReduce(score(zd), options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassSpecificityDef}. */
export function multiclassSpecificity<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassSpecificityOptions<A>,
): Averaged<A> {
  return runOnce(multiclassSpecificityDef(options), preds, target);
}

/** Multilabel specificity per label, averaged as torchmetrics 1.9.0 `multilabel_specificity`. */
export function multilabelSpecificityDef<A extends Average = "macro">(
  options: MultilabelSpecificityOptions<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelSpecificity";
  const zd = 0;
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multilabelStatDef(
    {
      id: "classification/multilabel_specificity",
      meta: specificityMeta,
      fn,
      reduce: multilabelReduce(score(zd), options.numLabels, average),
      sampleScore: score(zd),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelSpecificityDef}. */
export function multilabelSpecificity<A extends Average = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelSpecificityOptions<A>,
): Averaged<A> {
  return runOnce(multilabelSpecificityDef(options), preds, target);
}
