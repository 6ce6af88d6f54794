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

export const sensitivityAtSpecificityMeta: MetricMeta = {
  id: "classification/sensitivity_at_specificity",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** The option of the operating point: minSpecificity in [0, 1]. */
export interface SensitivityAtSpecificityOptions {
  minSpecificity: number;
}
export interface BinarySensitivityAtSpecificityOptions
  extends BinaryCurveOptions,
    SensitivityAtSpecificityOptions {}
export interface MulticlassSensitivityAtSpecificityOptions
  extends MulticlassCurveOptions,
    SensitivityAtSpecificityOptions {}
export interface MultilabelSensitivityAtSpecificityOptions
  extends MultilabelCurveOptions,
    SensitivityAtSpecificityOptions {}

/** The operating point of one binary problem. */
function sensitivityAtSpecificityOf(source: CurveSource, min: number): OperatingPoint {
  const { fpr, tpr, thresholds } = rocCurve(source, "torchmetrics", false);
  let best = -1;
  for (let i = 0; i < tpr.length; i++) if (1 - fpr[i]! >= min && (best < 0 || tpr[i]! > tpr[best]!)) best = i;
  return best < 0 ? { value: 0, threshold: 1e6 } : { value: tpr[best]!, threshold: thresholds[best]! };
}

const sensitivityAtSpecificitySpec: PerProblemCurveSpec<
  number,
  OperatingPoint,
  BinarySensitivityAtSpecificityOptions,
  MulticlassSensitivityAtSpecificityOptions,
  MultilabelSensitivityAtSpecificityOptions
> = {
  concept: "sensitivity_at_specificity",
  name: "SensitivityAtSpecificity",
  options: ["minSpecificity"],
  parse: (options, fn) => optRate(fn, "minSpecificity", options.minSpecificity),
  value: sensitivityAtSpecificityOf,
};

/**
 * The highest sensitivity (TPR) on the ROC curve among points with specificity at least
 * `minSpecificity`, and its threshold (first such point); `{ value: 0, threshold: 1e6 }` when
 * none qualifies. Matches torchmetrics 1.9.0 `binary_sensitivity_at_specificity`.
 */
export const binarySensitivityAtSpecificityDef = /* @__PURE__ */ perProblemBinaryDef(
  sensitivityAtSpecificitySpec,
  sensitivityAtSpecificityMeta,
);
/** One-shot {@link binarySensitivityAtSpecificityDef}. */
export const binarySensitivityAtSpecificity = /* @__PURE__ */ perProblemBinary(sensitivityAtSpecificitySpec);
/** Multiclass sensitivityAtSpecificity one-vs-rest: one operating point per class (torchmetrics 1.9.0 `multiclass_sensitivity_at_specificity`). */
export const multiclassSensitivityAtSpecificityDef = /* @__PURE__ */ perProblemMulticlassDef(
  sensitivityAtSpecificitySpec,
  sensitivityAtSpecificityMeta,
);
/** One-shot {@link multiclassSensitivityAtSpecificityDef}. */
export const multiclassSensitivityAtSpecificity = /* @__PURE__ */ perProblemMulticlass(
  sensitivityAtSpecificitySpec,
);
/** Multilabel sensitivityAtSpecificity: one operating point per label (torchmetrics 1.9.0 `multilabel_sensitivity_at_specificity`). */
export const multilabelSensitivityAtSpecificityDef = /* @__PURE__ */ perProblemMultilabelDef(
  sensitivityAtSpecificitySpec,
  sensitivityAtSpecificityMeta,
);
/** One-shot {@link multilabelSensitivityAtSpecificityDef}. */
export const multilabelSensitivityAtSpecificity = /* @__PURE__ */ perProblemMultilabel(
  sensitivityAtSpecificitySpec,
);

/** Task-dispatching sensitivityAtSpecificity, as the torchmetrics 1.9.0 `sensitivity_at_specificity` task wrapper. */
export const sensitivityAtSpecificity = /* @__PURE__ */ taskFunction("sensitivityAtSpecificity", {
  binary: binarySensitivityAtSpecificity,
  multiclass: multiclassSensitivityAtSpecificity,
  multilabel: multilabelSensitivityAtSpecificity,
}) as PerClassTask<
  BinarySensitivityAtSpecificityOptions,
  MulticlassSensitivityAtSpecificityOptions,
  MultilabelSensitivityAtSpecificityOptions,
  OperatingPoint
>;
/** The def of {@link sensitivityAtSpecificity}. */
export const sensitivityAtSpecificityDef = /* @__PURE__ */ taskDef("sensitivityAtSpecificity", {
  binary: binarySensitivityAtSpecificityDef,
  multiclass: multiclassSensitivityAtSpecificityDef,
  multilabel: multilabelSensitivityAtSpecificityDef,
}) as PerClassTaskDef<
  BinarySensitivityAtSpecificityOptions,
  MulticlassSensitivityAtSpecificityOptions,
  MultilabelSensitivityAtSpecificityOptions,
  OperatingPoint
>;
