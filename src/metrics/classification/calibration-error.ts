import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import {
  binaryConfidence,
  binsOption,
  type CalibrationState,
  calibrationDef,
  multiclassConfidence,
  torchmetricsBinning,
} from "./calibration-bins.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runMulticlassOneShot, runOneShot } from "./one-shot.js";
import { optOneOf } from "./options.js";
import type { PredsKind } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-defs.js";
import { type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export type { CalibrationState } from "./calibration-bins.js";

export const calibrationErrorMeta: MetricMeta = {
  id: "classification/calibration_error",
  range: [0, 1],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** l1: expected calibration error; l2: root of the proportion-weighted squared gaps; max: maximum gap. */
export type CalibrationNorm = "l1" | "l2" | "max";

export interface CalibrationErrorOptions {
  /** Number of equal-width bins over [0, 1]. Default 15. */
  nBins?: number;
  /** Default "l1". */
  norm?: CalibrationNorm;
  ignoreIndex?: number;
  /** Default "auto": logits get a sigmoid (softmax per row); rounded probability rows are renormalised. */
  predsKind?: PredsKind;
}
const CALIBRATION_OPTIONS = /* @__PURE__ */ optionNames<CalibrationErrorOptions>()(
  "nBins",
  "norm",
  "ignoreIndex",
  "predsKind",
);

/**
 * Calibration error from binned sums, as torchmetrics 1.9.0 `_ce_compute`: bin b holds
 * boundaries[b] <= c < boundaries[b + 1] (torch's float32 linspace boundaries; a confidence of
 * exactly 1.0 falls in an extra bin of its own, torchmetrics issue 3510).
 */
function calibrationFromBins(bins: Float64Array, norm: CalibrationNorm): number {
  const B = bins.length / 3;
  let total = 0;
  for (let b = 0; b < B; b++) total += bins[3 * b]!;
  let ce = 0;
  for (let b = 0; b < B; b++) {
    const count = bins[3 * b]!;
    const gap = count === 0 ? 0 : Math.abs(bins[3 * b + 2]! / count - bins[3 * b + 1]! / count);
    const prop = count / total;
    if (norm === "l1") ce += gap * prop;
    else if (norm === "l2") ce += gap * gap * prop;
    else if (gap > ce) ce = gap;
  }
  return norm === "l2" ? (ce > 0 ? Math.sqrt(ce) : 0) : ce;
}

type Weight = NdInput | undefined;

/**
 * Binary calibration error: confidence = the predicted probability of class 1, accuracy = the
 * target, binned into `nBins` equal-width bins; l1 (ECE, default), l2 or max (MCE). Logits get a
 * sigmoid under the default `predsKind: "auto"`. Matches torchmetrics 1.9.0
 * `binary_calibration_error`. O(n), O(nBins) state.
 */
export function binaryCalibrationErrorDef(
  options: CalibrationErrorOptions = {},
): MetricDef<CalibrationState, BinaryArgs, number> {
  const fn = "binaryCalibrationError";
  const o = readOptions(fn, options, CALIBRATION_OPTIONS);
  const norm = optNorm(fn, o.norm);
  return calibrationDef<BinaryArgs, number>(
    {
      id: "classification/binary_calibration_error",
      fn,
      meta: calibrationErrorMeta,
      binning: torchmetricsBinning(binsOption(o.nBins, fn, 15)),
      result: (bins) => calibrationFromBins(bins, norm),
    },
    o,
    binaryConfidence(fn, o),
  );
}

const optNorm = (fn: string, value: unknown) => optOneOf(fn, "norm", value, ["l1", "l2", "max"], "l1");

/** One-shot {@link binaryCalibrationErrorDef}: `(preds, target[, options])`. */
export function binaryCalibrationError(
  preds: NdInput,
  target: LabelInput,
  third?: Weight | CalibrationErrorOptions,
  fourth?: CalibrationErrorOptions,
): number {
  return runOneShot(binaryCalibrationErrorDef, preds, target, third, fourth);
}

export interface MulticlassCalibrationErrorOptions extends CalibrationErrorOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /** The labels of the probability columns. */
  labels?: readonly (number | string)[];
}
const MULTICLASS_CALIBRATION_OPTIONS = /* @__PURE__ */ optionNames<MulticlassCalibrationErrorOptions>()(
  ...CALIBRATION_OPTIONS,
  "numClasses",
  "labels",
);

/**
 * Multiclass (top-label) calibration error: confidence = the maximum probability, accuracy =
 * whether its class (first maximum) is the target. Logits get a softmax and rounded probability
 * rows are renormalised (see docs/defaults.md). Matches torchmetrics 1.9.0
 * `multiclass_calibration_error`. O(n C), O(nBins) state.
 */
export function multiclassCalibrationErrorDef(
  options: MulticlassCalibrationErrorOptions,
): MetricDef<CalibrationState, MulticlassArgs, number> {
  const fn = "multiclassCalibrationError";
  const o = readOptions(fn, options, MULTICLASS_CALIBRATION_OPTIONS);
  const norm = optNorm(fn, o.norm);
  return calibrationDef<MulticlassArgs, number>(
    {
      id: "classification/multiclass_calibration_error",
      fn,
      meta: calibrationErrorMeta,
      binning: torchmetricsBinning(binsOption(o.nBins, fn, 15)),
      result: (bins) => calibrationFromBins(bins, norm),
    },
    o,
    multiclassConfidence(fn, o),
  );
}

/** One-shot {@link multiclassCalibrationErrorDef}: `(preds, target, options)`. */
export function multiclassCalibrationError(
  preds: NdInput,
  target: LabelInput,
  third: Weight | MulticlassCalibrationErrorOptions,
  fourth?: MulticlassCalibrationErrorOptions,
): number {
  return runMulticlassOneShot(
    multiclassCalibrationErrorDef,
    "multiclassCalibrationError",
    preds,
    target,
    third,
    fourth,
  );
}

/** Task-dispatching calibrationError (`task: "binary" | "multiclass"`; torchmetrics 1.9.0 `calibration_error` task wrapper). */
export const calibrationError = /* @__PURE__ */ taskFunction("calibrationError", {
  binary: binaryCalibrationError,
  multiclass: multiclassCalibrationError,
}) as PlainTask<CalibrationErrorOptions, MulticlassCalibrationErrorOptions, never, number>;
/** The def of {@link calibrationError}. */
export const calibrationErrorDef = /* @__PURE__ */ taskDef("calibrationError", {
  binary: binaryCalibrationErrorDef,
  multiclass: multiclassCalibrationErrorDef,
}) as PlainTaskDef<CalibrationErrorOptions, MulticlassCalibrationErrorOptions, never, number>;
