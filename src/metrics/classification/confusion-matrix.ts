import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import type { MultilabelCounts } from "./confusion-kernel.js";
import type { NdInput } from "./ndarray.js";
import { oneShotArgs } from "./one-shot.js";
import { optOneOf } from "./options.js";
import {
  type BinaryStatOptions,
  MULTILABEL_STAT_OPTIONS,
  type MulticlassStatOptions,
  type MultilabelArgs,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multilabelStatDef,
  multilabelStatSteps,
  readNumLabels,
} from "./stat-defs.js";
import {
  binaryConfusionMetric,
  binaryConfusionMetricDef,
  type ConfusionMetricSpec,
  multiclassConfusionMetric,
  multiclassConfusionMetricDef,
} from "./stat-metric.js";
import { runSteps } from "./steps.js";
import { type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export const confusionMatrixMeta: MetricMeta = {
  id: "classification/confusion_matrix",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "none",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

/** How to normalise: over true rows, predicted columns, everything, or not at all (default). */
export type ConfusionNormalize = "true" | "pred" | "all" | "none";
const NORMALIZE: readonly ConfusionNormalize[] = ["true", "pred", "all", "none"];

export interface ConfusionOptions {
  /** Default "none" (counts). 0/0 rows or columns become 0, as torchmetrics. */
  normalize?: ConfusionNormalize;
}

const CONFUSION_OPTIONS = /* @__PURE__ */ optionNames<ConfusionOptions>()("normalize");

/** `normalize`; `null` means none (torchmetrics' `normalize=None`). */
function optNormalize(fn: string, value: unknown): ConfusionNormalize {
  return optOneOf(fn, "normalize", value === null ? undefined : value, NORMALIZE, "none");
}

/** Normalises a C x C matrix (rows = target) in place of a copy; returns it as rows. */
function normalizeRows(m: Float64Array, C: number, normalize: ConfusionNormalize): number[][] {
  const rows: number[][] = [];
  let total = 0;
  for (let i = 0; i < m.length; i++) total += m[i]!;
  for (let t = 0; t < C; t++) {
    const row: number[] = [];
    let rowSum = 0;
    for (let p = 0; p < C; p++) rowSum += m[t * C + p]!;
    for (let p = 0; p < C; p++) {
      const v = m[t * C + p]!;
      let den = 1;
      if (normalize === "true") den = rowSum;
      else if (normalize === "all") den = total;
      else if (normalize === "pred") {
        den = 0;
        for (let r = 0; r < C; r++) den += m[r * C + p]!;
      }
      row.push(den === 0 ? 0 : v / den);
    }
    rows.push(row);
  }
  return rows;
}

const confusionMatrixSpec: ConfusionMetricSpec<
  ConfusionNormalize,
  number[][],
  BinaryStatOptions & ConfusionOptions,
  Omit<MulticlassStatOptions, "topK"> & ConfusionOptions
> = {
  concept: "confusion_matrix",
  name: "ConfusionMatrix",
  options: CONFUSION_OPTIONS,
  parse: (options, fn) => optNormalize(fn, options.normalize),
  reduce: normalizeRows,
};

/**
 * Binary confusion matrix `[[TN, FP], [FN, TP]]` (rows = target), positives where
 * `preds > threshold`; optionally normalised. Matches torchmetrics 1.9.0 `binary_confusion_matrix`
 * and sklearn 1.9.1 `confusion_matrix`. O(n).
 */
export const binaryConfusionMatrixDef = /* @__PURE__ */ binaryConfusionMetricDef(
  confusionMatrixSpec,
  confusionMatrixMeta,
);
/** One-shot {@link binaryConfusionMatrixDef}. */
export const binaryConfusionMatrix = /* @__PURE__ */ binaryConfusionMetric(confusionMatrixSpec);

/**
 * Multiclass confusion matrix C x C (rows = target, columns = prediction; argmax of scores).
 * Matches torchmetrics 1.9.0 `multiclass_confusion_matrix` and sklearn 1.9.1 `confusion_matrix`.
 * O(n + C^2) time, O(C^2) state.
 */
export const multiclassConfusionMatrixDef = /* @__PURE__ */ multiclassConfusionMetricDef(
  confusionMatrixSpec,
  confusionMatrixMeta,
);
/** One-shot {@link multiclassConfusionMatrixDef}. */
export const multiclassConfusionMatrix = /* @__PURE__ */ multiclassConfusionMetric(confusionMatrixSpec);

/** Reads the options of the multilabel confusion matrices: the options as read and their reduction. */
function readMultilabelConfusion(options: unknown) {
  const fn = "multilabelConfusionMatrix";
  const o = readOptions(fn, options, [...MULTILABEL_STAT_OPTIONS, ...CONFUSION_OPTIONS]);
  const normalize = optNormalize(fn, o.normalize);
  const numLabels = readNumLabels(fn, o.numLabels);
  const reduce = (s: MultilabelCounts) =>
    Array.from({ length: numLabels }, (_, l) =>
      normalizeRows(s.counts.subarray(l * 4, l * 4 + 4), 2, normalize),
    );
  return { o, reductions: { fn, reduce } };
}

/**
 * Multilabel confusion matrices: one `[[TN, FP], [FN, TP]]` per label (L x 2 x 2). Matches
 * torchmetrics 1.9.0 `multilabel_confusion_matrix` and sklearn 1.9.1 `multilabel_confusion_matrix`.
 */
export function multilabelConfusionMatrixDef(
  options: MultilabelStatOptions & ConfusionOptions,
): MetricDef<MultilabelCountsState, MultilabelArgs, number[][][]> {
  const { o, reductions } = readMultilabelConfusion(options);
  return multilabelStatDef(
    { id: "classification/multilabel_confusion_matrix", meta: confusionMatrixMeta, ...reductions },
    o,
  );
}
/** One-shot {@link multilabelConfusionMatrixDef}. */
export function multilabelConfusionMatrix(
  preds: NdInput,
  target: NdInput,
  third: NdInput | undefined | (MultilabelStatOptions & ConfusionOptions),
  fourth?: MultilabelStatOptions & ConfusionOptions,
): number[][][] {
  const { sampleWeight, options } = oneShotArgs(third, fourth);
  const { o, reductions } = readMultilabelConfusion(options);
  return runSteps(multilabelStatSteps(reductions, o).steps, preds, target, sampleWeight) as number[][][];
}

type B = BinaryStatOptions & ConfusionOptions;
type M = MulticlassStatOptions & ConfusionOptions;
type L = MultilabelStatOptions & ConfusionOptions;
/**
 * Task-dispatching confusion matrix (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `confusion_matrix` task wrapper: C x C (binary 2 x 2), multilabel L x 2 x 2.
 */
export const confusionMatrix = /* @__PURE__ */ taskFunction("confusionMatrix", {
  binary: binaryConfusionMatrix,
  multiclass: multiclassConfusionMatrix,
  multilabel: multilabelConfusionMatrix,
}) as PlainTask<B, M, L, number[][], number[][], number[][][]>;
/** The def of {@link confusionMatrix}. */
export const confusionMatrixDef = /* @__PURE__ */ taskDef("confusionMatrix", {
  binary: binaryConfusionMatrixDef,
  multiclass: multiclassConfusionMatrixDef,
  multilabel: multilabelConfusionMatrixDef,
}) as PlainTaskDef<B, M, L, number[][], number[][], number[][][]>;
