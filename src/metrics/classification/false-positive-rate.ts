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

export const falsePositiveRateMeta: MetricMeta = {
  id: "classification/false_positive_rate",
  range: [0, 1],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1"],
};

export interface FalsePositiveRateOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryFalsePositiveRateOptions extends BinaryStatOptions, FalsePositiveRateOptions {}
export interface MulticlassFalsePositiveRateOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    FalsePositiveRateOptions {}
export interface MultilabelFalsePositiveRateOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A>,
    FalsePositiveRateOptions {}

const score = (zd: number) => (_tp: number, fp: number, tn: number) => safeDivide(fp, fp + tn, zd);

const falsePositiveRateSpec: StatMetricSpec<
  BinaryFalsePositiveRateOptions,
  MulticlassFalsePositiveRateOptions,
  MultilabelFalsePositiveRateOptions
> = {
  concept: "false_positive_rate",
  name: "FalsePositiveRate",
  options: /* @__PURE__ */ optionNames<FalsePositiveRateOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
};

/**
 * Binary false positive rate FP / (FP + TN), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_false_positive_rate`. 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryFalsePositiveRateDef = /* @__PURE__ */ binaryStatMetricDef(
  falsePositiveRateSpec,
  falsePositiveRateMeta,
);
/** One-shot {@link binaryFalsePositiveRateDef}. */
export const binaryFalsePositiveRate = /* @__PURE__ */ binaryStatMetric(falsePositiveRateSpec);

/**
 * Multiclass false positive rate per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_false_positive_rate` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassFalsePositiveRateDef = /* @__PURE__ */ multiclassStatMetricDef(
  falsePositiveRateSpec,
  falsePositiveRateMeta,
);
/** One-shot {@link multiclassFalsePositiveRateDef}. */
export const multiclassFalsePositiveRate = /* @__PURE__ */ multiclassStatMetric(falsePositiveRateSpec);

/** Multilabel false positive rate per label, averaged as torchmetrics 1.9.0 `multilabel_false_positive_rate`. */
export const multilabelFalsePositiveRateDef = /* @__PURE__ */ multilabelStatMetricDef(
  falsePositiveRateSpec,
  falsePositiveRateMeta,
);
/** One-shot {@link multilabelFalsePositiveRateDef}. */
export const multilabelFalsePositiveRate = /* @__PURE__ */ multilabelStatMetric(falsePositiveRateSpec);

/**
 * Task-dispatching falsePositiveRate (`task: "binary" | "multiclass" | "multilabel"`), as the
 * false positive rate (no torchmetrics wrapper: the same defaults): its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassFalsePositiveRate`/`multilabelFalsePositiveRate` default to "macro").
 */
export const falsePositiveRate = /* @__PURE__ */ taskFunction(
  "falsePositiveRate",
  {
    binary: binaryFalsePositiveRate,
    multiclass: multiclassFalsePositiveRate,
    multilabel: multilabelFalsePositiveRate,
  },
  MICRO_AVERAGE,
) as StatTask<
  BinaryFalsePositiveRateOptions,
  MulticlassFalsePositiveRateOptions,
  MultilabelFalsePositiveRateOptions
>;
/** The def of {@link falsePositiveRate}: `falsePositiveRateDef({ task, ... })`. */
export const falsePositiveRateDef = /* @__PURE__ */ taskDef(
  "falsePositiveRate",
  {
    binary: binaryFalsePositiveRateDef,
    multiclass: multiclassFalsePositiveRateDef,
    multilabel: multilabelFalsePositiveRateDef,
  },
  MICRO_AVERAGE,
) as StatTaskDef<
  BinaryFalsePositiveRateOptions,
  MulticlassFalsePositiveRateOptions,
  MultilabelFalsePositiveRateOptions
>;
