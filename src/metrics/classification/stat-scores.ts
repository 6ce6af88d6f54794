/**
 * Stat scores: the counts of true and false positives and negatives (and the support TP + FN)
 * behind every threshold metric, reported per class or reduced by `average`.
 */
import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import {
  type Average,
  blockCounts,
  type ClassCounts,
  classCounts,
  type MultilabelCounts,
} from "./confusion-kernel.js";
import { safeDivide } from "./input.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { optAverage } from "./options.js";
import {
  BINARY_STAT_OPTIONS,
  type BinaryArgs,
  type BinaryStatOptions,
  binaryStatDef,
  binaryStatSteps,
  MULTICLASS_STAT_OPTIONS,
  MULTILABEL_STAT_OPTIONS,
  type MulticlassArgs,
  type MulticlassStatOptions,
  type MultilabelArgs,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multiclassStatDef,
  multiclassStatSteps,
  multilabelStatDef,
  multilabelStatSteps,
  readClasses,
  readNumLabels,
  type StatState,
  sliceCounts,
} from "./stat-defs.js";
import { runMulticlassOneShotSteps, runOneShotSteps } from "./steps.js";
import { MICRO_AVERAGE, type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export type { BinaryArgs } from "./stat-defs.js";

/** tp, fp, tn, fn and support (tp + fn). */
export interface StatScores {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  support: number;
}

/** Per-class stat scores (average "none"). */
export interface StatScoresPerClass {
  tp: number[];
  fp: number[];
  tn: number[];
  fn: number[];
  support: number[];
}

export const statScoresMeta: MetricMeta = {
  id: "classification/stat_scores",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "none",
  conventions: ["torchmetrics-1.9.0"],
};

function reduceStatScores(counts: ClassCounts, average: Average): StatScores | StatScoresPerClass {
  const { tp, fp, tn, fn } = counts;
  const C = tp.length;
  if (average === "none") {
    return {
      tp: Array.from(tp),
      fp: Array.from(fp),
      tn: Array.from(tn),
      fn: Array.from(fn),
      support: Array.from(tp, (v, i) => v + fn[i]!),
    };
  }
  const out = { tp: 0, fp: 0, tn: 0, fn: 0, support: 0 };
  let wsum = 0;
  for (let c = 0; c < C; c++) {
    const w = average === "weighted" ? tp[c]! + fn[c]! : 1;
    wsum += w;
    out.tp += w * tp[c]!;
    out.fp += w * fp[c]!;
    out.tn += w * tn[c]!;
    out.fn += w * fn[c]!;
  }
  if (average !== "micro") {
    for (const k of ["tp", "fp", "tn", "fn"] as const) out[k] = safeDivide(out[k], wsum);
  }
  out.support = out.tp + out.fn;
  return out;
}

const binaryScores = (c: ClassCounts): StatScores => ({
  tp: c.tp[0]!,
  fp: c.fp[0]!,
  tn: c.tn[0]!,
  fn: c.fn[0]!,
  support: c.tp[0]! + c.fn[0]!,
});

/** The reductions of the binary stat scores. */
const BINARY_STAT_SCORES = {
  fn: "binaryStatScores",
  reduce: (m: Float64Array) => binaryScores(blockCounts(m, 1)),
  reduceSample: binaryScores,
};

/**
 * Binary stat scores `{ tp, fp, tn, fn, support }`: counts of true/false positives/negatives
 * with `preds > threshold` positive (one object per sample with "samplewise"). Matches
 * torchmetrics 1.9.0 `binary_stat_scores`. O(n).
 */
export function binaryStatScoresDef(
  options: BinaryStatOptions = {},
): MetricDef<StatState, BinaryArgs, StatScores | StatScores[]> {
  return binaryStatDef(
    { id: "classification/binary_stat_scores", meta: statScoresMeta, ...BINARY_STAT_SCORES },
    readOptions(BINARY_STAT_SCORES.fn, options, BINARY_STAT_OPTIONS),
  );
}

/** One-shot {@link binaryStatScoresDef}: `(preds, target[, sampleWeight][, options])`. */
export function binaryStatScores(
  preds: LabelInput,
  target: LabelInput,
  third?: NdInput | BinaryStatOptions,
  fourth?: BinaryStatOptions,
): StatScores | StatScores[] {
  return runOneShotSteps(
    (options) =>
      binaryStatSteps(BINARY_STAT_SCORES, readOptions(BINARY_STAT_SCORES.fn, options, BINARY_STAT_OPTIONS))
        .steps,
    preds,
    target,
    third,
    fourth,
  ) as StatScores | StatScores[];
}

export interface MulticlassStatScoresOptions extends MulticlassStatOptions {
  /** Default "macro" (torchmetrics): micro sums, macro/weighted average the per-class counts. */
  average?: Average;
}
/** The options of the multiclass stat scores besides the shared ones. */
const MULTICLASS_STAT_SCORES_OPTIONS =
  /* @__PURE__ */ optionNames<Omit<MulticlassStatScoresOptions, keyof MulticlassStatOptions>>()("average");

type AnyStatScores = StatScores | StatScoresPerClass;

/**
 * Multiclass stat scores, one-vs-rest per class, reduced by `average` (micro: sums; macro: mean;
 * weighted: support-weighted mean; none: per class). Matches torchmetrics 1.9.0
 * `multiclass_stat_scores`. O(n + C^2).
 */
export function multiclassStatScoresDef(
  options: MulticlassStatScoresOptions,
): MetricDef<StatState, MulticlassArgs, AnyStatScores | AnyStatScores[]> {
  const { o, reductions } = readMulticlassStatScores(options);
  return multiclassStatDef(
    { id: "classification/multiclass_stat_scores", meta: statScoresMeta, ...reductions },
    o,
    true,
  );
}

/** Reads the options of the multiclass stat scores: as read, and their reductions. */
function readMulticlassStatScores(options: unknown) {
  const fn = "multiclassStatScores";
  const o = readOptions<MulticlassStatScoresOptions>(fn, options, [
    ...MULTICLASS_STAT_OPTIONS,
    ...MULTICLASS_STAT_SCORES_OPTIONS,
  ]);
  const average = optAverage(fn, o.average, ["micro", "macro", "weighted", "none"], "macro");
  const classes = readClasses(fn, o);
  const reduceCounts = (counts: ClassCounts) => reduceStatScores(sliceCounts(counts, classes.count), average);
  return {
    o,
    reductions: {
      fn,
      reduce: (m: Float64Array) => reduceCounts(classCounts(m, classes.counted)),
      reduceSample: reduceCounts,
    },
  };
}

/** One-shot {@link multiclassStatScoresDef}: `(preds, target[, sampleWeight], options)`. */
export function multiclassStatScores(
  preds: LabelInput,
  target: LabelInput,
  third: NdInput | MulticlassStatScoresOptions | undefined,
  fourth?: MulticlassStatScoresOptions,
): AnyStatScores | AnyStatScores[] {
  return runMulticlassOneShotSteps(
    "multiclassStatScores",
    (options) => {
      const { o, reductions } = readMulticlassStatScores(options);
      return multiclassStatSteps(reductions, o, true).steps;
    },
    preds,
    target,
    third,
    fourth,
  ) as AnyStatScores | AnyStatScores[];
}

export interface MultilabelStatScoresOptions extends MultilabelStatOptions {
  average?: Average;
}
/** The options of the multilabel stat scores besides the shared ones. */
const MULTILABEL_STAT_SCORES_OPTIONS =
  /* @__PURE__ */ optionNames<Omit<MultilabelStatScoresOptions, keyof MultilabelStatOptions>>()("average");

/** Multilabel stat scores per label, reduced by `average`. Matches torchmetrics 1.9.0 `multilabel_stat_scores`. */
export function multilabelStatScoresDef(
  options: MultilabelStatScoresOptions,
): MetricDef<MultilabelCountsState, MultilabelArgs, AnyStatScores | AnyStatScores[]> {
  const { o, reductions } = readMultilabelStatScores(options);
  return multilabelStatDef(
    { id: "classification/multilabel_stat_scores", meta: statScoresMeta, ...reductions },
    o,
  );
}

/** Reads the options of the multilabel stat scores: as read, and their reductions. */
function readMultilabelStatScores(options: unknown) {
  const fn = "multilabelStatScores";
  const o = readOptions<MultilabelStatScoresOptions>(fn, options, [
    ...MULTILABEL_STAT_OPTIONS,
    ...MULTILABEL_STAT_SCORES_OPTIONS,
  ]);
  const average = optAverage(fn, o.average, ["micro", "macro", "weighted", "none"], "macro");
  const L = readNumLabels(fn, o.numLabels);
  return {
    o,
    reductions: {
      fn,
      reduce: (s: MultilabelCounts) => reduceStatScores(blockCounts(s.counts, L), average),
      reduceSample: (counts: ClassCounts) => reduceStatScores(counts, average),
    },
  };
}

/** One-shot {@link multilabelStatScoresDef}: `(preds, target[, sampleWeight], options)`. */
export function multilabelStatScores(
  preds: NdInput,
  target: NdInput,
  third: NdInput | MultilabelStatScoresOptions | undefined,
  fourth?: MultilabelStatScoresOptions,
): AnyStatScores | AnyStatScores[] {
  return runOneShotSteps(
    (options) => {
      const { o, reductions } = readMultilabelStatScores(options);
      return multilabelStatSteps(reductions, o).steps;
    },
    preds,
    target,
    third,
    fourth,
  ) as AnyStatScores | AnyStatScores[];
}

/**
 * Task-dispatching stat scores, as the torchmetrics 1.9.0 `stat_scores` task wrapper (its
 * multiclass and multilabel `average` defaults to "micro": summed counts).
 */
export const statScores = /* @__PURE__ */ taskFunction(
  "statScores",
  {
    binary: binaryStatScores,
    multiclass: multiclassStatScores,
    multilabel: multilabelStatScores,
  },
  MICRO_AVERAGE,
) as PlainTask<
  BinaryStatOptions,
  MulticlassStatScoresOptions,
  MultilabelStatScoresOptions,
  StatScores | StatScores[],
  AnyStatScores | AnyStatScores[]
>;
/** The def of {@link statScores}. */
export const statScoresDef = /* @__PURE__ */ taskDef(
  "statScores",
  {
    binary: binaryStatScoresDef,
    multiclass: multiclassStatScoresDef,
    multilabel: multilabelStatScoresDef,
  },
  MICRO_AVERAGE,
) as PlainTaskDef<
  BinaryStatOptions,
  MulticlassStatScoresOptions,
  MultilabelStatScoresOptions,
  StatScores | StatScores[],
  AnyStatScores | AnyStatScores[]
>;
