import type { NumericArray } from "../../core/coerce.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { BINARY_CURVE_OPTIONS, type BinaryCurveOptions, binaryCurveDef } from "./curve-defs.js";
import { type BinaryCurveState, rocCurve } from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import type { OperatingPoint } from "./operating-point.js";
import { optRate } from "./options.js";
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

const OWN_OPTIONS =
  optionNames<Omit<SensitivityAtSpecificityOptions, keyof BinaryCurveOptions>>()("minSpecificity");

/**
 * The highest sensitivity (TPR) on the ROC curve among points with specificity at least
 * `minSpecificity`, and its threshold (first such point); `{ value: 0, threshold: 1e6 }` when
 * none qualifies. Matches torchmetrics 1.9.0 `binary_sensitivity_at_specificity`.
 */
export function binarySensitivityAtSpecificityDef(
  options: SensitivityAtSpecificityOptions,
): MetricDef<BinaryCurveState, BinaryArgs, OperatingPoint> {
  const fn = "binarySensitivityAtSpecificity";
  const o = readOptions<SensitivityAtSpecificityOptions>(fn, options, [
    ...BINARY_CURVE_OPTIONS,
    ...OWN_OPTIONS,
  ]);
  const min = optRate(fn, "minSpecificity", o.minSpecificity);
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
    o,
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
