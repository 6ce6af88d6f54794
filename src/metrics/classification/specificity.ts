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

export const specificityMeta: MetricMeta = {
  id: "classification/specificity",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

// biome-ignore lint/suspicious/noEmptyInterface: no options beyond the shared ones.
export interface SpecificityOptions {}
export interface BinarySpecificityOptions extends BinaryStatOptions, SpecificityOptions {}
export interface MulticlassSpecificityOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    SpecificityOptions {}
export interface MultilabelSpecificityOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A>,
    SpecificityOptions {}

const score = (zd: number) => (_tp: number, fp: number, tn: number) => safeDivide(tn, tn + fp, zd);

const specificitySpec: StatMetricSpec<
  BinarySpecificityOptions,
  MulticlassSpecificityOptions,
  MultilabelSpecificityOptions
> = {
  concept: "specificity",
  name: "Specificity",
  options: /* @__PURE__ */ optionNames<SpecificityOptions>()(),
  score,
};

/**
 * Binary specificity TN / (TN + FP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_specificity`. 0/0 gives 0. O(n).
 */
export const binarySpecificityDef = /* @__PURE__ */ binaryStatMetricDef(specificitySpec, specificityMeta);
/** One-shot {@link binarySpecificityDef}. */
export const binarySpecificity = /* @__PURE__ */ binaryStatMetric(specificitySpec);

/**
 * Multiclass specificity per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_specificity` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassSpecificityDef = /* @__PURE__ */ multiclassStatMetricDef(
  specificitySpec,
  specificityMeta,
);
/** One-shot {@link multiclassSpecificityDef}. */
export const multiclassSpecificity = /* @__PURE__ */ multiclassStatMetric(specificitySpec);

/** Multilabel specificity per label, averaged as torchmetrics 1.9.0 `multilabel_specificity`. */
export const multilabelSpecificityDef = /* @__PURE__ */ multilabelStatMetricDef(
  specificitySpec,
  specificityMeta,
);
/** One-shot {@link multilabelSpecificityDef}. */
export const multilabelSpecificity = /* @__PURE__ */ multilabelStatMetric(specificitySpec);

/**
 * Task-dispatching specificity (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `specificity` task wrapper: its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassSpecificity`/`multilabelSpecificity` default to "macro").
 */
export const specificity = /* @__PURE__ */ taskFunction(
  "specificity",
  { binary: binarySpecificity, multiclass: multiclassSpecificity, multilabel: multilabelSpecificity },
  MICRO_AVERAGE,
) as StatTask<BinarySpecificityOptions, MulticlassSpecificityOptions, MultilabelSpecificityOptions>;
/** The def of {@link specificity}: `specificityDef({ task, ... })`. */
export const specificityDef = /* @__PURE__ */ taskDef(
  "specificity",
  {
    binary: binarySpecificityDef,
    multiclass: multiclassSpecificityDef,
    multilabel: multilabelSpecificityDef,
  },
  MICRO_AVERAGE,
) as StatTaskDef<BinarySpecificityOptions, MulticlassSpecificityOptions, MultilabelSpecificityOptions>;
