import { optionNames } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { type KappaWeights, kappaFromConfusion } from "./kappa.js";
import { optOneOf } from "./options.js";
import type { BinaryStatOptions, MulticlassStatOptions } from "./stat-defs.js";
import {
  binaryConfusionMetric,
  binaryConfusionMetricDef,
  type ConfusionMetricSpec,
  multiclassConfusionMetric,
  multiclassConfusionMetricDef,
} from "./stat-metric.js";
import { type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export const cohenKappaMeta: MetricMeta = {
  id: "classification/cohen_kappa",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export interface CohenKappaOptions {
  /** Default "none". */
  weights?: KappaWeights;
}

export type { KappaWeights };
export { kappaFromConfusion };

const WEIGHTS: readonly KappaWeights[] = ["none", "linear", "quadratic"];

const cohenKappaSpec: ConfusionMetricSpec<
  KappaWeights,
  number,
  BinaryStatOptions & CohenKappaOptions,
  Omit<MulticlassStatOptions, "topK"> & CohenKappaOptions
> = {
  concept: "cohen_kappa",
  name: "CohenKappa",
  options: /* @__PURE__ */ optionNames<CohenKappaOptions>()("weights"),
  parse: (options, fn) =>
    optOneOf(fn, "weights", options.weights === null ? undefined : options.weights, WEIGHTS, "none"),
  reduce: kappaFromConfusion,
};

/**
 * Binary Cohen's kappa on thresholded predictions (`preds > threshold`). Matches torchmetrics
 * 1.9.0 `binary_cohen_kappa` and sklearn 1.9.1 `cohen_kappa_score`. NaN when every sample is in
 * one cell of agreement (0/0), as both references. O(n).
 */
export const binaryCohenKappaDef = /* @__PURE__ */ binaryConfusionMetricDef(cohenKappaSpec, cohenKappaMeta);
/** One-shot {@link binaryCohenKappaDef}. */
export const binaryCohenKappa = /* @__PURE__ */ binaryConfusionMetric(cohenKappaSpec);

/**
 * Multiclass Cohen's kappa with optional linear or quadratic weights (class indices as ordinal
 * positions). Matches torchmetrics 1.9.0 `multiclass_cohen_kappa` and sklearn 1.9.1
 * `cohen_kappa_score(weights=...)`. O(n + C^2).
 */
export const multiclassCohenKappaDef = /* @__PURE__ */ multiclassConfusionMetricDef(
  cohenKappaSpec,
  cohenKappaMeta,
);
/** One-shot {@link multiclassCohenKappaDef}. */
export const multiclassCohenKappa = /* @__PURE__ */ multiclassConfusionMetric(cohenKappaSpec);

/** Task-dispatching cohenKappa (`task: "binary" | "multiclass"`; torchmetrics 1.9.0 `cohen_kappa` task wrapper). */
export const cohenKappa = /* @__PURE__ */ taskFunction("cohenKappa", {
  binary: binaryCohenKappa,
  multiclass: multiclassCohenKappa,
}) as PlainTask<
  BinaryStatOptions & CohenKappaOptions,
  Omit<MulticlassStatOptions, "topK"> & CohenKappaOptions,
  never,
  number
>;
/** The def of {@link cohenKappa}. */
export const cohenKappaDef = /* @__PURE__ */ taskDef("cohenKappa", {
  binary: binaryCohenKappaDef,
  multiclass: multiclassCohenKappaDef,
}) as PlainTaskDef<
  BinaryStatOptions & CohenKappaOptions,
  Omit<MulticlassStatOptions, "topK"> & CohenKappaOptions,
  never,
  number
>;
