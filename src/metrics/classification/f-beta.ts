import { optionNames, optNumber, required } from "../../core/options.js";
import { safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import type { BinaryStatOptions } from "./stat-defs.js";
import type { Average, MultilabelAverage } from "./stat-metric.js";
import { type MulticlassAveragedOptions, type MultilabelAveragedOptions, statMetric } from "./stat-metric.js";

/** Catalog entry of the F-beta score. */
export const fBetaMeta = classificationEntry({
  id: "classification/fbeta",
  title: "F-beta score",
  formula: "F_\\beta=\\frac{(1+\\beta^2)TP}{(1+\\beta^2)TP+\\beta^2 FN+FP}",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryFBeta", "multiclassFBeta", "multilabelFBeta"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_fbeta_score and f1_score; scikit-learn 1.9.1 fbeta_score / f1_score (average='samples')",
  robustness: ["ignores true negatives; beta > 1 favours recall, beta < 1 precision"],
  traits: ["imbalanced"],
});

export interface FBetaOptions {
  /** Weight of recall relative to precision (> 0). Required by the F-beta functions; 1 for F1. */
  beta?: number;
  /** Value of 0/0. Default 0 (torchmetrics and sklearn's "warn"). */
  zeroDivision?: number;
}
export interface BinaryFBetaOptions extends BinaryStatOptions, FBetaOptions {}
export interface MulticlassFBetaOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    FBetaOptions {}
export interface MultilabelFBetaOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelAveragedOptions<A>,
    FBetaOptions {}

function optBeta(value: unknown, fn: string): number {
  return required(fn, "beta", optNumber(fn, "beta", value, undefined, { min: 0, minExclusive: true }));
}

const score = (zd: number, beta: number) => {
  const b2 = beta * beta;
  return (tp: number, fp: number, _tn: number, fn: number) =>
    safeDivide((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp, zd);
};

const fBetaMetric = statMetric<BinaryFBetaOptions, MulticlassFBetaOptions, MultilabelFBetaOptions>({
  concept: "fbeta",
  name: "FBeta",
  meta: fBetaMeta,
  options: optionNames<FBetaOptions>()("beta", "zeroDivision"),
  score: (zd, options, fn) => score(zd, optBeta(options.beta, fn)),
  zeroDivision: true,
  samples: true,
});

/**
 * Binary F-beta (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_fbeta` (and sklearn 1.9.1 `fbeta_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryFBetaDef = fBetaMetric.binaryDef;
/** One-shot {@link binaryFBetaDef}. */
export const binaryFBeta = fBetaMetric.binary;

/**
 * Multiclass f-beta score per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_fbeta` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassFBetaDef = fBetaMetric.multiclassDef;
/** One-shot {@link multiclassFBetaDef}. */
export const multiclassFBeta = fBetaMetric.multiclass;

/** Multilabel f-beta score per label, averaged as torchmetrics 1.9.0 `multilabel_fbeta` (or sklearn "samples"). */
export const multilabelFBetaDef = fBetaMetric.multilabelDef;
/** One-shot {@link multilabelFBetaDef}. */
export const multilabelFBeta = fBetaMetric.multilabel;

/** F1 options: the F-beta options without `beta` (fixed at 1). */
export type BinaryF1Options = Omit<BinaryFBetaOptions, "beta">;
export type MulticlassF1Options<A extends Average = Average> = Omit<MulticlassFBetaOptions<A>, "beta">;
export type MultilabelF1Options<A extends MultilabelAverage = MultilabelAverage> = Omit<
  MultilabelFBetaOptions<A>,
  "beta"
>;

/** The F1 options of its own: the value of 0/0 (`beta` is fixed at 1). */
export type F1Options = Omit<FBetaOptions, "beta">;

const f1Metric = statMetric<BinaryF1Options, MulticlassF1Options, MultilabelF1Options>({
  concept: "f1",
  name: "F1",
  meta: fBetaMeta,
  options: optionNames<F1Options>()("zeroDivision"),
  score: (zd) => score(zd, 1),
  zeroDivision: true,
  samples: true,
});

/** Binary F1 = 2 TP / (2 TP + FP + FN): F-beta with beta 1. Matches torchmetrics 1.9.0 `binary_f1_score`, sklearn 1.9.1 `f1_score`. */
export const binaryF1Def = f1Metric.binaryDef;
/** One-shot {@link binaryF1Def}. */
export const binaryF1 = f1Metric.binary;
/** Multiclass F1 (macro by default), as torchmetrics 1.9.0 `multiclass_f1_score`. */
export const multiclassF1Def = f1Metric.multiclassDef;
/** One-shot {@link multiclassF1Def}. */
export const multiclassF1 = f1Metric.multiclass;
/** Multilabel F1 (macro by default), as torchmetrics 1.9.0 `multilabel_f1_score`; "samples" as sklearn 1.9.1 `f1_score`. */
export const multilabelF1Def = f1Metric.multilabelDef;
/** One-shot {@link multilabelF1Def}. */
export const multilabelF1 = f1Metric.multilabel;

/**
 * Task-dispatching F-beta (`task: "binary" | "multiclass" | "multilabel"`), as the torchmetrics
 * 1.9.0 `fbeta_score` task wrapper: multiclass and multilabel `average` default to "micro".
 */
export const fBeta = fBetaMetric.task;
/** The def of {@link fBeta}. */
export const fBetaDef = fBetaMetric.taskDef;
/** Task-dispatching F1, as the torchmetrics 1.9.0 `f1_score` task wrapper (`average` defaults to "micro"). */
export const f1 = f1Metric.task;
/** The def of {@link f1}. */
export const f1Def = f1Metric.taskDef;
