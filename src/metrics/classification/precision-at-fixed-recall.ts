import type { NumericArray } from "../../core/coerce.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { BINARY_CURVE_OPTIONS, type BinaryCurveOptions, binaryCurveDef } from "./curve-defs.js";
import { type BinaryCurveState, precisionRecallCurve } from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import { lexArgmax, type OperatingPoint } from "./operating-point.js";
import { optRate } from "./options.js";
import type { BinaryArgs } from "./stat-scores.js";

/** Catalog entry of precision at fixed recall. */
export const precisionAtFixedRecallMeta = classificationEntry({
  id: "classification/precision_at_fixed_recall",
  title: "Precision at fixed recall",
  formula: "\\max_t \\{P(t) : R(t) \\ge r_{min}\\}",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryPrecisionAtFixedRecall"],
  implementation: "torchmetrics 1.9.0 binary_precision_at_fixed_recall",
  traits: ["operating-point"],
});

export interface PrecisionAtFixedRecallOptions extends BinaryCurveOptions {
  minRecall: number;
}

const OWN_OPTIONS = optionNames<Omit<PrecisionAtFixedRecallOptions, keyof BinaryCurveOptions>>()("minRecall");

/**
 * The highest precision among thresholds whose recall is at least `minRecall` (ties: higher
 * recall, then higher threshold); `{ value: 0, threshold: NaN }` when none qualifies. Matches
 * torchmetrics 1.9.0 `binary_precision_at_fixed_recall`.
 */
export function binaryPrecisionAtFixedRecallDef(
  options: PrecisionAtFixedRecallOptions,
): MetricDef<BinaryCurveState, BinaryArgs, OperatingPoint> {
  const fn = "binaryPrecisionAtFixedRecall";
  const o = readOptions<PrecisionAtFixedRecallOptions>(fn, options, [
    ...BINARY_CURVE_OPTIONS,
    ...OWN_OPTIONS,
  ]);
  const minRecall = optRate(fn, "minRecall", o.minRecall);
  return binaryCurveDef(
    {
      id: "classification/binary_precision_at_fixed_recall",
      meta: precisionAtFixedRecallMeta,
      fn,
      compute: (source) => {
        const { precision, recall, thresholds } = precisionRecallCurve(source);
        const rows: [number, number, number][] = [];
        for (let i = 0; i < thresholds.length; i++)
          if (recall[i]! >= minRecall) rows.push([precision[i]!, recall[i]!, thresholds[i]!]);
        let value = 0;
        let threshold = 0;
        if (rows.length > 0) [value, , threshold] = rows[lexArgmax(rows)]!;
        return { value, threshold: value === 0 ? Number.NaN : threshold };
      },
    },
    o,
  );
}
/** One-shot {@link binaryPrecisionAtFixedRecallDef}. */
export function binaryPrecisionAtFixedRecall(
  preds: NumericArray,
  target: NumericArray,
  options: PrecisionAtFixedRecallOptions,
): OperatingPoint {
  return runOnce(binaryPrecisionAtFixedRecallDef(options), preds, target);
}
