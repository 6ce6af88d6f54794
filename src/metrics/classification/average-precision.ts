import type { MetricMeta } from "../../metric.js";
import {
  type AveragedCurveSpec,
  averagedBinary,
  averagedBinaryDef,
  averagedMulticlass,
  averagedMulticlassDef,
  averagedMultilabel,
  averagedMultilabelDef,
} from "./averaged-curve.js";
import type {
  BinaryCurveOptions,
  CurveAverage,
  MulticlassCurveOptions,
  MultilabelCurveOptions,
} from "./curve-defs.js";
import { averagePrecisionOf } from "./curve-state.js";
import type { ClassNamesOption } from "./stat-metric.js";
import { type AveragedTask, type AveragedTaskDef, taskDef, taskFunction } from "./task.js";

export const averagePrecisionMeta: MetricMeta = {
  id: "classification/average_precision",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export type AveragePrecisionAverage = CurveAverage;

export interface MulticlassAveragePrecisionOptions<
  A extends AveragePrecisionAverage = AveragePrecisionAverage,
> extends MulticlassCurveOptions,
    ClassNamesOption {
  /** Default "macro" (classes without samples are NaN and left out); "weighted" by class frequency. */
  average?: A;
}

export interface MultilabelAveragePrecisionOptions<
  A extends AveragePrecisionAverage = AveragePrecisionAverage,
> extends MultilabelCurveOptions,
    ClassNamesOption {
  /** Default "macro" (a label without positives scores 0, as torchmetrics). */
  average?: A;
}

const averagePrecisionSpec: AveragedCurveSpec<
  undefined,
  BinaryCurveOptions,
  MulticlassAveragePrecisionOptions,
  MultilabelAveragePrecisionOptions
> = {
  concept: "average_precision",
  name: "AveragePrecision",
  options: [],
  parse: () => undefined,
  averages: ["macro", "weighted", "micro", "none"],
  // No positive: 0 (binary, multilabel, micro: both references); NaN for a multiclass class, left out of averages.
  value: (source, _parsed, variant) => averagePrecisionOf(source, variant === "multiclass" ? Number.NaN : 0),
  micro: (source) => averagePrecisionOf(source, 0),
};

/**
 * Binary average precision, sum_k (R_k - R_{k-1}) P_k over the distinct score thresholds
 * (no interpolation; ties share a threshold). Exact by default, binned with `thresholds`.
 * Matches torchmetrics 1.9.0 `binary_average_precision` and sklearn 1.9.1
 * `average_precision_score`; with no positive sample the result is 0, as both. O(n): the
 * scores' float32 buckets, no full sort.
 */
export const binaryAveragePrecisionDef = /* @__PURE__ */ averagedBinaryDef(
  averagePrecisionSpec,
  averagePrecisionMeta,
);
/** One-shot {@link binaryAveragePrecisionDef}: `(preds, target[, sampleWeight][, options])`. */
export const binaryAveragePrecision = /* @__PURE__ */ averagedBinary(averagePrecisionSpec);
/** Multiclass average precision, one-vs-rest per class, averaged as torchmetrics 1.9.0 `multiclass_average_precision`. */
export const multiclassAveragePrecisionDef = /* @__PURE__ */ averagedMulticlassDef(
  averagePrecisionSpec,
  averagePrecisionMeta,
);
/** One-shot {@link multiclassAveragePrecisionDef}. */
export const multiclassAveragePrecision = /* @__PURE__ */ averagedMulticlass(averagePrecisionSpec);
/** Multilabel average precision per label, averaged as torchmetrics 1.9.0 `multilabel_average_precision` (sklearn 1.9.1 on indicator targets). */
export const multilabelAveragePrecisionDef = /* @__PURE__ */ averagedMultilabelDef(
  averagePrecisionSpec,
  averagePrecisionMeta,
);
/** One-shot {@link multilabelAveragePrecisionDef}. */
export const multilabelAveragePrecision = /* @__PURE__ */ averagedMultilabel(averagePrecisionSpec);
/** Task-dispatching average precision, as the torchmetrics 1.9.0 `average_precision` task wrapper (average "macro"). */
export const averagePrecision = /* @__PURE__ */ taskFunction("averagePrecision", {
  binary: binaryAveragePrecision,
  multiclass: multiclassAveragePrecision,
  multilabel: multilabelAveragePrecision,
}) as AveragedTask<BinaryCurveOptions, MulticlassAveragePrecisionOptions, MultilabelAveragePrecisionOptions>;
/** The def of {@link averagePrecision}. */
export const averagePrecisionDef = /* @__PURE__ */ taskDef("averagePrecision", {
  binary: binaryAveragePrecisionDef,
  multiclass: multiclassAveragePrecisionDef,
  multilabel: multilabelAveragePrecisionDef,
}) as AveragedTaskDef<
  BinaryCurveOptions,
  MulticlassAveragePrecisionOptions,
  MultilabelAveragePrecisionOptions
>;
