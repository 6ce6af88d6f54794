import { optionNames } from "../../core/options.js";
import { type KappaWeights, kappaFromConfusion } from "./kappa.js";
import { classificationEntry } from "./meta.js";
import { optOneOf } from "./options.js";
import type { BinaryStatOptions, MulticlassStatOptions } from "./stat-defs.js";
import { confusionMetric } from "./stat-metric.js";

/** Catalog entry of Cohen's kappa. */
export const cohenKappaMeta = classificationEntry({
  id: "classification/cohen_kappa",
  title: "Cohen's kappa",
  formula: "\\kappa = 1-\\frac{\\sum_{ij} w_{ij} O_{ij}}{\\sum_{ij} w_{ij} E_{ij}}",
  range: [-1, 1],
  direction: "higher",
  exports: ["binaryCohenKappa", "multiclassCohenKappa"],
  implementation: "torchmetrics 1.9.0 binary/multiclass_cohen_kappa; scikit-learn 1.9.1 cohen_kappa_score",
  paper: "Cohen 1960; Cohen 1968 (weighted)",
  robustness: ["corrects accuracy for chance agreement; quadratic weights suit ordinal classes"],
  traits: ["imbalanced", "ordinal"],
});

export interface CohenKappaOptions {
  /** Default "none". */
  weights?: KappaWeights;
}

export type { KappaWeights };
export { kappaFromConfusion };

const WEIGHTS: readonly KappaWeights[] = ["none", "linear", "quadratic"];

const cohenKappaMetric = confusionMetric<
  BinaryStatOptions & CohenKappaOptions,
  Omit<MulticlassStatOptions, "topK"> & CohenKappaOptions,
  number,
  KappaWeights
>({
  concept: "cohen_kappa",
  name: "CohenKappa",
  meta: cohenKappaMeta,
  options: optionNames<CohenKappaOptions>()("weights"),
  parse: (options, fn) =>
    optOneOf(fn, "weights", options.weights === null ? undefined : options.weights, WEIGHTS, "none"),
  reduce: kappaFromConfusion,
});

/**
 * Binary Cohen's kappa on thresholded predictions (`preds > threshold`). Matches torchmetrics
 * 1.9.0 `binary_cohen_kappa` and sklearn 1.9.1 `cohen_kappa_score`. NaN when every sample is in
 * one cell of agreement (0/0), as both references. O(n).
 */
export const binaryCohenKappaDef = cohenKappaMetric.binaryDef;
/** One-shot {@link binaryCohenKappaDef}. */
export const binaryCohenKappa = cohenKappaMetric.binary;

/**
 * Multiclass Cohen's kappa with optional linear or quadratic weights (class indices as ordinal
 * positions). Matches torchmetrics 1.9.0 `multiclass_cohen_kappa` and sklearn 1.9.1
 * `cohen_kappa_score(weights=...)`. O(n + C^2).
 */
export const multiclassCohenKappaDef = cohenKappaMetric.multiclassDef;
/** One-shot {@link multiclassCohenKappaDef}. */
export const multiclassCohenKappa = cohenKappaMetric.multiclass;

/** Task-dispatching cohenKappa (`task: "binary" | "multiclass"`; torchmetrics 1.9.0 `cohen_kappa` task wrapper). */
export const cohenKappa = cohenKappaMetric.task;
/** The def of {@link cohenKappa}. */
export const cohenKappaDef = cohenKappaMetric.taskDef;
