import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { optZeroDivision, safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import {
  AVERAGES,
  type Average,
  type Averaged,
  type BinaryArgs,
  type BinaryStatOptions,
  binaryReduce,
  binaryStatDef,
  type ConfusionState,
  type MulticlassArgs,
  type MulticlassStatOptions,
  type MultilabelArgs,
  type MultilabelAverage,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multiclassReduce,
  multiclassStatDef,
  multilabelReduce,
  multilabelStatDef,
  optAverage,
} from "./stat-scores.js";

/** Catalog entry of precision (positive predictive value). */
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
  extends MulticlassStatOptions,
    FBetaOptions {
  /** Default "macro". */
  average?: A;
}
export interface MultilabelFBetaOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelStatOptions,
    FBetaOptions {
  /** Default "macro"; "samples" averages per-sample scores (sklearn). */
  average?: A;
}

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

/**
 * Binary F-beta (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP), positives where `preds > threshold`. Matches torchmetrics 1.9.0
 * `binary_fbeta` (and sklearn 1.9.1 `fbeta_score`). 0/0 gives `zeroDivision` (0). O(n).
 */
export function binaryFBetaDef(
  options: BinaryFBetaOptions,
  id = "classification/binary_fbeta",
  fn = "binaryFBeta",
): MetricDef<ConfusionState, BinaryArgs, number> {
  const zd = optZeroDivision(options.zeroDivision, fn);
  const beta = optBeta(options.beta, fn);
  return binaryStatDef({ id, meta: fBetaMeta, fn, reduce: binaryReduce(score(zd, beta)) }, { ...options });
}
/** One-shot {@link binaryFBetaDef}. */
export function binaryFBeta(preds: NumericArray, target: NumericArray, options: BinaryFBetaOptions): number {
  return runOnce(binaryFBetaDef(options), preds, target);
}

/**
 * Multiclass f-beta score per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_fbeta` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export function multiclassFBetaDef<A extends Average = "macro">(
  options: MulticlassFBetaOptions<A>,
  id = "classification/multiclass_fbeta",
  fn = "multiclassFBeta",
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  const zd = optZeroDivision(options.zeroDivision, fn);
  const beta = optBeta(options.beta, fn);
  const average = optAverage(options.average, AVERAGES, "macro", fn) as A;
  return multiclassStatDef(
    {
      id,
      meta: fBetaMeta,
      fn,
      reduce: multiclassReduce(score(zd, beta), options.numClasses, average, options.topK ?? 1),
    },
    { ...options },
    true,
  );
}
/** One-shot {@link multiclassFBetaDef}. */
export function multiclassFBeta<A extends Average = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassFBetaOptions<A>,
): Averaged<A> {
  return runOnce(multiclassFBetaDef(options), preds, target);
}

/** Multilabel f-beta score per label, averaged as torchmetrics 1.9.0 `multilabel_fbeta` (or sklearn "samples"). */
export function multilabelFBetaDef<A extends MultilabelAverage = "macro">(
  options: MultilabelFBetaOptions<A>,
  id = "classification/multilabel_fbeta",
  fn = "multilabelFBeta",
): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>> {
  const zd = optZeroDivision(options.zeroDivision, fn);
  const beta = optBeta(options.beta, fn);
  const average = optAverage(options.average, [...AVERAGES, "samples"], "macro", fn) as A;
  return multilabelStatDef(
    {
      id,
      meta: fBetaMeta,
      fn,
      reduce: multilabelReduce(score(zd, beta), options.numLabels, average),
      sampleScore: score(zd, beta),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelFBetaDef}. */
export function multilabelFBeta<A extends MultilabelAverage = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelFBetaOptions<A>,
): Averaged<A> {
  return runOnce(multilabelFBetaDef(options), preds, target);
}

/** F1 options: the F-beta options without `beta` (fixed at 1). */
export type BinaryF1Options = Omit<BinaryFBetaOptions, "beta">;
export type MulticlassF1Options<A extends Average = Average> = Omit<MulticlassFBetaOptions<A>, "beta">;
export type MultilabelF1Options<A extends MultilabelAverage = MultilabelAverage> = Omit<
  MultilabelFBetaOptions<A>,
  "beta"
>;

/** Binary F1 = 2 TP / (2 TP + FP + FN): F-beta with beta 1. Matches torchmetrics 1.9.0 `binary_f1_score`, sklearn 1.9.1 `f1_score`. */
export function binaryF1Def(options: BinaryF1Options = {}): MetricDef<ConfusionState, BinaryArgs, number> {
  return binaryFBetaDef({ ...options, beta: 1 }, "classification/binary_f1", "binaryF1");
}
/** One-shot {@link binaryF1Def}. */
export function binaryF1(preds: NumericArray, target: NumericArray, options: BinaryF1Options = {}): number {
  return runOnce(binaryF1Def(options), preds, target);
}
/** Multiclass F1 (macro by default), as torchmetrics 1.9.0 `multiclass_f1_score`. */
export function multiclassF1Def<A extends Average = "macro">(
  options: MulticlassF1Options<A>,
): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>> {
  return multiclassFBetaDef<A>({ ...options, beta: 1 }, "classification/multiclass_f1", "multiclassF1");
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
  return multilabelFBetaDef<A>({ ...options, beta: 1 }, "classification/multilabel_f1", "multilabelF1");
}
/** One-shot {@link multilabelF1Def}. */
export function multilabelF1<A extends MultilabelAverage = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelF1Options<A>,
): Averaged<A> {
  return runOnce(multilabelF1Def(options), preds, target);
}
