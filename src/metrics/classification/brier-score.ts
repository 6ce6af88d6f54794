import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { type ClassLabel, optPosLabel, readClassList } from "./labels.js";
import {
  type BinaryMeanSpec,
  binaryMeanDef,
  binaryMeanSteps,
  type MeanState,
  type MulticlassMeanSpec,
  multiclassMeanDef,
  multiclassMeanSteps,
} from "./mean-metric.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { optBoolean, optIgnoreIndex } from "./options.js";
import { optPredsKind, type PredsKind, probabilityRows } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-defs.js";
import { runMulticlassOneShotSteps, runOneShotSteps } from "./steps.js";
import { type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export const brierScoreMeta: MetricMeta = {
  id: "classification/brier_score",
  range: [0, 2],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1"],
};

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
const BRIER_OPTIONS = /* @__PURE__ */ optionNames<BinaryBrierScoreOptions>()(
  "ignoreIndex",
  "predsKind",
  "posLabel",
);

/** Binary Brier score mean((p - y)^2), optional `sampleWeight`. Matches sklearn 1.9.1 `brier_score_loss`. Range [0, 1]. O(n). */
export function binaryBrierScoreDef(
  options: BinaryBrierScoreOptions = {},
): MetricDef<MeanState, BinaryArgs, number> {
  const { o, spec } = readBinaryBrierScore(options);
  return binaryMeanDef({
    id: "classification/binary_brier_score",
    meta: brierScoreMeta,
    options: o,
    ...spec,
  });
}

/** Reads the options of {@link binaryBrierScoreDef} and {@link binaryBrierScore}: as read, and the mean they give. */
function readBinaryBrierScore(options: unknown): { o: Record<string, unknown>; spec: BinaryMeanSpec } {
  const fn = "binaryBrierScore";
  const o = readOptions(fn, options, BRIER_OPTIONS);
  const spec: BinaryMeanSpec = {
    fn,
    ignoreIndex: optIgnoreIndex(fn, o.ignoreIndex),
    kind: optPredsKind(fn, o.predsKind),
    posLabel: optPosLabel(fn, o.posLabel),
    value: (p, y) => (p - y) ** 2,
  };
  return { o, spec };
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
  return runOneShotSteps(
    (options) => binaryMeanSteps(readBinaryBrierScore(options).spec),
    preds,
    target,
    third,
    fourth,
  ) as number;
}

export interface MulticlassBrierScoreOptions extends BrierScoreOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /** The labels of the probability columns (sklearn's `labels`). */
  labels?: readonly ClassLabel[];
  /** Halve the sum (so two classes match the binary score). Default: true for 2 classes, false otherwise (sklearn "auto"). */
  scaleByHalf?: boolean;
}
const MULTICLASS_BRIER_OPTIONS = /* @__PURE__ */ optionNames<MulticlassBrierScoreOptions>()(
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
  const { o, spec } = readMulticlassBrierScore(options);
  return multiclassMeanDef({
    id: "classification/multiclass_brier_score",
    meta: brierScoreMeta,
    options: o,
    ...spec,
  });
}

/** Reads the options of {@link multiclassBrierScoreDef} and {@link multiclassBrierScore}: as read, and the mean they give. */
function readMulticlassBrierScore(options: unknown): {
  o: Record<string, unknown>;
  spec: MulticlassMeanSpec;
} {
  const fn = "multiclassBrierScore";
  const o = readOptions(fn, options, MULTICLASS_BRIER_OPTIONS);
  const { classes: C, index } = readClassList(fn, o, 8);
  const half = optBoolean(fn, "scaleByHalf", o.scaleByHalf, C === 2);
  const kind = optPredsKind(fn, o.predsKind);
  const spec: MulticlassMeanSpec = {
    fn,
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
  };
  return { o, spec };
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
  return runMulticlassOneShotSteps(
    "multiclassBrierScore",
    (options) => multiclassMeanSteps(readMulticlassBrierScore(options).spec),
    preds,
    target,
    third,
    fourth,
  ) as number;
}

/** Task-dispatching brierScore (`task: "binary" | "multiclass"`; sklearn `brier_score_loss`). */
export const brierScore = /* @__PURE__ */ taskFunction("brierScore", {
  binary: binaryBrierScore,
  multiclass: multiclassBrierScore,
}) as PlainTask<BinaryBrierScoreOptions, MulticlassBrierScoreOptions, never, number>;
/** The def of {@link brierScore}. */
export const brierScoreDef = /* @__PURE__ */ taskDef("brierScore", {
  binary: binaryBrierScoreDef,
  multiclass: multiclassBrierScoreDef,
}) as PlainTaskDef<BinaryBrierScoreOptions, MulticlassBrierScoreOptions, never, number>;
