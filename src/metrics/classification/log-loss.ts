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

export const logLossMeta: MetricMeta = {
  id: "classification/log_loss",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1"],
};

export type { MeanState } from "./mean-metric.js";

const EPS = 2.220446049250313e-16;
const clip = (p: number) => (p < EPS ? EPS : Math.min(p, 1 - EPS));

type Weight = NdInput | undefined;

export interface LogLossOptions {
  /** Samples whose target equals this value are left out. */
  ignoreIndex?: number;
  /**
   * Default "auto": values outside [0, 1] are logits (sigmoid, or softmax per row); probability
   * rows within 1e-3 of summing to 1 are renormalised; see docs/defaults.md.
   */
  predsKind?: PredsKind;
  /** Default true: the mean; false: the weighted sum (sklearn's `normalize=False`). */
  normalize?: boolean;
}
export interface BinaryLogLossOptions extends LogLossOptions {
  /** The positive label of `target` (sklearn's `pos_label`); `preds` stay the positive class's probabilities. */
  posLabel?: ClassLabel;
}
const BINARY_LOG_LOSS_OPTIONS = /* @__PURE__ */ optionNames<BinaryLogLossOptions>()(
  "ignoreIndex",
  "predsKind",
  "normalize",
  "posLabel",
);

/**
 * Binary log loss -mean(y log p + (1 - y) log(1 - p)) with p the probability of class 1,
 * clipped to [eps, 1 - eps] (eps = 2^-52) as sklearn 1.9.1 `log_loss`; optional `sampleWeight`.
 * O(n), O(1) state.
 */
export function binaryLogLossDef(
  options: BinaryLogLossOptions = {},
): MetricDef<MeanState, BinaryArgs, number> {
  const { o, spec } = readBinaryLogLoss(options);
  return binaryMeanDef({ id: "classification/binary_log_loss", meta: logLossMeta, options: o, ...spec });
}

/** Reads the options of {@link binaryLogLossDef} and {@link binaryLogLoss}: as read, and the mean they give. */
function readBinaryLogLoss(options: unknown): { o: Record<string, unknown>; spec: BinaryMeanSpec } {
  const fn = "binaryLogLoss";
  const o = readOptions(fn, options, BINARY_LOG_LOSS_OPTIONS);
  const spec: BinaryMeanSpec = {
    fn,
    ignoreIndex: optIgnoreIndex(fn, o.ignoreIndex),
    kind: optPredsKind(fn, o.predsKind),
    posLabel: optPosLabel(fn, o.posLabel),
    sum: !optBoolean(fn, "normalize", o.normalize, true),
    value: (p, y) => (y === 1 ? -Math.log(clip(p)) : -Math.log(clip(1 - p))),
  };
  return { o, spec };
}
/** One-shot {@link binaryLogLossDef}: `(preds, target[, sampleWeight][, options])`. */
export function binaryLogLoss(preds: NdInput, target: LabelInput, options?: BinaryLogLossOptions): number;
export function binaryLogLoss(
  preds: NdInput,
  target: LabelInput,
  sampleWeight: Weight,
  options?: BinaryLogLossOptions,
): number;
export function binaryLogLoss(preds: NdInput, target: LabelInput, third?: unknown, fourth?: unknown): number {
  return runOneShotSteps(
    (options) => binaryMeanSteps(readBinaryLogLoss(options).spec),
    preds,
    target,
    third,
    fourth,
  ) as number;
}

export interface MulticlassLogLossOptions extends LogLossOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /** The labels of the probability columns (sklearn's `labels`); targets may hold them. */
  labels?: readonly ClassLabel[];
}
const MULTICLASS_LOG_LOSS_OPTIONS = /* @__PURE__ */ optionNames<MulticlassLogLossOptions>()(
  "ignoreIndex",
  "predsKind",
  "normalize",
  "numClasses",
  "labels",
);

/**
 * Multiclass log loss -mean(log p[n, y_n]) over an N x C probability matrix, entries clipped to
 * [eps, 1 - eps] as sklearn 1.9.1 `log_loss`. Rows of probabilities rounded in storage (a CSV
 * with 6 decimals: sums 1 ± 3e-6) are renormalised, as sklearn 1.2; logits get a softmax. O(n C).
 */
export function multiclassLogLossDef(
  options: MulticlassLogLossOptions,
): MetricDef<MeanState, MulticlassArgs, number> {
  const { o, spec } = readMulticlassLogLoss(options);
  return multiclassMeanDef({
    id: "classification/multiclass_log_loss",
    meta: logLossMeta,
    options: o,
    ...spec,
  });
}

/** Reads the options of {@link multiclassLogLossDef} and {@link multiclassLogLoss}: as read, and the mean they give. */
function readMulticlassLogLoss(options: unknown): { o: Record<string, unknown>; spec: MulticlassMeanSpec } {
  const fn = "multiclassLogLoss";
  const o = readOptions(fn, options, MULTICLASS_LOG_LOSS_OPTIONS);
  const { classes, index } = readClassList(fn, o, 8);
  const kind = optPredsKind(fn, o.predsKind);
  const spec: MulticlassMeanSpec = {
    fn,
    ignoreIndex: optIgnoreIndex(fn, o.ignoreIndex),
    kind,
    sum: !optBoolean(fn, "normalize", o.normalize, true),
    numClasses: classes,
    index,
    rows: (scores, C) => probabilityRows(scores, C, kind, fn),
    value: (rows, row, y) => -Math.log(clip(rows[row + y]!)),
  };
  return { o, spec };
}
/** One-shot {@link multiclassLogLossDef}: `(preds, target[, sampleWeight], options)`. */
export function multiclassLogLoss(
  preds: NdInput,
  target: LabelInput,
  options: MulticlassLogLossOptions,
): number;
export function multiclassLogLoss(
  preds: NdInput,
  target: LabelInput,
  sampleWeight: Weight,
  options: MulticlassLogLossOptions,
): number;
export function multiclassLogLoss(
  preds: NdInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runMulticlassOneShotSteps(
    "multiclassLogLoss",
    (options) => multiclassMeanSteps(readMulticlassLogLoss(options).spec),
    preds,
    target,
    third,
    fourth,
  ) as number;
}

/** Task-dispatching logLoss (`task: "binary" | "multiclass"`; sklearn `log_loss`). */
export const logLoss = /* @__PURE__ */ taskFunction("logLoss", {
  binary: binaryLogLoss,
  multiclass: multiclassLogLoss,
}) as PlainTask<BinaryLogLossOptions, MulticlassLogLossOptions, never, number>;
/** The def of {@link logLoss}. */
export const logLossDef = /* @__PURE__ */ taskDef("logLoss", {
  binary: binaryLogLossDef,
  multiclass: multiclassLogLossDef,
}) as PlainTaskDef<BinaryLogLossOptions, MulticlassLogLossOptions, never, number>;
