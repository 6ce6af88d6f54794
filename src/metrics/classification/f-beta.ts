import { optionNames, optNumber, required } from "../../core/options.js";
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

export const fBetaMeta: MetricMeta = {
  id: "classification/fbeta",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

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

const fBetaSpec: StatMetricSpec<BinaryFBetaOptions, MulticlassFBetaOptions, MultilabelFBetaOptions> = {
  concept: "fbeta",
  name: "FBeta",
  options: /* @__PURE__ */ optionNames<FBetaOptions>()("beta", "zeroDivision"),
  score: (zd, options, fn) => score(zd, optBeta(options.beta, fn)),
  zeroDivision: true,
  samples: true,
};

/**
 * Binary F-beta (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_fbeta` (and sklearn 1.9.1 `fbeta_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export const binaryFBetaDef = /* @__PURE__ */ binaryStatMetricDef(fBetaSpec, fBetaMeta);
/** One-shot {@link binaryFBetaDef}. */
export const binaryFBeta = /* @__PURE__ */ binaryStatMetric(fBetaSpec);

/**
 * Multiclass f-beta score per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_fbeta` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassFBetaDef = /* @__PURE__ */ multiclassStatMetricDef(fBetaSpec, fBetaMeta);
/** One-shot {@link multiclassFBetaDef}. */
export const multiclassFBeta = /* @__PURE__ */ multiclassStatMetric(fBetaSpec);

/** Multilabel f-beta score per label, averaged as torchmetrics 1.9.0 `multilabel_fbeta` (or sklearn "samples"). */
export const multilabelFBetaDef = /* @__PURE__ */ multilabelStatMetricDef(fBetaSpec, fBetaMeta);
/** One-shot {@link multilabelFBetaDef}. */
export const multilabelFBeta = /* @__PURE__ */ multilabelStatMetric(fBetaSpec);

/** F1 options: the F-beta options without `beta` (fixed at 1). */
export type BinaryF1Options = Omit<BinaryFBetaOptions, "beta">;
export type MulticlassF1Options<A extends Average = Average> = Omit<MulticlassFBetaOptions<A>, "beta">;
export type MultilabelF1Options<A extends MultilabelAverage = MultilabelAverage> = Omit<
  MultilabelFBetaOptions<A>,
  "beta"
>;

/** The F1 options of its own: the value of 0/0 (`beta` is fixed at 1). */
export type F1Options = Omit<FBetaOptions, "beta">;

const f1Spec: StatMetricSpec<BinaryF1Options, MulticlassF1Options, MultilabelF1Options> = {
  concept: "f1",
  name: "F1",
  options: /* @__PURE__ */ optionNames<F1Options>()("zeroDivision"),
  score: (zd) => score(zd, 1),
  zeroDivision: true,
  samples: true,
};

/** Binary F1 = 2 TP / (2 TP + FP + FN): F-beta with beta 1. Matches torchmetrics 1.9.0 `binary_f1_score`, sklearn 1.9.1 `f1_score`. */
export const binaryF1Def = /* @__PURE__ */ binaryStatMetricDef(f1Spec, fBetaMeta);
/** One-shot {@link binaryF1Def}. */
export const binaryF1 = /* @__PURE__ */ binaryStatMetric(f1Spec);
/** Multiclass F1 (macro by default), as torchmetrics 1.9.0 `multiclass_f1_score`. */
export const multiclassF1Def = /* @__PURE__ */ multiclassStatMetricDef(f1Spec, fBetaMeta);
/** One-shot {@link multiclassF1Def}. */
export const multiclassF1 = /* @__PURE__ */ multiclassStatMetric(f1Spec);
/** Multilabel F1 (macro by default), as torchmetrics 1.9.0 `multilabel_f1_score`; "samples" as sklearn 1.9.1 `f1_score`. */
export const multilabelF1Def = /* @__PURE__ */ multilabelStatMetricDef(f1Spec, fBetaMeta);
/** One-shot {@link multilabelF1Def}. */
export const multilabelF1 = /* @__PURE__ */ multilabelStatMetric(f1Spec);

/**
 * Task-dispatching F-beta (`task: "binary" | "multiclass" | "multilabel"`), as the torchmetrics
 * 1.9.0 `fbeta_score` task wrapper: multiclass and multilabel `average` default to "micro".
 */
export const fBeta = /* @__PURE__ */ taskFunction(
  "fBeta",
  { binary: binaryFBeta, multiclass: multiclassFBeta, multilabel: multilabelFBeta },
  MICRO_AVERAGE,
) as StatTask<BinaryFBetaOptions, MulticlassFBetaOptions, MultilabelFBetaOptions>;
/** The def of {@link fBeta}. */
export const fBetaDef = /* @__PURE__ */ taskDef(
  "fBeta",
  { binary: binaryFBetaDef, multiclass: multiclassFBetaDef, multilabel: multilabelFBetaDef },
  MICRO_AVERAGE,
) as StatTaskDef<BinaryFBetaOptions, MulticlassFBetaOptions, MultilabelFBetaOptions>;
/** Task-dispatching F1, as the torchmetrics 1.9.0 `f1_score` task wrapper (`average` defaults to "micro"). */
export const f1 = /* @__PURE__ */ taskFunction(
  "f1",
  { binary: binaryF1, multiclass: multiclassF1, multilabel: multilabelF1 },
  MICRO_AVERAGE,
) as StatTask<BinaryF1Options, MulticlassF1Options, MultilabelF1Options>;
/** The def of {@link f1}. */
export const f1Def = /* @__PURE__ */ taskDef(
  "f1",
  { binary: binaryF1Def, multiclass: multiclassF1Def, multilabel: multilabelF1Def },
  MICRO_AVERAGE,
) as StatTaskDef<BinaryF1Options, MulticlassF1Options, MultilabelF1Options>;
