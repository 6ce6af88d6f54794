import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { binaryMeanDef, type MeanState, multiclassMeanDef } from "./mean-metric.js";
import { classificationEntry } from "./meta.js";
import { optBoolean, optClassCount, optIgnoreIndex } from "./options.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-scores.js";

/** Catalog entry of the Brier score. */
export const brierScoreMeta = classificationEntry({
  id: "classification/brier_score",
  title: "Brier score",
  formula: "\\frac{1}{N}\\sum_n \\sum_k (\\hat p_{n,k}-[y_n=k])^2",
  range: [0, 2],
  direction: "lower",
  exports: ["binaryBrierScore", "multiclassBrierScore"],
  implementation: "scikit-learn 1.9.1 brier_score_loss",
  paper: "Brier 1950",
  robustness: ["a bounded proper scoring rule: less dominated by confident mistakes than log loss"],
  traits: ["probabilistic", "calibration"],
});

export interface BrierScoreOptions {
  ignoreIndex?: number;
}
const BRIER_OPTIONS = optionNames<BrierScoreOptions>()("ignoreIndex");

/** Binary Brier score mean((p - y)^2), optional `sampleWeight`. Matches sklearn 1.9.1 `brier_score_loss`. Range [0, 1]. O(n). */
export function binaryBrierScoreDef(
  options: BrierScoreOptions = {},
): MetricDef<MeanState, BinaryArgs, number> {
  const fn = "binaryBrierScore";
  const o = readOptions(fn, options, BRIER_OPTIONS);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  return binaryMeanDef({
    id: "classification/binary_brier_score",
    fn,
    meta: brierScoreMeta,
    options: o,
    ignoreIndex,
    probabilities: true,
    value: (p, y) => (p - y) ** 2,
  });
}
/** One-shot {@link binaryBrierScoreDef}. */
export function binaryBrierScore(
  preds: NumericArray,
  target: NumericArray,
  options: BrierScoreOptions = {},
): number {
  return runOnce(binaryBrierScoreDef(options), preds, target);
}

export interface MulticlassBrierScoreOptions extends BrierScoreOptions {
  numClasses: number;
  /** Halve the sum (so two classes match the binary score). Default: true for 2 classes, false otherwise (sklearn "auto"). */
  scaleByHalf?: boolean;
}
const MULTICLASS_BRIER_OPTIONS = optionNames<MulticlassBrierScoreOptions>()(
  "ignoreIndex",
  "numClasses",
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
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const C = optClassCount(fn, "numClasses", o.numClasses, (c) => 8 * c);
  const half = optBoolean(fn, "scaleByHalf", o.scaleByHalf, C === 2);
  return multiclassMeanDef({
    id: "classification/multiclass_brier_score",
    fn,
    meta: brierScoreMeta,
    options: o,
    ignoreIndex,
    probabilities: true,
    numClasses: C,
    value(scores, row, y) {
      let s = 0;
      for (let c = 0; c < C; c++) s += (scores[row + c]! - (y === c ? 1 : 0)) ** 2;
      return half ? s / 2 : s;
    },
  });
}
/** One-shot {@link multiclassBrierScoreDef}. */
export function multiclassBrierScore(
  preds: MatrixInput,
  target: NumericArray,
  options: MulticlassBrierScoreOptions,
): number {
  return runOnce(multiclassBrierScoreDef(options), preds, target);
}
