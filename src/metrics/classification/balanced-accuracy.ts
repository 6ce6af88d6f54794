import { optionNames } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { optBoolean } from "./options.js";
import type { BinaryStatOptions, MulticlassStatOptions } from "./stat-defs.js";
import {
  binaryConfusionMetric,
  binaryConfusionMetricDef,
  type ConfusionMetricSpec,
  multiclassConfusionMetric,
  multiclassConfusionMetricDef,
} from "./stat-metric.js";
import { type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export const balancedAccuracyMeta: MetricMeta = {
  id: "classification/balanced_accuracy",
  range: [0, 1],
  direction: "higher",
  conventions: ["scikit-learn-1.9.1"],
};

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

const balancedAccuracySpec: ConfusionMetricSpec<
  boolean,
  number,
  BinaryStatOptions & BalancedAccuracyOptions,
  Omit<MulticlassStatOptions, "topK"> & BalancedAccuracyOptions
> = {
  concept: "balanced_accuracy",
  name: "BalancedAccuracy",
  options: /* @__PURE__ */ optionNames<BalancedAccuracyOptions>()("adjusted"),
  parse: (options, fn) => optBoolean(fn, "adjusted", options.adjusted, false),
  reduce: balancedAccuracyFromConfusion,
};

/**
 * Binary balanced accuracy (sensitivity + specificity) / 2 on `preds > threshold`, averaging only
 * the classes present in the target. Matches sklearn 1.9.1 `balanced_accuracy_score`. O(n).
 */
export const binaryBalancedAccuracyDef = /* @__PURE__ */ binaryConfusionMetricDef(
  balancedAccuracySpec,
  balancedAccuracyMeta,
);
/** One-shot {@link binaryBalancedAccuracyDef}. */
export const binaryBalancedAccuracy = /* @__PURE__ */ binaryConfusionMetric(balancedAccuracySpec);

/** Multiclass balanced accuracy: mean per-class recall over classes present in the target. sklearn 1.9.1 `balanced_accuracy_score`. */
export const multiclassBalancedAccuracyDef = /* @__PURE__ */ multiclassConfusionMetricDef(
  balancedAccuracySpec,
  balancedAccuracyMeta,
);
/** One-shot {@link multiclassBalancedAccuracyDef}. */
export const multiclassBalancedAccuracy = /* @__PURE__ */ multiclassConfusionMetric(balancedAccuracySpec);

/** Task-dispatching balancedAccuracy (`task: "binary" | "multiclass"`; no torchmetrics wrapper; sklearn `balanced_accuracy_score`). */
export const balancedAccuracy = /* @__PURE__ */ taskFunction("balancedAccuracy", {
  binary: binaryBalancedAccuracy,
  multiclass: multiclassBalancedAccuracy,
}) as PlainTask<
  BinaryStatOptions & BalancedAccuracyOptions,
  Omit<MulticlassStatOptions, "topK"> & BalancedAccuracyOptions,
  never,
  number
>;
/** The def of {@link balancedAccuracy}. */
export const balancedAccuracyDef = /* @__PURE__ */ taskDef("balancedAccuracy", {
  binary: binaryBalancedAccuracyDef,
  multiclass: multiclassBalancedAccuracyDef,
}) as PlainTaskDef<
  BinaryStatOptions & BalancedAccuracyOptions,
  Omit<MulticlassStatOptions, "topK"> & BalancedAccuracyOptions,
  never,
  number
>;
