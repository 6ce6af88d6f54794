import type { MetricMeta } from "../../metric.js";
import { macroPrecisionRecallCurve } from "./curve-average.js";
import type { BinaryCurveOptions, MulticlassCurveOptions, MultilabelCurveOptions } from "./curve-defs.js";
import { type PrecisionRecallCurve, precisionRecallCurve as precisionRecallCurveOf } from "./curve-state.js";
import {
  type CurveReduction,
  type PerProblemCurveSpec,
  perProblemBinary,
  perProblemBinaryDef,
  perProblemMulticlass,
  perProblemMulticlassDef,
  perProblemMultilabel,
  perProblemMultilabelDef,
} from "./per-problem-curve.js";
import type { ClassNamesOption } from "./stat-metric.js";
import { type PerClassTask, type PerClassTaskDef, taskDef, taskFunction } from "./task.js";

export type { PrecisionRecallCurve };

export const precisionRecallCurveMeta: MetricMeta = {
  id: "classification/precision_recall_curve",
  range: [0, 1],
  direction: "none",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

/** Multiclass precision-recall options (the per-class curves, or one averaged curve). */
export interface MulticlassPrecisionRecallCurveOptions extends MulticlassCurveOptions, ClassNamesOption {
  /** Default "none" (one curve per class); "micro" or "macro" average them into one curve. */
  average?: CurveReduction;
}

const precisionRecallCurveSpec: PerProblemCurveSpec<
  undefined,
  PrecisionRecallCurve,
  BinaryCurveOptions,
  MulticlassPrecisionRecallCurveOptions,
  MultilabelCurveOptions
> = {
  concept: "precision_recall_curve",
  name: "PrecisionRecallCurve",
  options: [],
  parse: () => undefined,
  value: (source) => precisionRecallCurveOf(source),
  macro: (sources) => macroPrecisionRecallCurve(sources.map(precisionRecallCurveOf)),
};

/**
 * Binary precision-recall curve `{ precision, recall, thresholds }`, thresholds increasing,
 * precision ending at 1 and recall at 0: every distinct score (exact) or the given thresholds
 * (binned; 0/0 is NaN). Matches torchmetrics 1.9.0 `binary_precision_recall_curve` and sklearn
 * 1.9.1 `precision_recall_curve`. O(n) after sorting.
 */
export const binaryPrecisionRecallCurveDef = /* @__PURE__ */ perProblemBinaryDef(
  precisionRecallCurveSpec,
  precisionRecallCurveMeta,
);
/** One-shot {@link binaryPrecisionRecallCurveDef}. */
export const binaryPrecisionRecallCurve = /* @__PURE__ */ perProblemBinary(precisionRecallCurveSpec);

/**
 * Multiclass precision-recall curves, one-vs-rest: one per class (default), or one averaged curve
 * with `average: "micro"` (the pooled one-hot problem) or `"macro"` (the classes' recall
 * interpolated at the union of their precisions), as torchmetrics 1.9.0
 * `multiclass_precision_recall_curve`.
 */
export const multiclassPrecisionRecallCurveDef = /* @__PURE__ */ perProblemMulticlassDef(
  precisionRecallCurveSpec,
  precisionRecallCurveMeta,
);
/** One-shot {@link multiclassPrecisionRecallCurveDef}. */
export const multiclassPrecisionRecallCurve = /* @__PURE__ */ perProblemMulticlass(precisionRecallCurveSpec);

/** Multilabel precision-recall curves, one per label (torchmetrics 1.9.0 `multilabel_precision_recall_curve`). */
export const multilabelPrecisionRecallCurveDef = /* @__PURE__ */ perProblemMultilabelDef(
  precisionRecallCurveSpec,
  precisionRecallCurveMeta,
);
/** One-shot {@link multilabelPrecisionRecallCurveDef}. */
export const multilabelPrecisionRecallCurve = /* @__PURE__ */ perProblemMultilabel(precisionRecallCurveSpec);

/** Task-dispatching precisionRecallCurve, as the torchmetrics 1.9.0 `precision_recall_curve` task wrapper (one per class for multiclass and multilabel). */
export const precisionRecallCurve = /* @__PURE__ */ taskFunction("precisionRecallCurve", {
  binary: binaryPrecisionRecallCurve,
  multiclass: multiclassPrecisionRecallCurve,
  multilabel: multilabelPrecisionRecallCurve,
}) as PerClassTask<
  BinaryCurveOptions,
  MulticlassPrecisionRecallCurveOptions,
  MultilabelCurveOptions,
  PrecisionRecallCurve
>;
/** The def of {@link precisionRecallCurve}. */
export const precisionRecallCurveDef = /* @__PURE__ */ taskDef("precisionRecallCurve", {
  binary: binaryPrecisionRecallCurveDef,
  multiclass: multiclassPrecisionRecallCurveDef,
  multilabel: multilabelPrecisionRecallCurveDef,
}) as PerClassTaskDef<
  BinaryCurveOptions,
  MulticlassPrecisionRecallCurveOptions,
  MultilabelCurveOptions,
  PrecisionRecallCurve
>;
