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
import { MACRO_AVERAGE, type StatTask, type StatTaskDef, taskDef, taskFunction } from "./task.js";

export const jaccardIndexMeta: MetricMeta = {
  id: "classification/jaccard_index",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export interface JaccardIndexOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryJaccardIndexOptions extends BinaryStatOptions, JaccardIndexOptions {}
export interface MulticlassJaccardIndexOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    JaccardIndexOptions {}
export interface MultilabelJaccardIndexOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelAveragedOptions<A>,
    JaccardIndexOptions {}

const score = (zd: number) => (tp: number, fp: number, _tn: number, fn: number) =>
  safeDivide(tp, tp + fp + fn, zd);

const jaccardIndexSpec: StatMetricSpec<
  BinaryJaccardIndexOptions,
  MulticlassJaccardIndexOptions,
  MultilabelJaccardIndexOptions
> = {
  concept: "jaccard_index",
  name: "JaccardIndex",
  options: /* @__PURE__ */ optionNames<JaccardIndexOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
  samples: true,
};

/**
 * Binary Jaccard index TP / (TP + FP + FN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_jaccard_index` (and sklearn 1.9.1 `jaccard_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryJaccardIndexDef = /* @__PURE__ */ binaryStatMetricDef(jaccardIndexSpec, jaccardIndexMeta);
/** One-shot {@link binaryJaccardIndexDef}. */
export const binaryJaccardIndex = /* @__PURE__ */ binaryStatMetric(jaccardIndexSpec);

/**
 * Multiclass jaccard index per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_jaccard_index` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassJaccardIndexDef = /* @__PURE__ */ multiclassStatMetricDef(
  jaccardIndexSpec,
  jaccardIndexMeta,
);
/** One-shot {@link multiclassJaccardIndexDef}. */
export const multiclassJaccardIndex = /* @__PURE__ */ multiclassStatMetric(jaccardIndexSpec);

/** Multilabel jaccard index per label, averaged as torchmetrics 1.9.0 `multilabel_jaccard_index` (or sklearn "samples"). */
export const multilabelJaccardIndexDef = /* @__PURE__ */ multilabelStatMetricDef(
  jaccardIndexSpec,
  jaccardIndexMeta,
);
/** One-shot {@link multilabelJaccardIndexDef}. */
export const multilabelJaccardIndex = /* @__PURE__ */ multilabelStatMetric(jaccardIndexSpec);

/**
 * Task-dispatching jaccardIndex (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `jaccard_index` task wrapper: its multiclass and multilabel `average` defaults to "macro" (the explicit
 * `multiclassJaccardIndex`/`multilabelJaccardIndex` default to "macro").
 */
export const jaccardIndex = /* @__PURE__ */ taskFunction(
  "jaccardIndex",
  { binary: binaryJaccardIndex, multiclass: multiclassJaccardIndex, multilabel: multilabelJaccardIndex },
  MACRO_AVERAGE,
) as StatTask<BinaryJaccardIndexOptions, MulticlassJaccardIndexOptions, MultilabelJaccardIndexOptions>;
/** The def of {@link jaccardIndex}: `jaccardIndexDef({ task, ... })`. */
export const jaccardIndexDef = /* @__PURE__ */ taskDef(
  "jaccardIndex",
  {
    binary: binaryJaccardIndexDef,
    multiclass: multiclassJaccardIndexDef,
    multilabel: multilabelJaccardIndexDef,
  },
  MACRO_AVERAGE,
) as StatTaskDef<BinaryJaccardIndexOptions, MulticlassJaccardIndexOptions, MultilabelJaccardIndexOptions>;
