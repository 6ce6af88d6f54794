/**
 * Reliability-curve data (the points of a calibration diagram, issue 11 §4): per non-empty bin
 * of confidence, the mean confidence, the accuracy (fraction right) and the count.
 */
import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import {
  type Binning,
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

export const reliabilityCurveMeta: MetricMeta = {
  id: "classification/reliability_curve",
  range: [0, 1],
  direction: "none",
  conventions: ["scikit-learn-1.2.1", "torchmetrics-1.9.0"],
};

/** The points of a reliability diagram, one per non-empty bin, in increasing confidence. */
export interface ReliabilityCurve {
  /** Mean confidence of the bin (sklearn's `prob_pred`). */
  confidence: number[];
  /** Fraction of the bin predicted right (binary: positives; sklearn's `prob_true`). */
  accuracy: number[];
  /** Samples in the bin. */
  count: number[];
}

export interface ReliabilityCurveOptions {
  /** Equal-width bins over [0, 1]. Default 5 (sklearn) or 15 (torchmetrics). */
  nBins?: number;
  /**
   * Bin edges: "sklearn" (default) bins are closed on the right, (e_k, e_{k+1}] and [0, e_1], as
   * `calibration_curve`; "torchmetrics" bins are closed on the left on float32 edges, with a
   * confidence of exactly 1.0 in a bin of its own, as its calibration error.
   */
  convention?: "sklearn" | "torchmetrics";
  ignoreIndex?: number;
  /** Default "auto": logits get a sigmoid (softmax per row); rounded probability rows are renormalised. */
  predsKind?: PredsKind;
}
const RELIABILITY_OPTIONS = /* @__PURE__ */ optionNames<ReliabilityCurveOptions>()(
  "nBins",
  "convention",
  "ignoreIndex",
  "predsKind",
);
export interface MulticlassReliabilityCurveOptions extends ReliabilityCurveOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /** The labels of the probability columns. */
  labels?: readonly (number | string)[];
}
const MULTICLASS_RELIABILITY_OPTIONS = /* @__PURE__ */ optionNames<MulticlassReliabilityCurveOptions>()(
  ...RELIABILITY_OPTIONS,
  "numClasses",
  "labels",
);

/** sklearn 1.2.1's bins: edges i / n (numpy linspace), bin = edges strictly below the confidence. */
function sklearnBinning(nBins: number): Binning {
  const step = 1 / nBins;
  const inner = Array.from({ length: nBins - 1 }, (_, i) => (i + 1) * step);
  return {
    nBins,
    index: (c) => {
      let b = 0;
      while (b < inner.length && inner[b]! < c) b++;
      return b;
    },
  };
}

function binning(fn: string, o: Record<string, unknown>): Binning {
  const convention = optOneOf(fn, "convention", o.convention, ["sklearn", "torchmetrics"], "sklearn");
  const nBins = binsOption(o.nBins, fn, convention === "sklearn" ? 5 : 15);
  return convention === "sklearn" ? sklearnBinning(nBins) : torchmetricsBinning(nBins);
}

/** The non-empty bins' means and counts. */
function curveOf(bins: Float64Array): ReliabilityCurve {
  const curve: ReliabilityCurve = { confidence: [], accuracy: [], count: [] };
  for (let b = 0; b < bins.length; b += 3) {
    const count = bins[b]!;
    if (count === 0) continue;
    curve.confidence.push(bins[b + 1]! / count);
    curve.accuracy.push(bins[b + 2]! / count);
    curve.count.push(count);
  }
  return curve;
}

/**
 * Binary reliability curve: per non-empty bin of predicted probability, the mean probability,
 * the fraction of positives and the count. Matches sklearn 1.2.1 `calibration_curve(y_true,
 * y_prob, n_bins, strategy="uniform")` (`prob_true` = accuracy, `prob_pred` = confidence), or
 * torchmetrics 1.9.0's calibration bins with `convention: "torchmetrics"`. Streams and merges
 * (O(nBins) state).
 */
export function binaryReliabilityCurveDef(
  options: ReliabilityCurveOptions = {},
): MetricDef<CalibrationState, BinaryArgs, ReliabilityCurve> {
  const fn = "binaryReliabilityCurve";
  const o = readOptions(fn, options, RELIABILITY_OPTIONS);
  return calibrationDef<BinaryArgs, ReliabilityCurve>(
    {
      id: "classification/binary_reliability_curve",
      fn,
      meta: reliabilityCurveMeta,
      binning: binning(fn, o),
      result: curveOf,
    },
    o,
    binaryConfidence(fn, o),
  );
}
/** One-shot {@link binaryReliabilityCurveDef}: `(preds, target[, options])`. */
export function binaryReliabilityCurve(
  preds: NdInput,
  target: LabelInput,
  options?: ReliabilityCurveOptions,
): ReliabilityCurve {
  return runOneShot(binaryReliabilityCurveDef, preds, target, options, undefined);
}

/**
 * Multiclass (top-label) reliability curve: per non-empty bin of the largest probability, its
 * mean, the fraction of rows whose top class is the target, and the count (the data behind
 * torchmetrics' multiclass calibration error; sklearn's binning by default).
 */
export function multiclassReliabilityCurveDef(
  options: MulticlassReliabilityCurveOptions,
): MetricDef<CalibrationState, MulticlassArgs, ReliabilityCurve> {
  const fn = "multiclassReliabilityCurve";
  const o = readOptions(fn, options, MULTICLASS_RELIABILITY_OPTIONS);
  return calibrationDef<MulticlassArgs, ReliabilityCurve>(
    {
      id: "classification/multiclass_reliability_curve",
      fn,
      meta: reliabilityCurveMeta,
      binning: binning(fn, o),
      result: curveOf,
    },
    o,
    multiclassConfidence(fn, o),
  );
}
/** One-shot {@link multiclassReliabilityCurveDef}: `(preds, target, options)`. */
export function multiclassReliabilityCurve(
  preds: NdInput,
  target: LabelInput,
  options: MulticlassReliabilityCurveOptions,
): ReliabilityCurve {
  return runMulticlassOneShot(
    multiclassReliabilityCurveDef,
    "multiclassReliabilityCurve",
    preds,
    target,
    options,
    undefined,
  );
}

/** Task-dispatching reliability curve (`task: "binary" | "multiclass"`). */
export const reliabilityCurve = /* @__PURE__ */ taskFunction("reliabilityCurve", {
  binary: binaryReliabilityCurve,
  multiclass: multiclassReliabilityCurve,
}) as PlainTask<ReliabilityCurveOptions, MulticlassReliabilityCurveOptions, never, ReliabilityCurve>;
/** The def of {@link reliabilityCurve}. */
export const reliabilityCurveDef = /* @__PURE__ */ taskDef("reliabilityCurve", {
  binary: binaryReliabilityCurveDef,
  multiclass: multiclassReliabilityCurveDef,
}) as PlainTaskDef<ReliabilityCurveOptions, MulticlassReliabilityCurveOptions, never, ReliabilityCurve>;
