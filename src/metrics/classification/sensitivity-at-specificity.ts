import type { NumericArray } from "../../core/coerce.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { type BinaryCurveOptions, binaryCurveDef } from "./curve-defs.js";
import { type BinaryCurveState, rocCurve } from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import { type OperatingPoint, optRate } from "./operating-point.js";
import type { BinaryArgs } from "./stat-scores.js";

/** Catalog entry of sensitivity at specificity. */
export const sensitivityAtSpecificityMeta = classificationEntry({
  id: "classification/sensitivity_at_specificity",
  title: "Sensitivity at specificity",
  formula: "\\max_t \\{TPR(t) : 1-FPR(t) \\ge s_{min}\\}",
  range: [0, 1],
  direction: "higher",
  exports: ["binarySensitivityAtSpecificity"],
  implementation: "torchmetrics 1.9.0 binary_sensitivity_at_specificity",
  traits: ["operating-point"],
});

export interface SensitivityAtSpecificityOptions extends BinaryCurveOptions {
  minSpecificity: number;
}

/**
 * The highest sensitivity (TPR) on the ROC curve among points with specificity at least
 * `minSpecificity`, and its threshold (first such point); `{ value: 0, threshold: 1e6 }` when
 * none qualifies. Matches torchmetrics 1.9.0 `binary_sensitivity_at_specificity`.
 */
export function binarySensitivityAtSpecificityDef(
  options: SensitivityAtSpecificityOptions,
): MetricDef<BinaryCurveState, BinaryArgs, OperatingPoint> {
  const fn = "binarySensitivityAtSpecificity";
  const min = optRate(options.minSpecificity, fn, "minSpecificity");
  return binaryCurveDef(
    {
      id: "classification/binary_sensitivity_at_specificity",
      meta: sensitivityAtSpecificityMeta,
      fn,
      compute: (source) => {
        const { fpr, tpr, thresholds } = rocCurve(source, "torchmetrics", false);
        let best = -1;
        for (let i = 0; i < tpr.length; i++)
          if (1 - fpr[i]! >= min && (best < 0 || tpr[i]! > tpr[best]!)) best = i;
        return best < 0 ? { value: 0, threshold: 1e6 } : { value: tpr[best]!, threshold: thresholds[best]! };
      },
    },
    { ...options },
  );
}
/** One-shot {@link binarySensitivityAtSpecificityDef}. */
export function binarySensitivityAtSpecificity(
  preds: NumericArray,
  target: NumericArray,
  options: SensitivityAtSpecificityOptions,
): OperatingPoint {
  return runOnce(binarySensitivityAtSpecificityDef(options), preds, target);
}
