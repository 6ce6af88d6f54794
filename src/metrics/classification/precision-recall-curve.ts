import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { type MetricDef, runOnce } from "../../metric.js";
import {
  type BinaryCurveOptions,
  binaryCurveDef,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
  multiclassCurveDef,
  multilabelCurveDef,
} from "./curve-defs.js";
import {
  type BinaryCurveState,
  type MulticlassCurveState,
  type MultilabelCurveState,
  multiclassSources,
  multilabelSources,
  type PrecisionRecallCurve,
  precisionRecallCurve,
} from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-scores.js";

export type { PrecisionRecallCurve };

/** Catalog entry of the ROC curve. */
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

/**
 * Binary precision-recall curve `{ precision, recall, thresholds }`, thresholds increasing,
 * precision ending at 1 and recall at 0: every distinct score (exact) or the given thresholds
 * (binned; 0/0 is NaN). Matches torchmetrics 1.9.0 `binary_precision_recall_curve` and sklearn
 * 1.9.1 `precision_recall_curve`. O(n) after sorting.
 */
export function binaryPrecisionRecallCurveDef(
  options: BinaryCurveOptions = {},
): MetricDef<BinaryCurveState, BinaryArgs, PrecisionRecallCurve> {
  return binaryCurveDef(
    {
      id: "classification/binary_precision_recall_curve",
      meta: precisionRecallCurveMeta,
      fn: "binaryPrecisionRecallCurve",
      compute: (s) => precisionRecallCurve(s),
    },
    { ...options },
  );
}
/** One-shot {@link binaryPrecisionRecallCurveDef}. */
export function binaryPrecisionRecallCurve(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryCurveOptions = {},
): PrecisionRecallCurve {
  return runOnce(binaryPrecisionRecallCurveDef(options), preds, target);
}

/** Multiclass precision-recall curves, one-vs-rest, one per class (torchmetrics 1.9.0 `multiclass_precision_recall_curve`). */
export function multiclassPrecisionRecallCurveDef(
  options: MulticlassCurveOptions,
): MetricDef<MulticlassCurveState, MulticlassArgs, PrecisionRecallCurve[]> {
  return multiclassCurveDef(
    {
      id: "classification/multiclass_precision_recall_curve",
      meta: precisionRecallCurveMeta,
      fn: "multiclassPrecisionRecallCurve",
      compute: ({ state, thresholds, classes }) =>
        multiclassSources(state, thresholds, classes).map((s) => precisionRecallCurve(s)),
    },
    { ...options },
  );
}
/** One-shot {@link multiclassPrecisionRecallCurveDef}. */
export function multiclassPrecisionRecallCurve(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassCurveOptions,
): PrecisionRecallCurve[] {
  return runOnce(multiclassPrecisionRecallCurveDef(options), preds, target);
}

/** Multilabel precision-recall curves, one per label (torchmetrics 1.9.0 `multilabel_precision_recall_curve`). */
export function multilabelPrecisionRecallCurveDef(
  options: MultilabelCurveOptions,
): MetricDef<MultilabelCurveState, MultilabelArgs, PrecisionRecallCurve[]> {
  return multilabelCurveDef(
    {
      id: "classification/multilabel_precision_recall_curve",
      meta: precisionRecallCurveMeta,
      fn: "multilabelPrecisionRecallCurve",
      compute: ({ state, thresholds, classes }) =>
        multilabelSources(state, thresholds, classes).map((s) => precisionRecallCurve(s)),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelPrecisionRecallCurveDef}. */
export function multilabelPrecisionRecallCurve(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelCurveOptions,
): PrecisionRecallCurve[] {
  return runOnce(multilabelPrecisionRecallCurveDef(options), preds, target);
}
