import type { MetricMeta } from "../../metric.js";
import type { BinaryCurveOptions, MulticlassCurveOptions, MultilabelCurveOptions } from "./curve-defs.js";
import { type CurveSource, rocCurve } from "./curve-state.js";
import type { OperatingPoint } from "./operating-point.js";
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

export const specificityAtSensitivityMeta: MetricMeta = {
  id: "classification/specificity_at_sensitivity",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** The option of the operating point: minSensitivity in [0, 1]. */
export interface SpecificityAtSensitivityOptions {
  minSensitivity: number;
}
export interface BinarySpecificityAtSensitivityOptions
  extends BinaryCurveOptions,
    SpecificityAtSensitivityOptions {}
export interface MulticlassSpecificityAtSensitivityOptions
  extends MulticlassCurveOptions,
    SpecificityAtSensitivityOptions {}
export interface MultilabelSpecificityAtSensitivityOptions
  extends MultilabelCurveOptions,
    SpecificityAtSensitivityOptions {}

/** The operating point of one binary problem. */
function specificityAtSensitivityOf(source: CurveSource, min: number): OperatingPoint {
  const { fpr, tpr, thresholds } = rocCurve(source, "torchmetrics", false);
  let best = -1;
  for (let i = 0; i < tpr.length; i++)
    if (tpr[i]! >= min && (best < 0 || 1 - fpr[i]! > 1 - fpr[best]!)) best = i;
  return best < 0 ? { value: 0, threshold: 1e6 } : { value: 1 - fpr[best]!, threshold: thresholds[best]! };
}

const specificityAtSensitivitySpec: PerProblemCurveSpec<
  number,
  OperatingPoint,
  BinarySpecificityAtSensitivityOptions,
  MulticlassSpecificityAtSensitivityOptions,
  MultilabelSpecificityAtSensitivityOptions
> = {
  concept: "specificity_at_sensitivity",
  name: "SpecificityAtSensitivity",
  options: ["minSensitivity"],
  parse: (options, fn) => optRate(fn, "minSensitivity", options.minSensitivity),
  value: specificityAtSensitivityOf,
};

/**
 * The highest specificity (1 - FPR) on the ROC curve among points with sensitivity (TPR) at
 * least `minSensitivity`, and its threshold (first such point in decreasing-threshold order);
 * `{ value: 0, threshold: 1e6 }` when none qualifies. Matches torchmetrics 1.9.0
 * `binary_specificity_at_sensitivity`.
 */
export const binarySpecificityAtSensitivityDef = /* @__PURE__ */ perProblemBinaryDef(
  specificityAtSensitivitySpec,
  specificityAtSensitivityMeta,
);
/** One-shot {@link binarySpecificityAtSensitivityDef}. */
export const binarySpecificityAtSensitivity = /* @__PURE__ */ perProblemBinary(specificityAtSensitivitySpec);
/** Multiclass specificityAtSensitivity one-vs-rest: one operating point per class (torchmetrics 1.9.0 `multiclass_specificity_at_sensitivity`). */
export const multiclassSpecificityAtSensitivityDef = /* @__PURE__ */ perProblemMulticlassDef(
  specificityAtSensitivitySpec,
  specificityAtSensitivityMeta,
);
/** One-shot {@link multiclassSpecificityAtSensitivityDef}. */
export const multiclassSpecificityAtSensitivity = /* @__PURE__ */ perProblemMulticlass(
  specificityAtSensitivitySpec,
);
/** Multilabel specificityAtSensitivity: one operating point per label (torchmetrics 1.9.0 `multilabel_specificity_at_sensitivity`). */
export const multilabelSpecificityAtSensitivityDef = /* @__PURE__ */ perProblemMultilabelDef(
  specificityAtSensitivitySpec,
  specificityAtSensitivityMeta,
);
/** One-shot {@link multilabelSpecificityAtSensitivityDef}. */
export const multilabelSpecificityAtSensitivity = /* @__PURE__ */ perProblemMultilabel(
  specificityAtSensitivitySpec,
);

/** Task-dispatching specificityAtSensitivity, as the torchmetrics 1.9.0 `specificity_at_sensitivity` task wrapper. */
export const specificityAtSensitivity = /* @__PURE__ */ taskFunction("specificityAtSensitivity", {
  binary: binarySpecificityAtSensitivity,
  multiclass: multiclassSpecificityAtSensitivity,
  multilabel: multilabelSpecificityAtSensitivity,
}) as PerClassTask<
  BinarySpecificityAtSensitivityOptions,
  MulticlassSpecificityAtSensitivityOptions,
  MultilabelSpecificityAtSensitivityOptions,
  OperatingPoint
>;
/** The def of {@link specificityAtSensitivity}. */
export const specificityAtSensitivityDef = /* @__PURE__ */ taskDef("specificityAtSensitivity", {
  binary: binarySpecificityAtSensitivityDef,
  multiclass: multiclassSpecificityAtSensitivityDef,
  multilabel: multilabelSpecificityAtSensitivityDef,
}) as PerClassTaskDef<
  BinarySpecificityAtSensitivityOptions,
  MulticlassSpecificityAtSensitivityOptions,
  MultilabelSpecificityAtSensitivityOptions,
  OperatingPoint
>;
