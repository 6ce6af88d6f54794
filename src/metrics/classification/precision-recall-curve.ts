import { macroPrecisionRecallCurve } from "./curve-average.js";
import {
  type BinaryCurveOptions,
  type CurveReduction,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
  perProblemCurve,
} from "./curve-defs.js";
import { type PrecisionRecallCurve, precisionRecallCurve as precisionRecallCurveOf } from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import type { ClassNamesOption } from "./stat-metric.js";

export type { PrecisionRecallCurve };

/** Catalog entry of the precision-recall curve. */
export const precisionRecallCurveMeta = classificationEntry({
  id: "classification/precision_recall_curve",
  title: "Precision-recall curve",
  formula: "(R(t), P(t)) = \\left(\\frac{TP(t)}{P}, \\frac{TP(t)}{TP(t)+FP(t)}\\right)",
  range: [0, 1],
  direction: "none",
  exports: ["binaryPrecisionRecallCurve", "multiclassPrecisionRecallCurve", "multilabelPrecisionRecallCurve"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_precision_recall_curve; scikit-learn 1.9.1 precision_recall_curve",
});

/** Multiclass precision-recall options (the per-class curves, or one averaged curve). */
export interface MulticlassPrecisionRecallCurveOptions extends MulticlassCurveOptions, ClassNamesOption {
  /** Default "none" (one curve per class); "micro" or "macro" average them into one curve. */
  average?: CurveReduction;
}

const precisionRecallCurveMetric = perProblemCurve<
  BinaryCurveOptions,
  MulticlassPrecisionRecallCurveOptions,
  MultilabelCurveOptions,
  PrecisionRecallCurve
>({
  concept: "precision_recall_curve",
  name: "PrecisionRecallCurve",
  meta: precisionRecallCurveMeta,
  options: [],
  parse: () => undefined,
  value: (source) => precisionRecallCurveOf(source),
  macro: (sources) => macroPrecisionRecallCurve(sources.map(precisionRecallCurveOf)),
});

/**
 * Binary precision-recall curve `{ precision, recall, thresholds }`, thresholds increasing,
 * precision ending at 1 and recall at 0: every distinct score (exact) or the given thresholds
 * (binned; 0/0 is NaN). Matches torchmetrics 1.9.0 `binary_precision_recall_curve` and sklearn
 * 1.9.1 `precision_recall_curve`. O(n) after sorting.
 */
export const binaryPrecisionRecallCurveDef = precisionRecallCurveMetric.binaryDef;
/** One-shot {@link binaryPrecisionRecallCurveDef}. */
export const binaryPrecisionRecallCurve = precisionRecallCurveMetric.binary;

/**
 * Multiclass precision-recall curves, one-vs-rest: one per class (default), or one averaged curve
 * with `average: "micro"` (the pooled one-hot problem) or `"macro"` (the classes' recall
 * interpolated at the union of their precisions), as torchmetrics 1.9.0
 * `multiclass_precision_recall_curve`.
 */
export const multiclassPrecisionRecallCurveDef = precisionRecallCurveMetric.multiclassDef;
/** One-shot {@link multiclassPrecisionRecallCurveDef}. */
export const multiclassPrecisionRecallCurve = precisionRecallCurveMetric.multiclass;

/** Multilabel precision-recall curves, one per label (torchmetrics 1.9.0 `multilabel_precision_recall_curve`). */
export const multilabelPrecisionRecallCurveDef = precisionRecallCurveMetric.multilabelDef;
/** One-shot {@link multilabelPrecisionRecallCurveDef}. */
export const multilabelPrecisionRecallCurve = precisionRecallCurveMetric.multilabel;

/** Task-dispatching precisionRecallCurve, as the torchmetrics 1.9.0 `precision_recall_curve` task wrapper (one per class for multiclass and multilabel). */
export const precisionRecallCurve = precisionRecallCurveMetric.task;
/** The def of {@link precisionRecallCurve}. */
export const precisionRecallCurveDef = precisionRecallCurveMetric.taskDef;
