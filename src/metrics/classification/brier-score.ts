import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef } from "../../metric.js";
import { type ClassLabel, optPosLabel, readClassList } from "./labels.js";
import { binaryMeanDef, type MeanState, multiclassMeanDef } from "./mean-metric.js";
import { classificationEntry } from "./meta.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runMulticlassOneShot, runOneShot } from "./one-shot.js";
import { optBoolean, optIgnoreIndex } from "./options.js";
import { optPredsKind, type PredsKind, probabilityRows } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-defs.js";
import { type PlainTask, type PlainTaskDef, taskDispatch } from "./task.js";

/** Catalog entry of the Brier score. */
export const brierScoreMeta = classificationEntry({
  id: "classification/brier_score",
  title: "Brier score",
  formula: "\\frac{1}{N}\\sum_n \\sum_k (\\hat p_{n,k}-[y_n=k])^2",
  range: [0, 2],
  direction: "lower",
  exports: ["binaryBrierScore", "multiclassBrierScore", "brierScore"],
  implementation: "scikit-learn 1.9.1 brier_score_loss",
  paper: "Brier 1950",
  robustness: ["a bounded proper scoring rule: less dominated by confident mistakes than log loss"],
  traits: ["probabilistic", "calibration"],
});

type Weight = NdInput | undefined;

export interface BrierScoreOptions {
  ignoreIndex?: number;
  /** Default "auto": logits get a sigmoid (softmax per row); rounded probability rows are renormalised. */
  predsKind?: PredsKind;
}
export interface BinaryBrierScoreOptions extends BrierScoreOptions {
  /** The positive label of `target` (sklearn's `pos_label`). */
  posLabel?: ClassLabel;
}
const BRIER_OPTIONS = optionNames<BinaryBrierScoreOptions>()("ignoreIndex", "predsKind", "posLabel");

/** Binary Brier score mean((p - y)^2), optional `sampleWeight`. Matches sklearn 1.9.1 `brier_score_loss`. Range [0, 1]. O(n). */
export function binaryBrierScoreDef(
  options: BinaryBrierScoreOptions = {},
): MetricDef<MeanState, BinaryArgs, number> {
  const fn = "binaryBrierScore";
  const o = readOptions(fn, options, BRIER_OPTIONS);
  return binaryMeanDef({
    id: "classification/binary_brier_score",
    fn,
    meta: brierScoreMeta,
    options: o,
    ignoreIndex: optIgnoreIndex(fn, o.ignoreIndex),
    kind: optPredsKind(fn, o.predsKind),
    posLabel: optPosLabel(fn, o.posLabel),
    value: (p, y) => (p - y) ** 2,
  });
}
/** One-shot {@link binaryBrierScoreDef}: `(preds, target[, sampleWeight][, options])`. */
export function binaryBrierScore(
  preds: NdInput,
  target: LabelInput,
  options?: BinaryBrierScoreOptions,
): number;
export function binaryBrierScore(
  preds: NdInput,
  target: LabelInput,
  sampleWeight: Weight,
  options?: BinaryBrierScoreOptions,
): number;
export function binaryBrierScore(
  preds: NdInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runOneShot(binaryBrierScoreDef, preds, target, third, fourth);
}

export interface MulticlassBrierScoreOptions extends BrierScoreOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /** The labels of the probability columns (sklearn's `labels`). */
  labels?: readonly ClassLabel[];
  /** Halve the sum (so two classes match the binary score). Default: true for 2 classes, false otherwise (sklearn "auto"). */
  scaleByHalf?: boolean;
}
const MULTICLASS_BRIER_OPTIONS = optionNames<MulticlassBrierScoreOptions>()(
  "ignoreIndex",
  "predsKind",
  "numClasses",
  "labels",
  "scaleByHalf",
);

/**
 * Multiclass Brier score mean(sum_k (p_k - [y = k])^2) over an N x C probability matrix; halved
 * for two classes as sklearn 1.9.1 `brier_score_loss(scale_by_half="auto")`. Range [0, 2]. O(n C).
 */
export function multiclassBrierScoreDef(
  options: MulticlassBrierScoreOptions,
): MetricDef<MeanState, MulticlassArgs, number> {
  const fn = "multiclassBrierScore";
  const o = readOptions(fn, options, MULTICLASS_BRIER_OPTIONS);
  const { classes: C, index } = readClassList(fn, o, 8);
  const half = optBoolean(fn, "scaleByHalf", o.scaleByHalf, C === 2);
  const kind = optPredsKind(fn, o.predsKind);
  return multiclassMeanDef({
    id: "classification/multiclass_brier_score",
    fn,
    meta: brierScoreMeta,
    options: o,
    ignoreIndex: optIgnoreIndex(fn, o.ignoreIndex),
    kind,
    numClasses: C,
    index,
    rows: (scores) => probabilityRows(scores, C, kind, fn),
    value(rows, row, y) {
      let s = 0;
      for (let c = 0; c < C; c++) s += (rows[row + c]! - (y === c ? 1 : 0)) ** 2;
      return half ? s / 2 : s;
    },
  });
}
/** One-shot {@link multiclassBrierScoreDef}: `(preds, target[, sampleWeight], options)`. */
export function multiclassBrierScore(
  preds: NdInput,
  target: LabelInput,
  options: MulticlassBrierScoreOptions,
): number;
export function multiclassBrierScore(
  preds: NdInput,
  target: LabelInput,
  sampleWeight: Weight,
  options: MulticlassBrierScoreOptions,
): number;
export function multiclassBrierScore(
  preds: NdInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runMulticlassOneShot(multiclassBrierScoreDef, "multiclassBrierScore", preds, target, third, fourth);
}

const dispatch = taskDispatch("brierScore", {
  binary: { def: binaryBrierScoreDef, fn: binaryBrierScore },
  multiclass: { def: multiclassBrierScoreDef, fn: multiclassBrierScore },
});
/** Task-dispatching brierScore (`task: "binary" | "multiclass"`; sklearn `brier_score_loss`). */
export const brierScore = dispatch.fn as PlainTask<
  BinaryBrierScoreOptions,
  MulticlassBrierScoreOptions,
  never,
  number
>;
/** The def of {@link brierScore}. */
export const brierScoreDef = dispatch.def as PlainTaskDef<
  BinaryBrierScoreOptions,
  MulticlassBrierScoreOptions,
  never,
  number
>;
