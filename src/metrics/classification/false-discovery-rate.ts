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

export const falseDiscoveryRateMeta: MetricMeta = {
  id: "classification/false_discovery_rate",
  range: [0, 1],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1"],
};

export interface FalseDiscoveryRateOptions {
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryFalseDiscoveryRateOptions extends BinaryStatOptions, FalseDiscoveryRateOptions {}
export interface MulticlassFalseDiscoveryRateOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    FalseDiscoveryRateOptions {}
export interface MultilabelFalseDiscoveryRateOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A>,
    FalseDiscoveryRateOptions {}

const score = (zd: number) => (tp: number, fp: number) => safeDivide(fp, fp + tp, zd);

const falseDiscoveryRateSpec: StatMetricSpec<
  BinaryFalseDiscoveryRateOptions,
  MulticlassFalseDiscoveryRateOptions,
  MultilabelFalseDiscoveryRateOptions
> = {
  concept: "false_discovery_rate",
  name: "FalseDiscoveryRate",
  options: /* @__PURE__ */ optionNames<FalseDiscoveryRateOptions>()("zeroDivision"),
  score,
  zeroDivision: true,
};

/**
 * Binary false discovery rate FP / (FP + TP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_false_discovery_rate`. 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryFalseDiscoveryRateDef = /* @__PURE__ */ binaryStatMetricDef(
  falseDiscoveryRateSpec,
  falseDiscoveryRateMeta,
);
/** One-shot {@link binaryFalseDiscoveryRateDef}. */
export const binaryFalseDiscoveryRate = /* @__PURE__ */ binaryStatMetric(falseDiscoveryRateSpec);

/**
 * Multiclass false discovery rate per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_false_discovery_rate` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassFalseDiscoveryRateDef = /* @__PURE__ */ multiclassStatMetricDef(
  falseDiscoveryRateSpec,
  falseDiscoveryRateMeta,
);
/** One-shot {@link multiclassFalseDiscoveryRateDef}. */
export const multiclassFalseDiscoveryRate = /* @__PURE__ */ multiclassStatMetric(falseDiscoveryRateSpec);

/** Multilabel false discovery rate per label, averaged as torchmetrics 1.9.0 `multilabel_false_discovery_rate`. */
export const multilabelFalseDiscoveryRateDef = /* @__PURE__ */ multilabelStatMetricDef(
  falseDiscoveryRateSpec,
  falseDiscoveryRateMeta,
);
/** One-shot {@link multilabelFalseDiscoveryRateDef}. */
export const multilabelFalseDiscoveryRate = /* @__PURE__ */ multilabelStatMetric(falseDiscoveryRateSpec);

/**
 * Task-dispatching falseDiscoveryRate (`task: "binary" | "multiclass" | "multilabel"`), as the
 * false discovery rate (no torchmetrics wrapper: the same defaults): its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassFalseDiscoveryRate`/`multilabelFalseDiscoveryRate` default to "macro").
 */
export const falseDiscoveryRate = /* @__PURE__ */ taskFunction(
  "falseDiscoveryRate",
  {
    binary: binaryFalseDiscoveryRate,
    multiclass: multiclassFalseDiscoveryRate,
    multilabel: multilabelFalseDiscoveryRate,
  },
  MICRO_AVERAGE,
) as StatTask<
  BinaryFalseDiscoveryRateOptions,
  MulticlassFalseDiscoveryRateOptions,
  MultilabelFalseDiscoveryRateOptions
>;
/** The def of {@link falseDiscoveryRate}: `falseDiscoveryRateDef({ task, ... })`. */
export const falseDiscoveryRateDef = /* @__PURE__ */ taskDef(
  "falseDiscoveryRate",
  {
    binary: binaryFalseDiscoveryRateDef,
    multiclass: multiclassFalseDiscoveryRateDef,
    multilabel: multilabelFalseDiscoveryRateDef,
  },
  MICRO_AVERAGE,
) as StatTaskDef<
  BinaryFalseDiscoveryRateOptions,
  MulticlassFalseDiscoveryRateOptions,
  MultilabelFalseDiscoveryRateOptions
>;
