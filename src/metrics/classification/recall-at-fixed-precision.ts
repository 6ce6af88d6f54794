import type { MetricMeta } from "../../metric.js";
import type { BinaryCurveOptions, MulticlassCurveOptions, MultilabelCurveOptions } from "./curve-defs.js";
import { type CurveSource, precisionRecallCurve } from "./curve-state.js";
import { lexArgmax, type OperatingPoint } from "./operating-point.js";
import { optRate } from "./options.js";
import {
  type PerProblemCurveSpec,
  perProblemBinary,
  perProblemBinaryDef,
  perProblemMulticlass,
  perProblemMulticlassDef,
  perProblemMultilabel,
  perProblemMultilabelDef,
} from "./per-problem-curve.js";
import { type PerClassTask, type PerClassTaskDef, taskDef, taskFunction } from "./task.js";

export const recallAtFixedPrecisionMeta: MetricMeta = {
  id: "classification/recall_at_fixed_precision",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** The option of the operating point: minPrecision in [0, 1]. */
export interface RecallAtFixedPrecisionOptions {
  minPrecision: number;
}
export interface BinaryRecallAtFixedPrecisionOptions
  extends BinaryCurveOptions,
    RecallAtFixedPrecisionOptions {}
export interface MulticlassRecallAtFixedPrecisionOptions
  extends MulticlassCurveOptions,
    RecallAtFixedPrecisionOptions {}
export interface MultilabelRecallAtFixedPrecisionOptions
  extends MultilabelCurveOptions,
    RecallAtFixedPrecisionOptions {}

/** The operating point of one binary problem. */
function recallAtFixedPrecisionOf(source: CurveSource, min: number): OperatingPoint {
  const { precision, recall, thresholds } = precisionRecallCurve(source);
  const rows: [number, number, number][] = [];
  for (let i = 0; i < thresholds.length; i++)
    if (precision[i]! >= min) rows.push([recall[i]!, precision[i]!, thresholds[i]!]);
  let value = 0;
  let threshold = 0;
  if (rows.length > 0) [value, , threshold] = rows[lexArgmax(rows)]!;
  return { value, threshold: value === 0 ? Number.NaN : threshold };
}

const recallAtFixedPrecisionSpec: PerProblemCurveSpec<
  number,
  OperatingPoint,
  BinaryRecallAtFixedPrecisionOptions,
  MulticlassRecallAtFixedPrecisionOptions,
  MultilabelRecallAtFixedPrecisionOptions
> = {
  concept: "recall_at_fixed_precision",
  name: "RecallAtFixedPrecision",
  options: ["minPrecision"],
  parse: (options, fn) => optRate(fn, "minPrecision", options.minPrecision),
  value: recallAtFixedPrecisionOf,
};

/**
 * The highest recall among thresholds whose precision is at least `minPrecision`, and that
 * threshold (ties: higher precision, then higher threshold); `{ value: 0, threshold: NaN }` when
 * none qualifies. Matches torchmetrics 1.9.0 `binary_recall_at_fixed_precision`.
 */
export const binaryRecallAtFixedPrecisionDef = /* @__PURE__ */ perProblemBinaryDef(
  recallAtFixedPrecisionSpec,
  recallAtFixedPrecisionMeta,
);
/** One-shot {@link binaryRecallAtFixedPrecisionDef}. */
export const binaryRecallAtFixedPrecision = /* @__PURE__ */ perProblemBinary(recallAtFixedPrecisionSpec);
/** Multiclass recallAtFixedPrecision one-vs-rest: one operating point per class (torchmetrics 1.9.0 `multiclass_recall_at_fixed_precision`). */
export const multiclassRecallAtFixedPrecisionDef = /* @__PURE__ */ perProblemMulticlassDef(
  recallAtFixedPrecisionSpec,
  recallAtFixedPrecisionMeta,
);
/** One-shot {@link multiclassRecallAtFixedPrecisionDef}. */
export const multiclassRecallAtFixedPrecision =
  /* @__PURE__ */ perProblemMulticlass(recallAtFixedPrecisionSpec);
/** Multilabel recallAtFixedPrecision: one operating point per label (torchmetrics 1.9.0 `multilabel_recall_at_fixed_precision`). */
export const multilabelRecallAtFixedPrecisionDef = /* @__PURE__ */ perProblemMultilabelDef(
  recallAtFixedPrecisionSpec,
  recallAtFixedPrecisionMeta,
);
/** One-shot {@link multilabelRecallAtFixedPrecisionDef}. */
export const multilabelRecallAtFixedPrecision =
  /* @__PURE__ */ perProblemMultilabel(recallAtFixedPrecisionSpec);

/** Task-dispatching recallAtFixedPrecision, as the torchmetrics 1.9.0 `recall_at_fixed_precision` task wrapper. */
export const recallAtFixedPrecision = /* @__PURE__ */ taskFunction("recallAtFixedPrecision", {
  binary: binaryRecallAtFixedPrecision,
  multiclass: multiclassRecallAtFixedPrecision,
  multilabel: multilabelRecallAtFixedPrecision,
}) as PerClassTask<
  BinaryRecallAtFixedPrecisionOptions,
  MulticlassRecallAtFixedPrecisionOptions,
  MultilabelRecallAtFixedPrecisionOptions,
  OperatingPoint
>;
/** The def of {@link recallAtFixedPrecision}. */
export const recallAtFixedPrecisionDef = /* @__PURE__ */ taskDef("recallAtFixedPrecision", {
  binary: binaryRecallAtFixedPrecisionDef,
  multiclass: multiclassRecallAtFixedPrecisionDef,
  multilabel: multilabelRecallAtFixedPrecisionDef,
}) as PerClassTaskDef<
  BinaryRecallAtFixedPrecisionOptions,
  MulticlassRecallAtFixedPrecisionOptions,
  MultilabelRecallAtFixedPrecisionOptions,
  OperatingPoint
>;
