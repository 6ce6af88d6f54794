import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { type MetricDef, runOnce } from "../../metric.js";
import {
  assertSameRows,
  optBoolean,
  optIgnoreIndex,
  optNumClasses,
  readBinaryTarget,
  readLabels,
  readScoreMatrix,
  readScores,
  readWeights,
} from "./input.js";
import { type MeanState, meanDef } from "./log-loss.js";
import { classificationEntry } from "./meta.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-scores.js";

/** Catalog entry of the hinge loss (as an evaluation metric). */
export const hingeLossMeta = classificationEntry({
  id: "classification/hinge",
  title: "Hinge loss",
  formula:
    "\\frac{1}{N}\\sum_n \\max(0, 1 - m_n)^{(2)},\\ m_n = y_n s_n \\text{ or } s_{n,y_n}-\\max_{k\\ne y_n} s_{n,k}",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  exports: ["binaryHingeLoss", "multiclassHingeLoss"],
  implementation:
    "torchmetrics 1.9.0 binary_hinge_loss; scikit-learn 1.9.1 hinge_loss (Crammer-Singer for multiclass)",
  paper: "Crammer & Singer 2001",
  robustness: ["margin-based; linear in the violation, so less outlier-sensitive than squared losses"],
});

export interface HingeLossOptions {
  /** Square each hinge term. Default false. */
  squared?: boolean;
  ignoreIndex?: number;
}

/**
 * Binary hinge loss mean(max(0, 1 - y' s)) with y' = +1 for target 1 and -1 for target 0, on
 * the scores as given (no sigmoid). Matches torchmetrics 1.9.0 `binary_hinge_loss` and sklearn
 * 1.9.1 `hinge_loss`. O(n).
 */
export function binaryHingeLossDef(options: HingeLossOptions = {}): MetricDef<MeanState, BinaryArgs, number> {
  const fn = "binaryHingeLoss";
  const squared = optBoolean(options.squared, false, fn, "squared");
  const ignoreIndex = optIgnoreIndex(options.ignoreIndex, fn);
  return meanDef({
    id: "classification/binary_hinge_loss",
    fn,
    meta: hingeLossMeta,
    options: { ...options },
    perSample(preds, target, sampleWeight) {
      const s = readScores(preds, fn);
      const t = readBinaryTarget(target, fn, ignoreIndex);
      assertSameRows(s.length, t.length, fn);
      const w = readWeights(sampleWeight, t.length, fn) ?? new Float64Array(t.length).fill(1);
      const values = new Float64Array(t.length);
      for (let i = 0; i < t.length; i++) {
        if (t[i] === ignoreIndex) {
          w[i] = 0;
          continue;
        }
        const h = Math.max(0, 1 - (t[i] === 1 ? s[i]! : -s[i]!));
        values[i] = squared ? h * h : h;
      }
      return { values, weights: w };
    },
  });
}
/** One-shot {@link binaryHingeLossDef}. */
export function binaryHingeLoss(
  preds: NumericArray,
  target: NumericArray,
  options: HingeLossOptions = {},
): number {
  return runOnce(binaryHingeLossDef(options), preds, target);
}

export interface MulticlassHingeLossOptions extends HingeLossOptions {
  numClasses: number;
}

/**
 * Multiclass Crammer-Singer hinge loss mean(max(0, 1 - (s_y - max_{k != y} s_k))) on the scores
 * as given. Matches sklearn 1.9.1 `hinge_loss` and torchmetrics 1.9.0 `multiclass_hinge_loss`
 * (crammer-singer) on inputs it does not softmax. O(n C).
 */
export function multiclassHingeLossDef(
  options: MulticlassHingeLossOptions,
): MetricDef<MeanState, MulticlassArgs, number> {
  const fn = "multiclassHingeLoss";
  const squared = optBoolean(options.squared, false, fn, "squared");
  const ignoreIndex = optIgnoreIndex(options.ignoreIndex, fn);
  const C = optNumClasses(options.numClasses, fn);
  return meanDef({
    id: "classification/multiclass_hinge_loss",
    fn,
    meta: hingeLossMeta,
    options: { ...options },
    perSample(preds, target, sampleWeight) {
      const m = readScoreMatrix(preds, fn, C);
      const t = readLabels(target, fn, C, ignoreIndex);
      assertSameRows(m.rows, t.length, fn);
      const w = readWeights(sampleWeight, t.length, fn) ?? new Float64Array(t.length).fill(1);
      const values = new Float64Array(t.length);
      for (let i = 0; i < t.length; i++) {
        const y = t[i]!;
        if (y === ignoreIndex) {
          w[i] = 0;
          continue;
        }
        let other = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < C; c++) if (c !== y && m.data[i * C + c]! > other) other = m.data[i * C + c]!;
        const h = Math.max(0, 1 - (m.data[i * C + y]! - other));
        values[i] = squared ? h * h : h;
      }
      return { values, weights: w };
    },
  });
}
/** One-shot {@link multiclassHingeLossDef}. */
export function multiclassHingeLoss(
  preds: MatrixInput,
  target: NumericArray,
  options: MulticlassHingeLossOptions,
): number {
  return runOnce(multiclassHingeLossDef(options), preds, target);
}
