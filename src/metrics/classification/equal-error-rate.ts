import type { NumericArray } from "../../core/coerce.js";
import { readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { BINARY_CURVE_OPTIONS, type BinaryCurveOptions, binaryCurveDef } from "./curve-defs.js";
import { type BinaryCurveState, rocCurve } from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import type { BinaryArgs } from "./stat-scores.js";

/** Catalog entry of the equal error rate. */
export const equalErrorRateMeta = classificationEntry({
  id: "classification/equal_error_rate",
  title: "Equal error rate (EER)",
  formula: "\\tfrac12 (FPR(t^*) + FNR(t^*)),\\ t^* = \\arg\\min_t |FPR(t) - FNR(t)|",
  range: [0, 1],
  direction: "lower",
  exports: ["binaryEqualErrorRate"],
  implementation: "torchmetrics 1.9.0 binary_eer",
  robustness: ["used in verification (face, speaker); a single operating point"],
  traits: ["operating-point", "verification"],
});

/**
 * Equal error rate: on the ROC curve, the point where FPR and FNR = 1 - TPR are closest (first
 * such point), reported as their mean. Matches torchmetrics 1.9.0 `binary_eer`.
 */
export function binaryEqualErrorRateDef(
  options: BinaryCurveOptions = {},
): MetricDef<BinaryCurveState, BinaryArgs, number> {
  return binaryCurveDef(
    {
      id: "classification/binary_equal_error_rate",
      meta: equalErrorRateMeta,
      fn: "binaryEqualErrorRate",
      compute: (source) => {
        const { fpr, tpr } = rocCurve(source, "torchmetrics", false);
        let best = 0;
        for (let i = 1; i < fpr.length; i++)
          if (Math.abs(fpr[i]! - (1 - tpr[i]!)) < Math.abs(fpr[best]! - (1 - tpr[best]!))) best = i;
        return (fpr[best]! + (1 - tpr[best]!)) / 2;
      },
    },
    readOptions("binaryEqualErrorRate", options, BINARY_CURVE_OPTIONS),
  );
}
/** One-shot {@link binaryEqualErrorRateDef}. */
export function binaryEqualErrorRate(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryCurveOptions = {},
): number {
  return runOnce(binaryEqualErrorRateDef(options), preds, target);
}
