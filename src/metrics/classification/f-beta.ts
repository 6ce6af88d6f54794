import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import { type MulticlassAveragedOptions, type MultilabelAveragedOptions, statMetric } from "./stat-metric.js";
import type {
  Average,
  Averaged,
  BinaryArgs,
  BinaryStatOptions,
  ConfusionState,
  MulticlassArgs,
  MultilabelArgs,
  MultilabelAverage,
  MultilabelCountsState,
} from "./stat-scores.js";

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
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    fail("invalid_option", `${fn}: option \`beta\` must be a finite number > 0, got ${describeValue(value)}`);
  }
  return value;
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

/** Binary F1 = 2 TP / (2 TP + FP + FN): F-beta with beta 1. Matches torchmetrics 1.9.0 `binary_f1_score`, sklearn 1.9.1 `f1_score`. */
export function binaryF1Def(options: BinaryF1Options = {}): MetricDef<ConfusionState, BinaryArgs, number> {
  return binaryFBetaDef({ ...options, beta: 1 }, { id: "classification/binary_f1", fn: "binaryF1" });
}
/** One-shot {@link binaryF1Def}. */
export function binaryF1(preds: NumericArray, target: NumericArray, options: BinaryF1Options = {}): number {
  return runOnce(binaryF1Def(options), preds, target);
}
/** Multiclass F1 (macro by default), as torchmetrics 1.9.0 `multiclass_f1_score`. */
export function multiclassF1Def<A extends Average = "macro">(
  options: MulticlassF1Options<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  return multiclassFBetaDef<A>(
    { ...options, beta: 1 },
    { id: "classification/multiclass_f1", fn: "multiclassF1" },
  );
}
/** One-shot {@link multiclassF1Def}. */
export function multiclassF1<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassF1Options<A>,
): Averaged<A> {
  return runOnce(multiclassF1Def(options), preds, target);
}
/** Multilabel F1 (macro by default), as torchmetrics 1.9.0 `multilabel_f1_score`; "samples" as sklearn 1.9.1 `f1_score`. */
export function multilabelF1Def<A extends MultilabelAverage = "macro">(
  options: MultilabelF1Options<A>,
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  return multilabelFBetaDef<A>(
    { ...options, beta: 1 },
    { id: "classification/multilabel_f1", fn: "multilabelF1" },
  );
}
/** One-shot {@link multilabelF1Def}. */
export function multilabelF1<A extends MultilabelAverage = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelF1Options<A>,
): Averaged<A> {
  return runOnce(multilabelF1Def(options), preds, target);
}
