import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { binaryMeanDef, type MeanState, multiclassMeanDef } from "./mean-metric.js";
import { classificationEntry } from "./meta.js";
import { optClassCount, optIgnoreIndex } from "./options.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-scores.js";

/** Catalog entry of the log loss. */
export const logLossMeta = classificationEntry({
  id: "classification/log_loss",
  title: "Log loss (cross-entropy of predicted probabilities)",
  formula: "-\\frac{1}{N}\\sum_n \\log \\hat p_{n,y_n}",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  exports: ["binaryLogLoss", "multiclassLogLoss"],
  implementation: "scikit-learn 1.9.1 log_loss (probabilities clipped to [eps, 1 - eps], eps = 2^-52)",
  robustness: [
    "unbounded: one confident wrong prediction dominates",
    "a proper scoring rule: rewards calibrated probabilities",
  ],
  traits: ["probabilistic"],
});

export type { MeanState } from "./mean-metric.js";

const EPS = 2.220446049250313e-16;
const clip = (p: number) => (p < EPS ? EPS : Math.min(p, 1 - EPS));

export interface LogLossOptions {
  /** Samples whose target equals this value are left out. */
  ignoreIndex?: number;
}
const LOG_LOSS_OPTIONS = optionNames<LogLossOptions>()("ignoreIndex");

/**
 * Binary log loss -mean(y log p + (1 - y) log(1 - p)) with p the probability of class 1,
 * clipped to [eps, 1 - eps] (eps = 2^-52) as sklearn 1.9.1 `log_loss`; optional `sampleWeight`.
 * NaN for no samples. O(n), O(1) state.
 */
export function binaryLogLossDef(options: LogLossOptions = {}): MetricDef<MeanState, BinaryArgs, number> {
  const fn = "binaryLogLoss";
  const o = readOptions(fn, options, LOG_LOSS_OPTIONS);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  return binaryMeanDef({
    id: "classification/binary_log_loss",
    fn,
    meta: logLossMeta,
    options: o,
    ignoreIndex,
    probabilities: true,
    value: (p, y) => (y === 1 ? -Math.log(clip(p)) : -Math.log(clip(1 - p))),
  });
}
/** One-shot {@link binaryLogLossDef}. */
export function binaryLogLoss(
  preds: NumericArray,
  target: NumericArray,
  options: LogLossOptions = {},
): number {
  return runOnce(binaryLogLossDef(options), preds, target);
}

export interface MulticlassLogLossOptions extends LogLossOptions {
  numClasses: number;
}
const MULTICLASS_LOG_LOSS_OPTIONS = optionNames<MulticlassLogLossOptions>()("ignoreIndex", "numClasses");

/**
 * Multiclass log loss -mean(log p[n, y_n]) over an N x C probability matrix, entries clipped to
 * [eps, 1 - eps] as sklearn 1.9.1 `log_loss` (rows are not renormalised). O(n C).
 */
export function multiclassLogLossDef(
  options: MulticlassLogLossOptions,
): MetricDef<MeanState, MulticlassArgs, number> {
  const fn = "multiclassLogLoss";
  const o = readOptions(fn, options, MULTICLASS_LOG_LOSS_OPTIONS);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const C = optClassCount(fn, "numClasses", o.numClasses, (c) => 8 * c);
  return multiclassMeanDef({
    id: "classification/multiclass_log_loss",
    fn,
    meta: logLossMeta,
    options: o,
    ignoreIndex,
    probabilities: true,
    numClasses: C,
    value: (scores, row, y) => -Math.log(clip(scores[row + y]!)),
  });
}
/** One-shot {@link multiclassLogLossDef}. */
export function multiclassLogLoss(
  preds: MatrixInput,
  target: NumericArray,
  options: MulticlassLogLossOptions,
): number {
  return runOnce(multiclassLogLossDef(options), preds, target);
}
