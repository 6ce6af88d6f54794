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

export const precisionAtFixedRecallMeta: MetricMeta = {
  id: "classification/precision_at_fixed_recall",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** The option of the operating point: minRecall in [0, 1]. */
export interface PrecisionAtFixedRecallOptions {
  minRecall: number;
}
export interface BinaryPrecisionAtFixedRecallOptions
  extends BinaryCurveOptions,
    PrecisionAtFixedRecallOptions {}
export interface MulticlassPrecisionAtFixedRecallOptions
  extends MulticlassCurveOptions,
    PrecisionAtFixedRecallOptions {}
export interface MultilabelPrecisionAtFixedRecallOptions
  extends MultilabelCurveOptions,
    PrecisionAtFixedRecallOptions {}

/** The operating point of one binary problem. */
function precisionAtFixedRecallOf(source: CurveSource, min: number): OperatingPoint {
  const { precision, recall, thresholds } = precisionRecallCurve(source);
  const rows: [number, number, number][] = [];
  for (let i = 0; i < thresholds.length; i++)
    if (recall[i]! >= min) rows.push([precision[i]!, recall[i]!, thresholds[i]!]);
  let value = 0;
  let threshold = 0;
  if (rows.length > 0) [value, , threshold] = rows[lexArgmax(rows)]!;
  return { value, threshold: value === 0 ? Number.NaN : threshold };
}

const precisionAtFixedRecallSpec: PerProblemCurveSpec<
  number,
  OperatingPoint,
  BinaryPrecisionAtFixedRecallOptions,
  MulticlassPrecisionAtFixedRecallOptions,
  MultilabelPrecisionAtFixedRecallOptions
> = {
  concept: "precision_at_fixed_recall",
  name: "PrecisionAtFixedRecall",
  options: ["minRecall"],
  parse: (options, fn) => optRate(fn, "minRecall", options.minRecall),
  value: precisionAtFixedRecallOf,
};

/**
 * The highest precision among thresholds whose recall is at least `minRecall` (ties: higher
 * recall, then higher threshold); `{ value: 0, threshold: NaN }` when none qualifies. Matches
 * torchmetrics 1.9.0 `binary_precision_at_fixed_recall`.
 */
export const binaryPrecisionAtFixedRecallDef = /* @__PURE__ */ perProblemBinaryDef(
  precisionAtFixedRecallSpec,
  precisionAtFixedRecallMeta,
);
/** One-shot {@link binaryPrecisionAtFixedRecallDef}. */
export const binaryPrecisionAtFixedRecall = /* @__PURE__ */ perProblemBinary(precisionAtFixedRecallSpec);
/** Multiclass precisionAtFixedRecall one-vs-rest: one operating point per class (torchmetrics 1.9.0 `multiclass_precision_at_fixed_recall`). */
export const multiclassPrecisionAtFixedRecallDef = /* @__PURE__ */ perProblemMulticlassDef(
  precisionAtFixedRecallSpec,
  precisionAtFixedRecallMeta,
);
/** One-shot {@link multiclassPrecisionAtFixedRecallDef}. */
export const multiclassPrecisionAtFixedRecall =
  /* @__PURE__ */ perProblemMulticlass(precisionAtFixedRecallSpec);
/** Multilabel precisionAtFixedRecall: one operating point per label (torchmetrics 1.9.0 `multilabel_precision_at_fixed_recall`). */
export const multilabelPrecisionAtFixedRecallDef = /* @__PURE__ */ perProblemMultilabelDef(
  precisionAtFixedRecallSpec,
  precisionAtFixedRecallMeta,
);
/** One-shot {@link multilabelPrecisionAtFixedRecallDef}. */
export const multilabelPrecisionAtFixedRecall =
  /* @__PURE__ */ perProblemMultilabel(precisionAtFixedRecallSpec);

/** Task-dispatching precisionAtFixedRecall, as the torchmetrics 1.9.0 `precision_at_fixed_recall` task wrapper. */
export const precisionAtFixedRecall = /* @__PURE__ */ taskFunction("precisionAtFixedRecall", {
  binary: binaryPrecisionAtFixedRecall,
  multiclass: multiclassPrecisionAtFixedRecall,
  multilabel: multilabelPrecisionAtFixedRecall,
}) as PerClassTask<
  BinaryPrecisionAtFixedRecallOptions,
  MulticlassPrecisionAtFixedRecallOptions,
  MultilabelPrecisionAtFixedRecallOptions,
  OperatingPoint
>;
/** The def of {@link precisionAtFixedRecall}. */
export const precisionAtFixedRecallDef = /* @__PURE__ */ taskDef("precisionAtFixedRecall", {
  binary: binaryPrecisionAtFixedRecallDef,
  multiclass: multiclassPrecisionAtFixedRecallDef,
  multilabel: multilabelPrecisionAtFixedRecallDef,
}) as PerClassTaskDef<
  BinaryPrecisionAtFixedRecallOptions,
  MulticlassPrecisionAtFixedRecallOptions,
  MultilabelPrecisionAtFixedRecallOptions,
  OperatingPoint
>;
