import { fail } from "../../core/errors.js";
import { optionNames, optSize, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef } from "../../metric.js";
import { readBinaryBatch, readMulticlassBatch } from "./batch.js";
import { reached, torchLinspace01 } from "./curve-state.js";
import { assertSeen } from "./input.js";
import { readClassList } from "./labels.js";
import { classificationEntry } from "./meta.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runOneShot, withInferredLabels } from "./one-shot.js";
import { optIgnoreIndex, optOneOf } from "./options.js";
import { optPredsKind, type PredsKind, probabilityRows } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-defs.js";
import { type PlainTask, type PlainTaskDef, taskDispatch } from "./task.js";

/** Catalog entry of the calibration error. */
export const calibrationErrorMeta = classificationEntry({
  id: "classification/calibration_error",
  title: "Expected / maximum calibration error (ECE, MCE)",
  formula: "ECE=\\sum_b \\frac{|B_b|}{N}\\,|\\mathrm{acc}(B_b)-\\mathrm{conf}(B_b)|",
  range: [0, 1],
  direction: "lower",
  exports: ["binaryCalibrationError", "multiclassCalibrationError"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass_calibration_error (equal-width bins, confidence 1.0 in its own last bin)",
  paper: "Naeini et al. 2015; Guo et al. 2017",
  robustness: ["depends on the number of bins; equal-width bins can be nearly empty"],
  traits: ["probabilistic", "calibration"],
});

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
const CALIBRATION_OPTIONS = optionNames<CalibrationErrorOptions>()(
  "nBins",
  "norm",
  "ignoreIndex",
  "predsKind",
);

/** Per bin: count, sum of confidences, sum of accuracies (nBins + 1 bins: the last holds confidence 1.0). */
export interface CalibrationState {
  bins: Float64Array;
}

/** `nBins` (default 15): nBins + 1 bins of 3 float64 sums and nBins + 1 boundaries, through the allocation budget. */
function binsOption(value: unknown, fn: string): number {
  return optSize(fn, "nBins", value, 15, { min: 1, bytesFor: (n) => 32 * (n + 1) }) as number;
}

/**
 * Checks a decoded calibration state: non-negative finite sums, and per bin a confidence sum
 * and an accuracy sum of at most the bin's count (confidences and accuracies lie in [0, 1]).
 */
function checkCalibrationState(id: string, size: number, state: unknown): asserts state is CalibrationState {
  checkState(id, state, { bins: field.typed(Float64Array, { length: size, values: "nonNegative" }) });
  const bins = (state as CalibrationState).bins;
  for (let b = 0; b < size; b += 3) {
    const limit = bins[b]! * (1 + 1e-9);
    stateInvariant(
      id,
      bins[b + 1]! <= limit && bins[b + 2]! <= limit,
      `bin ${b / 3} holds ${bins[b]} samples but sums of ${bins[b + 1]} (confidence) and ${bins[b + 2]} (accuracy)`,
    );
  }
}

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

function calibrationDef<Args extends unknown[]>(
  id: string,
  fn: string,
  options: Record<string, unknown>,
  read: (...args: Args) => { confidence: Float64Array; accuracy: Float64Array },
): MetricDef<CalibrationState, Args, number> {
  const nBins = binsOption(options.nBins, fn);
  const norm = optOneOf(fn, "norm", options.norm, ["l1", "l2", "max"], "l1");
  const boundaries = torchLinspace01(nBins + 1);
  const size = 3 * (nBins + 1);
  return {
    id,
    meta: calibrationErrorMeta,
    options: { ...options },
    init: () => ({ bins: new Float64Array(size) }),
    update(state, ...args) {
      const { confidence, accuracy } = read(...args);
      for (let i = 0; i < confidence.length; i++) {
        const c = confidence[i]!;
        if (Number.isNaN(accuracy[i]!)) continue;
        const b = reached(boundaries, c) - 1;
        state.bins[3 * b] += 1;
        state.bins[3 * b + 1] += c;
        state.bins[3 * b + 2] += accuracy[i]!;
      }
    },
    merge: (a, b) => ({ bins: a.bins.map((v, i) => v + b.bins[i]!) }),
    compute: (state) => {
      let total = 0;
      for (let b = 0; b < state.bins.length; b += 3) total += state.bins[b]!;
      assertSeen(total, fn);
      return calibrationFromBins(state.bins, norm);
    },
    validateState(state): asserts state is CalibrationState {
      checkCalibrationState(id, size, state);
    },
  };
}

type Weight = NdInput | undefined;

function rejectWeights(sampleWeight: unknown, fn: string): void {
  if (sampleWeight !== undefined) fail("unsupported", `${fn}: \`sampleWeight\` is not supported`);
}

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
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const reading = {
    kind: optPredsKind(fn, o.predsKind),
    ignoreIndex,
    posLabel: undefined,
    labelPreds: false,
  };
  return calibrationDef<BinaryArgs>(
    "classification/binary_calibration_error",
    fn,
    o,
    (preds, target, sampleWeight) => {
      rejectWeights(sampleWeight, fn);
      const batch = readBinaryBatch(fn, preds, target, undefined, reading);
      const accuracy = Float64Array.from(batch.target, (v) => (v === ignoreIndex ? Number.NaN : v));
      return { confidence: Float64Array.from(batch.preds), accuracy };
    },
  );
}
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
const MULTICLASS_CALIBRATION_OPTIONS = optionNames<MulticlassCalibrationErrorOptions>()(
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
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const { classes: C, index } = readClassList(fn, o, 8);
  const kind = optPredsKind(fn, o.predsKind);
  const reading = { classes: C, ignoreIndex, index, rest: undefined, needLabels: true, needScores: true };
  return calibrationDef<MulticlassArgs>(
    "classification/multiclass_calibration_error",
    fn,
    o,
    (preds, target, sampleWeight) => {
      rejectWeights(sampleWeight, fn);
      const batch = readMulticlassBatch(fn, preds, target, undefined, reading);
      const rows = probabilityRows(batch.scores ?? [], C, kind, fn);
      const n = batch.target.length;
      const confidence = new Float64Array(n);
      const accuracy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const label = batch.labels![i]!;
        confidence[i] = rows[i * C + label]!;
        accuracy[i] = batch.target[i] === ignoreIndex ? Number.NaN : label === batch.target[i] ? 1 : 0;
      }
      return { confidence, accuracy };
    },
  );
}
/** One-shot {@link multiclassCalibrationErrorDef}: `(preds, target, options)`. */
export function multiclassCalibrationError(
  preds: NdInput,
  target: LabelInput,
  third: Weight | MulticlassCalibrationErrorOptions,
  fourth?: MulticlassCalibrationErrorOptions,
): number {
  return runOneShot(
    (options) =>
      multiclassCalibrationErrorDef(
        withInferredLabels(options, preds, target, "multiclassCalibrationError") as never,
      ),
    preds,
    target,
    third,
    fourth,
  );
}

const dispatch = taskDispatch("calibrationError", {
  binary: { def: binaryCalibrationErrorDef, fn: binaryCalibrationError },
  multiclass: { def: multiclassCalibrationErrorDef, fn: multiclassCalibrationError },
});
/** Task-dispatching calibrationError (`task: "binary" | "multiclass"`; torchmetrics 1.9.0 `calibration_error` task wrapper). */
export const calibrationError = dispatch.fn as PlainTask<
  CalibrationErrorOptions,
  MulticlassCalibrationErrorOptions,
  never,
  number
>;
/** The def of {@link calibrationError}. */
export const calibrationErrorDef = dispatch.def as PlainTaskDef<
  CalibrationErrorOptions,
  MulticlassCalibrationErrorOptions,
  never,
  number
>;
