import type { NumericArray } from "../../core/coerce.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { BINARY_CURVE_OPTIONS, type BinaryCurveOptions, binaryCurveDef } from "./curve-defs.js";
import { type BinaryCurveState, rocCurve } from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import type { OperatingPoint } from "./operating-point.js";
import { optRate } from "./options.js";
import type { BinaryArgs } from "./stat-scores.js";

/** Catalog entry of specificity at sensitivity. */
export const specificityAtSensitivityMeta = classificationEntry({
  id: "classification/specificity_at_sensitivity",
  title: "Specificity at sensitivity",
  formula: "\\max_t \\{1-FPR(t) : TPR(t) \\ge s_{min}\\}",
  range: [0, 1],
  direction: "higher",
  exports: ["binarySpecificityAtSensitivity"],
  implementation: "torchmetrics 1.9.0 binary_specificity_at_sensitivity",
  traits: ["operating-point"],
});

export interface SpecificityAtSensitivityOptions extends BinaryCurveOptions {
  minSensitivity: number;
}

const OWN_OPTIONS =
  optionNames<Omit<SpecificityAtSensitivityOptions, keyof BinaryCurveOptions>>()("minSensitivity");

/**
 * The highest specificity (1 - FPR) on the ROC curve among points with sensitivity (TPR) at
 * least `minSensitivity`, and its threshold (first such point in decreasing-threshold order);
 * `{ value: 0, threshold: 1e6 }` when none qualifies. Matches torchmetrics 1.9.0
 * `binary_specificity_at_sensitivity`.
 */
export function binarySpecificityAtSensitivityDef(
  options: SpecificityAtSensitivityOptions,
): MetricDef<BinaryCurveState, BinaryArgs, OperatingPoint> {
  const fn = "binarySpecificityAtSensitivity";
  const o = readOptions<SpecificityAtSensitivityOptions>(fn, options, [
    ...BINARY_CURVE_OPTIONS,
    ...OWN_OPTIONS,
  ]);
  const min = optRate(fn, "minSensitivity", o.minSensitivity);
  return binaryCurveDef(
    {
      id: "classification/binary_specificity_at_sensitivity",
      meta: specificityAtSensitivityMeta,
      fn,
      compute: (source) => {
        const { fpr, tpr, thresholds } = rocCurve(source, "torchmetrics", false);
        let best = -1;
        for (let i = 0; i < tpr.length; i++)
          if (tpr[i]! >= min && (best < 0 || 1 - fpr[i]! > 1 - fpr[best]!)) best = i;
        return best < 0
          ? { value: 0, threshold: 1e6 }
          : { value: 1 - fpr[best]!, threshold: thresholds[best]! };
      },
    },
    o,
  );
}
/** One-shot {@link binarySpecificityAtSensitivityDef}. */
export function binarySpecificityAtSensitivity(
  preds: NumericArray,
  target: NumericArray,
  options: SpecificityAtSensitivityOptions,
): OperatingPoint {
  return runOnce(binarySpecificityAtSensitivityDef(options), preds, target);
}
