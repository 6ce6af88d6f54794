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

export const recallMeta: MetricMeta = {
  id: "classification/recall",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export interface RecallOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryRecallOptions extends BinaryStatOptions, RecallOptions {}
export interface MulticlassRecallOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    RecallOptions {}
export interface MultilabelRecallOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelAveragedOptions<A>,
    RecallOptions {}

const score = (zd: number) => (tp: number, _fp: number, _tn: number, fn: number) =>
  safeDivide(tp, tp + fn, zd);

const recallSpec: StatMetricSpec<BinaryRecallOptions, MulticlassRecallOptions, MultilabelRecallOptions> = {
  concept: "recall",
  name: "Recall",
  options: /* @__PURE__ */ optionNames<RecallOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
  samples: true,
};

/**
 * Binary recall TP / (TP + FN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_recall` (and sklearn 1.9.1 `recall_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryRecallDef = /* @__PURE__ */ binaryStatMetricDef(recallSpec, recallMeta);
/** One-shot {@link binaryRecallDef}. */
export const binaryRecall = /* @__PURE__ */ binaryStatMetric(recallSpec);

/**
 * Multiclass recall per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_recall` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassRecallDef = /* @__PURE__ */ multiclassStatMetricDef(recallSpec, recallMeta);
/** One-shot {@link multiclassRecallDef}. */
export const multiclassRecall = /* @__PURE__ */ multiclassStatMetric(recallSpec);

/** Multilabel recall per label, averaged as torchmetrics 1.9.0 `multilabel_recall` (or sklearn "samples"). */
export const multilabelRecallDef = /* @__PURE__ */ multilabelStatMetricDef(recallSpec, recallMeta);
/** One-shot {@link multilabelRecallDef}. */
export const multilabelRecall = /* @__PURE__ */ multilabelStatMetric(recallSpec);

/**
 * Task-dispatching recall (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `recall` task wrapper: its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassRecall`/`multilabelRecall` default to "macro").
 */
export const recall = /* @__PURE__ */ taskFunction(
  "recall",
  { binary: binaryRecall, multiclass: multiclassRecall, multilabel: multilabelRecall },
  MICRO_AVERAGE,
) as StatTask<BinaryRecallOptions, MulticlassRecallOptions, MultilabelRecallOptions>;
/** The def of {@link recall}: `recallDef({ task, ... })`. */
export const recallDef = /* @__PURE__ */ taskDef(
  "recall",
  { binary: binaryRecallDef, multiclass: multiclassRecallDef, multilabel: multilabelRecallDef },
  MICRO_AVERAGE,
) as StatTaskDef<BinaryRecallOptions, MulticlassRecallOptions, MultilabelRecallOptions>;
