import {
  type BinaryCurveOptions,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
  perProblemCurve,
} from "./curve-defs.js";
import { type CurveSource, rocCurve } from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import type { OperatingPoint } from "./operating-point.js";
import { optRate } from "./options.js";

/** Catalog entry of sensitivity at specificity. */
export const sensitivityAtSpecificityMeta = classificationEntry({
  id: "classification/sensitivity_at_specificity",
  title: "Sensitivity at specificity",
  formula: "\\max_t \\{TPR(t) : 1-FPR(t) \\ge s_{min}\\}",
  range: [0, 1],
  direction: "higher",
  exports: [
    "binarySensitivityAtSpecificity",
    "multiclassSensitivityAtSpecificity",
    "multilabelSensitivityAtSpecificity",
  ],
  implementation: "torchmetrics 1.9.0 binary_sensitivity_at_specificity",
  traits: ["operating-point"],
});

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

const metric = perProblemCurve<
  BinarySensitivityAtSpecificityOptions,
  MulticlassSensitivityAtSpecificityOptions,
  MultilabelSensitivityAtSpecificityOptions,
  OperatingPoint,
  number
>({
  concept: "sensitivity_at_specificity",
  name: "SensitivityAtSpecificity",
  meta: sensitivityAtSpecificityMeta,
  options: ["minSpecificity"],
  parse: (options, fn) => optRate(fn, "minSpecificity", options.minSpecificity),
  value: sensitivityAtSpecificityOf,
});

/**
 * The highest sensitivity (TPR) on the ROC curve among points with specificity at least
 * `minSpecificity`, and its threshold (first such point); `{ value: 0, threshold: 1e6 }` when
 * none qualifies. Matches torchmetrics 1.9.0 `binary_sensitivity_at_specificity`.
 */
export const binarySensitivityAtSpecificityDef = metric.binaryDef;
/** One-shot {@link binarySensitivityAtSpecificityDef}. */
export const binarySensitivityAtSpecificity = metric.binary;
/** Multiclass sensitivityAtSpecificity one-vs-rest: one operating point per class (torchmetrics 1.9.0 `multiclass_sensitivity_at_specificity`). */
export const multiclassSensitivityAtSpecificityDef = metric.multiclassDef;
/** One-shot {@link multiclassSensitivityAtSpecificityDef}. */
export const multiclassSensitivityAtSpecificity = metric.multiclass;
/** Multilabel sensitivityAtSpecificity: one operating point per label (torchmetrics 1.9.0 `multilabel_sensitivity_at_specificity`). */
export const multilabelSensitivityAtSpecificityDef = metric.multilabelDef;
/** One-shot {@link multilabelSensitivityAtSpecificityDef}. */
export const multilabelSensitivityAtSpecificity = metric.multilabel;

/** Task-dispatching sensitivityAtSpecificity, as the torchmetrics 1.9.0 `sensitivity_at_specificity` task wrapper. */
export const sensitivityAtSpecificity = metric.task;
/** The def of {@link sensitivityAtSpecificity}. */
export const sensitivityAtSpecificityDef = metric.taskDef;
