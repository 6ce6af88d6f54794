import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import {
  averagedCurve,
  BINARY_CURVE_OPTIONS,
  type BinaryCurveOptions,
  binaryCurveDef,
  MULTICLASS_CURVE_OPTIONS,
  MULTILABEL_CURVE_OPTIONS,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
  multiclassCurveDef,
  multilabelCurveDef,
} from "./curve-defs.js";
import {
  averagePrecisionOf,
  type BinaryCurveState,
  type MulticlassCurveState,
  type MultilabelCurveState,
} from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import { optOneOf } from "./options.js";
import type { Averaged, BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-scores.js";

/** Catalog entry of average precision. */
export const averagePrecisionMeta = classificationEntry({
  id: "classification/average_precision",
  title: "Average precision (area under the precision-recall curve, step-wise)",
  formula: "AP=\\sum_k (R_k-R_{k-1})P_k",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryAveragePrecision", "multiclassAveragePrecision", "multilabelAveragePrecision"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_average_precision; scikit-learn 1.9.1 average_precision_score",
  robustness: [
    "focuses on the positive class: informative under heavy imbalance, where AUROC looks optimistic",
  ],
  traits: ["ranking", "imbalanced", "probabilistic"],
});

export type AveragePrecisionAverage = "macro" | "weighted" | "micro" | "none";

/**
 * Binary average precision, sum_k (R_k - R_{k-1}) P_k over the distinct score thresholds
 * (no interpolation; ties share a threshold). Exact by default, binned with `thresholds`.
 * Matches torchmetrics 1.9.0 `binary_average_precision` and sklearn 1.9.1
 * `average_precision_score`; with no positive sample the result is 0, as both. O(n) after a
 * radix sort of float32 scores (O(n log n) otherwise).
 */
export function binaryAveragePrecisionDef(
  options: BinaryCurveOptions = {},
): MetricDef<BinaryCurveState, BinaryArgs, number> {
  return binaryCurveDef(
    {
      id: "classification/binary_average_precision",
      meta: averagePrecisionMeta,
      fn: "binaryAveragePrecision",
      compute: (source) => averagePrecisionOf(source, 0),
    },
    readOptions("binaryAveragePrecision", options, BINARY_CURVE_OPTIONS),
  );
}
/** One-shot {@link binaryAveragePrecisionDef}. */
export function binaryAveragePrecision(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryCurveOptions = {},
): number {
  return runOnce(binaryAveragePrecisionDef(options), preds, target);
}

export interface MulticlassAveragePrecisionOptions<
  A extends AveragePrecisionAverage = AveragePrecisionAverage,
> extends MulticlassCurveOptions {
  /** Default "macro" (classes without samples are NaN and left out); "weighted" by class frequency. */
  average?: A;
}

/** Multiclass average precision, one-vs-rest per class, averaged as torchmetrics 1.9.0 `multiclass_average_precision`. */
export function multiclassAveragePrecisionDef<A extends AveragePrecisionAverage = "macro">(
  options: MulticlassAveragePrecisionOptions<A>,
): MetricDef<MulticlassCurveState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassAveragePrecision";
  const o = readOptions(fn, options, [...MULTICLASS_CURVE_OPTIONS, "average"]);
  const average = optOneOf(fn, "average", o.average, ["macro", "weighted", "micro", "none"], "macro");
  return multiclassCurveDef(
    {
      id: "classification/multiclass_average_precision",
      meta: averagePrecisionMeta,
      fn,
      compute: (context) =>
        averagedCurve(context, "multiclass", average, (s) => averagePrecisionOf(s, Number.NaN), {
          microValue: (s) => averagePrecisionOf(s, 0),
        }) as Averaged<A>,
    },
    o,
  );
}
/** One-shot {@link multiclassAveragePrecisionDef}. */
export function multiclassAveragePrecision<A extends AveragePrecisionAverage = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassAveragePrecisionOptions<A>,
): Averaged<A> {
  return runOnce(multiclassAveragePrecisionDef(options), preds, target);
}

export interface MultilabelAveragePrecisionOptions<
  A extends AveragePrecisionAverage = AveragePrecisionAverage,
> extends MultilabelCurveOptions {
  /** Default "macro" (a label without positives scores 0, as torchmetrics). */
  average?: A;
}

/** Multilabel average precision per label, averaged as torchmetrics 1.9.0 `multilabel_average_precision` (sklearn 1.9.1 on indicator targets). */
export function multilabelAveragePrecisionDef<A extends AveragePrecisionAverage = "macro">(
  options: MultilabelAveragePrecisionOptions<A>,
): MetricDef<MultilabelCurveState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelAveragePrecision";
  const o = readOptions(fn, options, [...MULTILABEL_CURVE_OPTIONS, "average"]);
  const average = optOneOf(fn, "average", o.average, ["macro", "weighted", "micro", "none"], "macro");
  return multilabelCurveDef(
    {
      id: "classification/multilabel_average_precision",
      meta: averagePrecisionMeta,
      fn,
      compute: (context) =>
        averagedCurve(context, "multilabel", average, (s) => averagePrecisionOf(s, 0)) as Averaged<A>,
    },
    o,
  );
}
/** One-shot {@link multilabelAveragePrecisionDef}. */
export function multilabelAveragePrecision<A extends AveragePrecisionAverage = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelAveragePrecisionOptions<A>,
): Averaged<A> {
  return runOnce(multilabelAveragePrecisionDef(options), preds, target);
}
