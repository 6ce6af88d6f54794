import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { optBoolean } from "./input.js";
import { classificationEntry } from "./meta.js";
import {
  type BinaryArgs,
  type BinaryStatOptions,
  binaryStatDef,
  type ConfusionState,
  type MulticlassArgs,
  type MulticlassStatOptions,
  multiclassStatDef,
} from "./stat-scores.js";

/** Catalog entry of balanced accuracy. */
export const balancedAccuracyMeta = classificationEntry({
  id: "classification/balanced_accuracy",
  title: "Balanced accuracy",
  formula: "\\frac{1}{|K|}\\sum_{k\\in K}\\frac{TP_k}{TP_k+FN_k}",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryBalancedAccuracy", "multiclassBalancedAccuracy"],
  implementation: "scikit-learn 1.9.1 balanced_accuracy_score",
  paper: "Brodersen et al. 2010",
  robustness: ["robust to class imbalance: each class present in the target weighs the same"],
  traits: ["imbalanced"],
});

export interface BalancedAccuracyOptions {
  /** Rescale so chance scores 0 and perfect 1: (score - 1/K) / (1 - 1/K). Default false (sklearn). */
  adjusted?: boolean;
}

/** Mean recall over the classes present in the target (rows with support), as sklearn. NaN when no sample. */
export function balancedAccuracyFromConfusion(m: ArrayLike<number>, C: number, adjusted: boolean): number {
  let sum = 0;
  let present = 0;
  for (let t = 0; t < C; t++) {
    let row = 0;
    for (let p = 0; p < C; p++) row += m[t * C + p]!;
    if (row === 0) continue;
    sum += m[t * C + t]! / row;
    present++;
  }
  if (present === 0) return Number.NaN;
  let score = sum / present;
  if (adjusted) {
    const chance = 1 / present;
    score = (score - chance) / (1 - chance);
  }
  return score;
}

/**
 * Binary balanced accuracy (sensitivity + specificity) / 2 on `preds > threshold`, averaging only
 * the classes present in the target. Matches sklearn 1.9.1 `balanced_accuracy_score`. O(n).
 */
export function binaryBalancedAccuracyDef(
  options: BinaryStatOptions & BalancedAccuracyOptions = {},
): MetricDef<ConfusionState, BinaryArgs, number> {
  const adjusted = optBoolean(options.adjusted, false, "binaryBalancedAccuracy", "adjusted");
  return binaryStatDef(
    {
      id: "classification/binary_balanced_accuracy",
      meta: balancedAccuracyMeta,
      fn: "binaryBalancedAccuracy",
      reduce: (m) => balancedAccuracyFromConfusion(m, 2, adjusted),
    },
    { ...options },
  );
}
/** One-shot {@link binaryBalancedAccuracyDef}. */
export function binaryBalancedAccuracy(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryStatOptions & BalancedAccuracyOptions = {},
): number {
  return runOnce(binaryBalancedAccuracyDef(options), preds, target);
}

/** Multiclass balanced accuracy: mean per-class recall over classes present in the target. sklearn 1.9.1 `balanced_accuracy_score`. */
export function multiclassBalancedAccuracyDef(
  options: Omit<MulticlassStatOptions, "topK"> & BalancedAccuracyOptions,
): MetricDef<ConfusionState, MulticlassArgs, number> {
  const adjusted = optBoolean(options.adjusted, false, "multiclassBalancedAccuracy", "adjusted");
  return multiclassStatDef(
    {
      id: "classification/multiclass_balanced_accuracy",
      meta: balancedAccuracyMeta,
      fn: "multiclassBalancedAccuracy",
      reduce: (m) => balancedAccuracyFromConfusion(m, options.numClasses, adjusted),
    },
    { ...options },
  );
}
/** One-shot {@link multiclassBalancedAccuracyDef}. */
export function multiclassBalancedAccuracy(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: Omit<MulticlassStatOptions, "topK"> & BalancedAccuracyOptions,
): number {
  return runOnce(multiclassBalancedAccuracyDef(options), preds, target);
}
