import { optionNames } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { safeDivide } from "./input.js";
import type { BinaryStatOptions } from "./stat-defs.js";
import type { Average, MultilabelAverage } from "./stat-metric.js";
import {
  binaryStatMetric,
  binaryStatMetricDef,
  type MulticlassAveragedOptions,
  type MultilabelAveragedOptions,
  multiclassStatMetric,
  multiclassStatMetricDef,
  multilabelStatMetric,
  multilabelStatMetricDef,
  type StatMetricSpec,
} from "./stat-metric.js";
import { MICRO_AVERAGE, type StatTask, type StatTaskDef, taskDef, taskFunction } from "./task.js";

export const precisionMeta: MetricMeta = {
  id: "classification/precision",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export interface PrecisionOptions {
  /** Value of 0/0 (no positive prediction). Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryPrecisionOptions extends BinaryStatOptions, PrecisionOptions {}
export interface MulticlassPrecisionOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    PrecisionOptions {}
export interface MultilabelPrecisionOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelAveragedOptions<A>,
    PrecisionOptions {}

const score = (zd: number) => (tp: number, fp: number) => safeDivide(tp, tp + fp, zd);

const precisionSpec: StatMetricSpec<
  BinaryPrecisionOptions,
  MulticlassPrecisionOptions,
  MultilabelPrecisionOptions
> = {
  concept: "precision",
  name: "Precision",
  options: /* @__PURE__ */ optionNames<PrecisionOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
  samples: true,
};

/**
 * Binary precision TP / (TP + FP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_precision` (and sklearn 1.9.1 `precision_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryPrecisionDef = /* @__PURE__ */ binaryStatMetricDef(precisionSpec, precisionMeta);
/** One-shot {@link binaryPrecisionDef}. */
export const binaryPrecision = /* @__PURE__ */ binaryStatMetric(precisionSpec);

/**
 * Multiclass precision per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_precision` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassPrecisionDef = /* @__PURE__ */ multiclassStatMetricDef(precisionSpec, precisionMeta);
/** One-shot {@link multiclassPrecisionDef}. */
export const multiclassPrecision = /* @__PURE__ */ multiclassStatMetric(precisionSpec);

/** Multilabel precision per label, averaged as torchmetrics 1.9.0 `multilabel_precision` (or sklearn "samples"). */
export const multilabelPrecisionDef = /* @__PURE__ */ multilabelStatMetricDef(precisionSpec, precisionMeta);
/** One-shot {@link multilabelPrecisionDef}. */
export const multilabelPrecision = /* @__PURE__ */ multilabelStatMetric(precisionSpec);

/**
 * Task-dispatching precision (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `precision` task wrapper: its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassPrecision`/`multilabelPrecision` default to "macro").
 */
export const precision = /* @__PURE__ */ taskFunction(
  "precision",
  { binary: binaryPrecision, multiclass: multiclassPrecision, multilabel: multilabelPrecision },
  MICRO_AVERAGE,
) as StatTask<BinaryPrecisionOptions, MulticlassPrecisionOptions, MultilabelPrecisionOptions>;
/** The def of {@link precision}: `precisionDef({ task, ... })`. */
export const precisionDef = /* @__PURE__ */ taskDef(
  "precision",
  { binary: binaryPrecisionDef, multiclass: multiclassPrecisionDef, multilabel: multilabelPrecisionDef },
  MICRO_AVERAGE,
) as StatTaskDef<BinaryPrecisionOptions, MulticlassPrecisionOptions, MultilabelPrecisionOptions>;
