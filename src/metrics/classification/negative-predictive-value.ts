import { optionNames } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { safeDivide } from "./input.js";
import type { BinaryStatOptions } from "./stat-defs.js";
import type { Average } from "./stat-metric.js";
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

export const negativePredictiveValueMeta: MetricMeta = {
  id: "classification/negative_predictive_value",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export interface NegativePredictiveValueOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryNegativePredictiveValueOptions
  extends BinaryStatOptions,
    NegativePredictiveValueOptions {}
export interface MulticlassNegativePredictiveValueOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    NegativePredictiveValueOptions {}
export interface MultilabelNegativePredictiveValueOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A>,
    NegativePredictiveValueOptions {}

const score = (zd: number) => (_tp: number, _fp: number, tn: number, fn: number) =>
  safeDivide(tn, tn + fn, zd);

const negativePredictiveValueSpec: StatMetricSpec<
  BinaryNegativePredictiveValueOptions,
  MulticlassNegativePredictiveValueOptions,
  MultilabelNegativePredictiveValueOptions
> = {
  concept: "negative_predictive_value",
  name: "NegativePredictiveValue",
  options: /* @__PURE__ */ optionNames<NegativePredictiveValueOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
};

/**
 * Binary negative predictive value TN / (TN + FN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_negative_predictive_value`. 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryNegativePredictiveValueDef = /* @__PURE__ */ binaryStatMetricDef(
  negativePredictiveValueSpec,
  negativePredictiveValueMeta,
);
/** One-shot {@link binaryNegativePredictiveValueDef}. */
export const binaryNegativePredictiveValue = /* @__PURE__ */ binaryStatMetric(negativePredictiveValueSpec);

/**
 * Multiclass negative predictive value per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_negative_predictive_value` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassNegativePredictiveValueDef = /* @__PURE__ */ multiclassStatMetricDef(
  negativePredictiveValueSpec,
  negativePredictiveValueMeta,
);
/** One-shot {@link multiclassNegativePredictiveValueDef}. */
export const multiclassNegativePredictiveValue =
  /* @__PURE__ */ multiclassStatMetric(negativePredictiveValueSpec);

/** Multilabel negative predictive value per label, averaged as torchmetrics 1.9.0 `multilabel_negative_predictive_value`. */
export const multilabelNegativePredictiveValueDef = /* @__PURE__ */ multilabelStatMetricDef(
  negativePredictiveValueSpec,
  negativePredictiveValueMeta,
);
/** One-shot {@link multilabelNegativePredictiveValueDef}. */
export const multilabelNegativePredictiveValue =
  /* @__PURE__ */ multilabelStatMetric(negativePredictiveValueSpec);

/**
 * Task-dispatching negativePredictiveValue (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `negative_predictive_value` task wrapper: its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassNegativePredictiveValue`/`multilabelNegativePredictiveValue` default to "macro").
 */
export const negativePredictiveValue = /* @__PURE__ */ taskFunction(
  "negativePredictiveValue",
  {
    binary: binaryNegativePredictiveValue,
    multiclass: multiclassNegativePredictiveValue,
    multilabel: multilabelNegativePredictiveValue,
  },
  MICRO_AVERAGE,
) as StatTask<
  BinaryNegativePredictiveValueOptions,
  MulticlassNegativePredictiveValueOptions,
  MultilabelNegativePredictiveValueOptions
>;
/** The def of {@link negativePredictiveValue}: `negativePredictiveValueDef({ task, ... })`. */
export const negativePredictiveValueDef = /* @__PURE__ */ taskDef(
  "negativePredictiveValue",
  {
    binary: binaryNegativePredictiveValueDef,
    multiclass: multiclassNegativePredictiveValueDef,
    multilabel: multilabelNegativePredictiveValueDef,
  },
  MICRO_AVERAGE,
) as StatTaskDef<
  BinaryNegativePredictiveValueOptions,
  MulticlassNegativePredictiveValueOptions,
  MultilabelNegativePredictiveValueOptions
>;
