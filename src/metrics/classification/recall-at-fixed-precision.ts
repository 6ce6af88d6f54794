import type { NumericArray } from "../../core/coerce.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { BINARY_CURVE_OPTIONS, type BinaryCurveOptions, binaryCurveDef } from "./curve-defs.js";
import { type BinaryCurveState, precisionRecallCurve } from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import { lexArgmax, type OperatingPoint } from "./operating-point.js";
import { optRate } from "./options.js";
import type { BinaryArgs } from "./stat-scores.js";

/** Catalog entry of recall at fixed precision. */
export const recallAtFixedPrecisionMeta = classificationEntry({
  id: "classification/recall_at_fixed_precision",
  title: "Recall at fixed precision",
  formula: "\\max_t \\{R(t) : P(t) \\ge p_{min}\\}",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryRecallAtFixedPrecision"],
  implementation: "torchmetrics 1.9.0 binary_recall_at_fixed_precision",
  traits: ["operating-point"],
});

export interface RecallAtFixedPrecisionOptions extends BinaryCurveOptions {
  minPrecision: number;
}

const OWN_OPTIONS =
  optionNames<Omit<RecallAtFixedPrecisionOptions, keyof BinaryCurveOptions>>()("minPrecision");

/**
 * The highest recall among thresholds whose precision is at least `minPrecision`, and that
 * threshold (ties: higher precision, then higher threshold); `{ value: 0, threshold: NaN }` when
 * none qualifies. Matches torchmetrics 1.9.0 `binary_recall_at_fixed_precision`.
 */
export function binaryRecallAtFixedPrecisionDef(
  options: RecallAtFixedPrecisionOptions,
): MetricDef<BinaryCurveState, BinaryArgs, OperatingPoint> {
  const fn = "binaryRecallAtFixedPrecision";
  const o = readOptions<RecallAtFixedPrecisionOptions>(fn, options, [
    ...BINARY_CURVE_OPTIONS,
    ...OWN_OPTIONS,
  ]);
  const minPrecision = optRate(fn, "minPrecision", o.minPrecision);
  return binaryCurveDef(
    {
      id: "classification/binary_recall_at_fixed_precision",
      meta: recallAtFixedPrecisionMeta,
      fn,
      compute: (source) => {
        const { precision, recall, thresholds } = precisionRecallCurve(source);
        const rows: [number, number, number][] = [];
        for (let i = 0; i < thresholds.length; i++)
          if (precision[i]! >= minPrecision) rows.push([recall[i]!, precision[i]!, thresholds[i]!]);
        let value = 0;
        let threshold = 0;
        if (rows.length > 0) [value, , threshold] = rows[lexArgmax(rows)]!;
        return { value, threshold: value === 0 ? Number.NaN : threshold };
      },
    },
    o,
  );
}
/** One-shot {@link binaryRecallAtFixedPrecisionDef}. */
export function binaryRecallAtFixedPrecision(
  preds: NumericArray,
  target: NumericArray,
  options: RecallAtFixedPrecisionOptions,
): OperatingPoint {
  return runOnce(binaryRecallAtFixedPrecisionDef(options), preds, target);
}
