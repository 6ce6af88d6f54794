/**
 * Stat scores: the one counting kernel behind every threshold metric (accuracy, precision,
 * recall, F-beta, specificity, NPV, FPR, FDR, Jaccard, Hamming, MCC, Cohen's kappa, confusion
 * matrix). Binary and multiclass states are a confusion matrix (row = target, column =
 * prediction); multilabel states hold one 2x2 matrix per label plus per-sample sums. Counts
 * are float64 (exact integers up to 2^53; weighted sums when `sampleWeight` is given).
 */
import type { CatalogEntry } from "../../catalog/types.js";
import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { toMatrix } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, runOnce } from "../../metric.js";
import {
  assertProbabilityValues,
  assertSameRows,
  assertSeen,
  readBinaryTarget,
  readLabels,
  readMulticlassPreds,
  readProbabilities,
  readWeights,
  safeDivide,
} from "./input.js";
import { classificationEntry } from "./meta.js";
import { confusionBytes, optAverage, optClassCount, optIgnoreIndex, optThreshold } from "./options.js";

/** Confusion-matrix state of binary (2 x 2) and multiclass (C x C) stat-score metrics. */
export interface ConfusionState {
  /** Row-major, `matrix[target * C + prediction]`. */
  matrix: Float64Array;
}

/** State of multilabel stat-score metrics. */
export interface MultilabelCountsState {
  /** Per label a 2x2 matrix `[tn, fp, fn, tp]` (row = target, column = prediction). */
  counts: Float64Array;
  /** Number (or total weight) of samples seen. */
  samples: number;
  /** Number (or weight) of samples whose every label is right (ignored labels count as right). */
  exact: number;
  /** Sum of the per-sample score (for `average: "samples"`, as scikit-learn). */
  sampleSum: number;
}

export type BinaryArgs = [preds: NumericArray, target: NumericArray, sampleWeight?: NumericArray];
export type MulticlassArgs = [
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  sampleWeight?: NumericArray,
];
export type MultilabelArgs = [preds: MatrixInput, target: MatrixInput, sampleWeight?: NumericArray];

/** Options every binary stat-score metric accepts. */
export interface BinaryStatOptions {
  /** A prediction is positive when `preds > threshold` (torchmetrics). Default 0.5. */
  threshold?: number;
  /** Samples whose target equals this value are left out. */
  ignoreIndex?: number;
}

/** Options every multiclass stat-score metric accepts. */
export interface MulticlassStatOptions {
  numClasses: number;
  /** Samples whose target equals this value are left out. */
  ignoreIndex?: number;
  /**
   * Top-k (needs a score matrix): a sample counts as predicting its target when the target is
   * among the k highest scores (ties: lower class index first), else as predicting the argmax.
   */
  topK?: number;
}

/** Options every multilabel stat-score metric accepts. */
export interface MultilabelStatOptions {
  numLabels: number;
  threshold?: number;
  /** Target entries equal to this value are left out. */
  ignoreIndex?: number;
}

/** The option names every binary stat-score metric reads (a concept adds its own). */
export const BINARY_STAT_OPTIONS = optionNames<BinaryStatOptions>()("threshold", "ignoreIndex");
/** The option names every multiclass stat-score metric reads (a concept adds its own and `average`). */
export const MULTICLASS_STAT_OPTIONS = optionNames<MulticlassStatOptions>()(
  "numClasses",
  "ignoreIndex",
  "topK",
);
/** The option names every multilabel stat-score metric reads (a concept adds its own and `average`). */
export const MULTILABEL_STAT_OPTIONS = optionNames<MultilabelStatOptions>()(
  "numLabels",
  "threshold",
  "ignoreIndex",
);

export type Average = "micro" | "macro" | "weighted" | "none";
/** The result type for an `average` option: "none" gives one value per class. */
export type Averaged<A> = A extends "none" ? number[] : number;

/** Per-class counts of a confusion matrix (one-vs-rest). */
export interface ClassCounts {
  tp: Float64Array;
  fp: Float64Array;
  tn: Float64Array;
  fn: Float64Array;
}

/** One-vs-rest counts of each class of a C x C confusion matrix. O(C^2). */
export function classCounts(matrix: Float64Array, numClasses: number): ClassCounts {
  const C = numClasses;
  const tp = new Float64Array(C);
  const fp = new Float64Array(C);
  const tn = new Float64Array(C);
  const fn = new Float64Array(C);
  let total = 0;
  const rowSum = new Float64Array(C);
  const colSum = new Float64Array(C);
  for (let t = 0; t < C; t++) {
    for (let p = 0; p < C; p++) {
      const v = matrix[t * C + p]!;
      rowSum[t] += v;
      colSum[p] += v;
      total += v;
    }
  }
  for (let c = 0; c < C; c++) {
    tp[c] = matrix[c * C + c]!;
    fp[c] = colSum[c]! - tp[c]!;
    fn[c] = rowSum[c]! - tp[c]!;
    tn[c] = total - tp[c]! - fp[c]! - fn[c]!;
  }
  return { tp, fp, tn, fn };
}

/** Per-label counts of a multilabel state. */
export function labelCounts(counts: Float64Array, numLabels: number): ClassCounts {
  const tp = new Float64Array(numLabels);
  const fp = new Float64Array(numLabels);
  const tn = new Float64Array(numLabels);
  const fn = new Float64Array(numLabels);
  for (let l = 0; l < numLabels; l++) {
    tn[l] = counts[l * 4]!;
    fp[l] = counts[l * 4 + 1]!;
    fn[l] = counts[l * 4 + 2]!;
    tp[l] = counts[l * 4 + 3]!;
  }
  return { tp, fp, tn, fn };
}

/** A score from one set of counts (true positives, false positives, true negatives, false negatives). */
export type ScoreFn = (tp: number, fp: number, tn: number, fn: number) => number;

/**
 * Averages a per-class score as torchmetrics 1.9.0 does: `micro` applies the score to the summed
 * counts; `macro` is the plain mean, except that multiclass classes absent from both target and
 * prediction (tp + fp + fn = 0; with top-k > 1: tp + fn = 0) are left out; `weighted` weights by
 * support (tp + fn); `none` returns every class.
 */
export function averageScore(
  score: ScoreFn,
  counts: ClassCounts,
  average: Average,
  multilabel: boolean,
  topK = 1,
): number | number[] {
  const { tp, fp, tn, fn } = counts;
  const C = tp.length;
  if (average === "micro") {
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let i = 0; i < C; i++) {
      a += tp[i]!;
      b += fp[i]!;
      c += tn[i]!;
      d += fn[i]!;
    }
    return score(a, b, c, d);
  }
  const per = new Array<number>(C);
  for (let i = 0; i < C; i++) per[i] = score(tp[i]!, fp[i]!, tn[i]!, fn[i]!);
  if (average === "none") return per;
  let num = 0;
  let den = 0;
  for (let i = 0; i < C; i++) {
    let w = 1;
    if (average === "weighted") w = tp[i]! + fn[i]!;
    else if (!multilabel && (topK === 1 ? tp[i]! + fp[i]! + fn[i]! === 0 : tp[i]! + fn[i]! === 0)) w = 0;
    if (w !== 0) num += w * per[i]!;
    den += w;
  }
  return safeDivide(num, den, 0);
}

// ---------------------------------------------------------------- kernels

function isVector(value: unknown): value is ArrayLike<number> {
  return (
    (ArrayBuffer.isView(value) &&
      !(value instanceof DataView) &&
      !(value instanceof BigInt64Array) &&
      !(value instanceof BigUint64Array)) ||
    Array.isArray(value)
  );
}

/** Folds a binary batch into a 2 x 2 confusion matrix (validated first). */
export function binaryConfusionUpdate(
  state: ConfusionState,
  fn: string,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
  threshold: number,
  ignoreIndex: number | undefined,
): void {
  if (sampleWeight === undefined && isVector(preds) && isVector(target) && preds.length === target.length) {
    // Fast path: one fused validate-and-count pass; any invalid value falls through to the
    // general path below, which reports it. Nothing is written to the state before success.
    let c00 = 0;
    let c01 = 0;
    let c10 = 0;
    let c11 = 0;
    let ok = true;
    for (let i = 0; i < preds.length; i++) {
      const pv = preds[i]!;
      const ti = target[i]!;
      // `typeof` first: relational operators would coerce "0.7", null, true, "" and [0.7].
      if (typeof pv !== "number" || !(pv >= 0 && pv <= 1)) {
        ok = false;
        break;
      }
      if (ti === ignoreIndex) continue;
      if (ti === 1) {
        if (pv > threshold) c11++;
        else c10++;
      } else if (ti === 0) {
        if (pv > threshold) c01++;
        else c00++;
      } else {
        ok = false;
        break;
      }
    }
    if (ok) {
      state.matrix[0] += c00;
      state.matrix[1] += c01;
      state.matrix[2] += c10;
      state.matrix[3] += c11;
      return;
    }
  }
  const p = readProbabilities(preds, fn);
  const t = readBinaryTarget(target, fn, ignoreIndex);
  assertSameRows(p.length, t.length, fn);
  const w = readWeights(sampleWeight, t.length, fn);
  const m = state.matrix;
  let c00 = 0;
  let c01 = 0;
  let c10 = 0;
  let c11 = 0;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    if (ti === ignoreIndex) continue;
    const wi = w ? w[i]! : 1;
    const pi = p[i]! > threshold;
    if (ti === 1) {
      if (pi) c11 += wi;
      else c10 += wi;
    } else if (pi) c01 += wi;
    else c00 += wi;
  }
  m[0] += c00;
  m[1] += c01;
  m[2] += c10;
  m[3] += c11;
}

/** Whether `target` is among the k highest of `scores[row]` (ties: lower index first). */
function inTopK(scores: Float64Array, row: number, C: number, target: number, k: number): boolean {
  const base = row * C;
  const s = scores[base + target]!;
  let rank = 0;
  for (let c = 0; c < C; c++) {
    const v = scores[base + c]!;
    if (v > s || (v === s && c < target)) rank++;
  }
  return rank < k;
}

/** Folds a multiclass batch into a C x C confusion matrix (validated first). */
export function multiclassConfusionUpdate(
  state: ConfusionState,
  fn: string,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
  numClasses: number,
  ignoreIndex: number | undefined,
  topK = 1,
): void {
  const C = numClasses;
  if (
    topK === 1 &&
    sampleWeight === undefined &&
    isVector(preds) &&
    isVector(target) &&
    preds.length === target.length
  ) {
    // Fast path for label vectors: one fused validate-and-count pass into a local matrix, added
    // to the state only on success; anything invalid falls through to the general path's errors.
    const local = new Float64Array(C * C);
    let ok = true;
    for (let i = 0; i < preds.length; i++) {
      const pi = preds[i]!;
      const ti = target[i]!;
      if (!(Number.isInteger(pi) && pi >= 0 && pi < C)) {
        ok = false;
        break;
      }
      if (ti === ignoreIndex) continue;
      if (!(Number.isInteger(ti) && ti >= 0 && ti < C)) {
        ok = false;
        break;
      }
      local[ti * C + pi]++;
    }
    if (ok) {
      for (let k = 0; k < local.length; k++) state.matrix[k] += local[k]!;
      return;
    }
  }
  const { labels, scores } = readMulticlassPreds(preds, fn, numClasses);
  const t = readLabels(target, fn, numClasses, ignoreIndex);
  assertSameRows(labels.length, t.length, fn);
  const w = readWeights(sampleWeight, t.length, fn);
  if (topK > 1 && !scores)
    fail("invalid_option", `${fn}: option \`topK\` > 1 needs scores (N x ${numClasses}), got labels`);
  const m = state.matrix;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    if (ti === ignoreIndex) continue;
    let pi = labels[i]!;
    if (topK > 1 && scores && inTopK(scores.data, i, C, ti, topK)) pi = ti;
    m[ti * C + pi] += w ? w[i]! : 1;
  }
}

/** Folds a multilabel batch into per-label 2 x 2 matrices (validated first). */
export function multilabelCountsUpdate(
  state: MultilabelCountsState,
  fn: string,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
  numLabels: number,
  threshold: number,
  ignoreIndex: number | undefined,
  sampleScore?: ScoreFn,
): void {
  const p = toMatrix(preds, fn, "preds");
  const t = toMatrix(target, fn, "target");
  assertSameRows(p.rows, t.rows, fn);
  if (p.rows > 0 && p.cols !== numLabels)
    fail("shape_mismatch", `${fn}: \`preds\` must have ${numLabels} columns, got ${p.cols}`);
  if (t.rows > 0 && t.cols !== numLabels)
    fail("shape_mismatch", `${fn}: \`target\` must have ${numLabels} columns, got ${t.cols}`);
  assertProbabilityValues(p.data, fn, "preds");
  readBinaryTarget(t.data, fn, ignoreIndex);
  const w = readWeights(sampleWeight, t.rows, fn);
  const L = numLabels;
  const counts = state.counts;
  for (let r = 0; r < t.rows; r++) {
    const wi = w ? w[r]! : 1;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let l = 0; l < L; l++) {
      const tv = t.data[r * L + l]!;
      if (tv === ignoreIndex) continue;
      const pv = p.data[r * L + l]! > threshold ? 1 : 0;
      counts[l * 4 + tv * 2 + pv] += wi;
      if (tv === 1) {
        if (pv) d++;
        else c++;
      } else if (pv) b++;
      else a++;
    }
    state.samples += wi;
    if (b === 0 && c === 0) state.exact += wi;
    if (sampleScore) state.sampleSum += wi * sampleScore(d, b, a, c);
  }
}

// ---------------------------------------------------------------- def builders

/** What a stat-score metric adds to the shared kernel: its id, catalog entry and reduction. */
export interface StatSpec<R> {
  id: string;
  meta: CatalogEntry;
  /** Function name used in error messages. */
  fn: string;
  reduce(matrix: Float64Array): R;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

function addArrays(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

/** Checks a decoded confusion-matrix state: `size` non-negative finite (weighted) counts. */
function checkConfusionState(id: string, size: number, state: unknown): asserts state is ConfusionState {
  checkState(id, state, { matrix: field.typed(Float64Array, { length: size, values: "nonNegative" }) });
}

/** Relative slack for totals accumulated in different orders (weighted sums). */
const SLACK = 1 + 1e-9;

/**
 * Checks a decoded multilabel counts state: non-negative counts, and totals that agree (no
 * label counts more samples than were seen; exact matches and the per-sample score sum at
 * most the samples; the score sum may be NaN under `zeroDivision: NaN`).
 */
function checkMultilabelCountsState(
  id: string,
  numLabels: number,
  state: unknown,
): asserts state is MultilabelCountsState {
  checkState(id, state, {
    counts: field.typed(Float64Array, { length: numLabels * 4, values: "nonNegative" }),
    samples: field.number("nonNegative"),
    exact: field.number("nonNegative"),
    sampleSum: field.number({
      test: (v) => Number.isNaN(v) || (Number.isFinite(v) && v >= 0),
      words: "non-negative numbers (or NaN)",
    }),
  });
  const s = state as MultilabelCountsState;
  const limit = s.samples * SLACK;
  stateInvariant(id, s.exact <= limit, `state.exact (${s.exact}) exceeds state.samples (${s.samples})`);
  stateInvariant(
    id,
    !(s.sampleSum > limit),
    `state.sampleSum (${s.sampleSum}) exceeds state.samples (${s.samples})`,
  );
  for (let l = 0; l < numLabels; l++) {
    const total = s.counts[4 * l]! + s.counts[4 * l + 1]! + s.counts[4 * l + 2]! + s.counts[4 * l + 3]!;
    stateInvariant(
      id,
      total <= limit,
      `label ${l} counts ${total} samples in state.counts but state.samples is ${s.samples}`,
    );
  }
}

/**
 * A binary stat-score MetricDef: validate → threshold → 2 x 2 counts → `reduce`. `options` are
 * the caller's options already read with `readOptions` (they are echoed as the def's options).
 */
export function binaryStatDef<R>(
  spec: StatSpec<R>,
  options: Record<string, unknown>,
): MetricDef<ConfusionState, BinaryArgs, R> {
  const threshold = optThreshold(spec.fn, options.threshold);
  const ignoreIndex = optIgnoreIndex(spec.fn, options.ignoreIndex);
  return {
    id: spec.id,
    meta: spec.meta,
    options: { ...options },
    init: () => ({ matrix: new Float64Array(4) }),
    update(state, preds, target, sampleWeight) {
      binaryConfusionUpdate(state, spec.fn, preds, target, sampleWeight, threshold, ignoreIndex);
    },
    merge: (a, b) => ({ matrix: addArrays(a.matrix, b.matrix) }),
    compute: (state) => {
      assertSeen(sum(state.matrix), spec.fn);
      return spec.reduce(state.matrix);
    },
    validateState(state): asserts state is ConfusionState {
      checkConfusionState(spec.id, 4, state);
    },
  };
}

/** `numClasses` of a confusion-matrix metric (C x C float64 counts through the allocation budget). */
export function readNumClasses(fn: string, value: unknown): number {
  return optClassCount(fn, "numClasses", value, confusionBytes);
}

/**
 * A multiclass stat-score MetricDef: validate → (top-k) labels → C x C counts → `reduce`.
 * `options` are already read with `readOptions`; `topK` is refused unless `allowTopK`.
 */
export function multiclassStatDef<R>(
  spec: StatSpec<R>,
  options: Record<string, unknown>,
  allowTopK = false,
): MetricDef<ConfusionState, MulticlassArgs, R> {
  const numClasses = readNumClasses(spec.fn, options.numClasses);
  const ignoreIndex = optIgnoreIndex(spec.fn, options.ignoreIndex);
  if (options.topK !== undefined && !allowTopK)
    fail("invalid_option", `${spec.fn}: option \`topK\` is not supported by this metric`);
  const topK = optInteger(spec.fn, "topK", options.topK, 1, { min: 1, max: numClasses });
  const size = numClasses * numClasses;
  return {
    id: spec.id,
    meta: spec.meta,
    options: { ...options },
    init: () => ({ matrix: new Float64Array(size) }),
    update(state, preds, target, sampleWeight) {
      multiclassConfusionUpdate(state, spec.fn, preds, target, sampleWeight, numClasses, ignoreIndex, topK);
    },
    merge: (a, b) => ({ matrix: addArrays(a.matrix, b.matrix) }),
    compute: (state) => {
      assertSeen(sum(state.matrix), spec.fn);
      return spec.reduce(state.matrix);
    },
    validateState(state): asserts state is ConfusionState {
      checkConfusionState(spec.id, size, state);
    },
  };
}

/** What a multilabel stat-score metric adds to the kernel. */
export interface MultilabelStatSpec<R> {
  id: string;
  meta: CatalogEntry;
  fn: string;
  reduce(state: MultilabelCountsState): R;
  /** Per-sample score accumulated for `average: "samples"` (only then). */
  sampleScore?: ScoreFn;
}

/** `numLabels` of a multilabel counts metric (4 float64 counts per label through the allocation budget). */
export function readNumLabels(fn: string, value: unknown): number {
  return optClassCount(fn, "numLabels", value, (labels) => labels * 32);
}

/**
 * A multilabel stat-score MetricDef: validate → threshold → per-label 2 x 2 counts → `reduce`.
 * `options` are already read with `readOptions`.
 */
export function multilabelStatDef<R>(
  spec: MultilabelStatSpec<R>,
  options: Record<string, unknown>,
): MetricDef<MultilabelCountsState, MultilabelArgs, R> {
  const numLabels = readNumLabels(spec.fn, options.numLabels);
  const threshold = optThreshold(spec.fn, options.threshold);
  const ignoreIndex = optIgnoreIndex(spec.fn, options.ignoreIndex);
  return {
    id: spec.id,
    meta: spec.meta,
    options: { ...options },
    init: () => ({ counts: new Float64Array(numLabels * 4), samples: 0, exact: 0, sampleSum: 0 }),
    update(state, preds, target, sampleWeight) {
      multilabelCountsUpdate(
        state,
        spec.fn,
        preds,
        target,
        sampleWeight,
        numLabels,
        threshold,
        ignoreIndex,
        spec.sampleScore,
      );
    },
    merge: (a, b) => ({
      counts: addArrays(a.counts, b.counts),
      samples: a.samples + b.samples,
      exact: a.exact + b.exact,
      sampleSum: a.sampleSum + b.sampleSum,
    }),
    compute: (state) => {
      assertSeen(state.samples, spec.fn);
      return spec.reduce(state);
    },
    validateState(state): asserts state is MultilabelCountsState {
      checkMultilabelCountsState(spec.id, numLabels, state);
    },
  };
}

export const AVERAGES: readonly Average[] = ["micro", "macro", "weighted", "none"];

// ---------------------------------------------------------------- the stat scores metric

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

/** Catalog entry of the stat scores (tp, fp, tn, fn, support). */
export const statScoresMeta = classificationEntry({
  id: "classification/stat_scores",
  title: "Stat scores (TP, FP, TN, FN, support)",
  formula: "TP=\\sum [\\hat y=1][y=1],\\ FP=\\sum [\\hat y=1][y=0],\\ TN, FN",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "none",
  exports: ["binaryStatScores", "multiclassStatScores", "multilabelStatScores"],
  implementation: "torchmetrics 1.9.0 binary/multiclass/multilabel_stat_scores",
});

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

/**
 * Binary stat scores `{ tp, fp, tn, fn, support }`: counts of true/false positives/negatives
 * with `preds > threshold` positive. Matches torchmetrics 1.9.0 `binary_stat_scores`. O(n).
 */
export function binaryStatScoresDef(
  options: BinaryStatOptions = {},
): MetricDef<ConfusionState, BinaryArgs, StatScores> {
  const fn = "binaryStatScores";
  return binaryStatDef(
    {
      id: "classification/binary_stat_scores",
      meta: statScoresMeta,
      fn,
      reduce: (m) => ({ tp: m[3]!, fp: m[1]!, tn: m[0]!, fn: m[2]!, support: m[3]! + m[2]! }),
    },
    readOptions(fn, options, BINARY_STAT_OPTIONS),
  );
}

/** One-shot {@link binaryStatScoresDef}. */
export function binaryStatScores(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryStatOptions = {},
): StatScores {
  return runOnce(binaryStatScoresDef(options), preds, target);
}

export interface MulticlassStatScoresOptions extends MulticlassStatOptions {
  /** Default "macro" (torchmetrics): micro sums, macro/weighted average the per-class counts. */
  average?: Average;
}
const MULTICLASS_STAT_SCORES_OPTIONS = optionNames<MulticlassStatScoresOptions>()(
  ...MULTICLASS_STAT_OPTIONS,
  "average",
);

/**
 * Multiclass stat scores, one-vs-rest per class, reduced by `average` (micro: sums; macro: mean;
 * weighted: support-weighted mean; none: per class). Matches torchmetrics 1.9.0
 * `multiclass_stat_scores`. O(n + C^2).
 */
export function multiclassStatScoresDef(
  options: MulticlassStatScoresOptions,
): MetricDef<ConfusionState, MulticlassArgs, StatScores | StatScoresPerClass> {
  const fn = "multiclassStatScores";
  const o = readOptions<MulticlassStatScoresOptions>(fn, options, MULTICLASS_STAT_SCORES_OPTIONS);
  const average = optAverage(fn, o.average, AVERAGES, "macro");
  const numClasses = readNumClasses(fn, o.numClasses);
  return multiclassStatDef(
    {
      id: "classification/multiclass_stat_scores",
      meta: statScoresMeta,
      fn,
      reduce: (m) => reduceStatScores(classCounts(m, numClasses), average),
    },
    o,
    true,
  );
}

/** One-shot {@link multiclassStatScoresDef}. */
export function multiclassStatScores(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassStatScoresOptions,
): StatScores | StatScoresPerClass {
  return runOnce(multiclassStatScoresDef(options), preds, target);
}

export interface MultilabelStatScoresOptions extends MultilabelStatOptions {
  average?: Average;
}
const MULTILABEL_STAT_SCORES_OPTIONS = optionNames<MultilabelStatScoresOptions>()(
  ...MULTILABEL_STAT_OPTIONS,
  "average",
);

/** Multilabel stat scores per label, reduced by `average`. Matches torchmetrics 1.9.0 `multilabel_stat_scores`. */
export function multilabelStatScoresDef(
  options: MultilabelStatScoresOptions,
): MetricDef<MultilabelCountsState, MultilabelArgs, StatScores | StatScoresPerClass> {
  const fn = "multilabelStatScores";
  const o = readOptions<MultilabelStatScoresOptions>(fn, options, MULTILABEL_STAT_SCORES_OPTIONS);
  const average = optAverage(fn, o.average, AVERAGES, "macro");
  const numLabels = readNumLabels(fn, o.numLabels);
  return multilabelStatDef(
    {
      id: "classification/multilabel_stat_scores",
      meta: statScoresMeta,
      fn,
      reduce: (s) => reduceStatScores(labelCounts(s.counts, numLabels), average),
    },
    o,
  );
}

/** One-shot {@link multilabelStatScoresDef}. */
export function multilabelStatScores(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelStatScoresOptions,
): StatScores | StatScoresPerClass {
  return runOnce(multilabelStatScoresDef(options), preds, target);
}

// ---------------------------------------------------------------- reductions used by the concept files

/** Reduces a binary 2 x 2 matrix `[tn, fp, fn, tp]` with `score`. */
export function binaryReduce(score: ScoreFn): (m: Float64Array) => number {
  return (m) => score(m[3]!, m[1]!, m[0]!, m[2]!);
}

/** Reduces a C x C matrix per class with `score`, averaged as torchmetrics. */
export function multiclassReduce<A extends Average>(
  score: ScoreFn,
  numClasses: number,
  average: A,
  topK = 1,
): (m: Float64Array) => Averaged<A> {
  return (m) => averageScore(score, classCounts(m, numClasses), average, false, topK) as Averaged<A>;
}

/** Multilabel averages: torchmetrics' four plus scikit-learn's "samples" (mean of per-sample scores). */
export type MultilabelAverage = Average | "samples";

/** Reduces a multilabel state per label with `score`, averaged as torchmetrics (or sklearn "samples"). */
export function multilabelReduce<A extends MultilabelAverage>(
  score: ScoreFn,
  numLabels: number,
  average: A,
): (s: MultilabelCountsState) => Averaged<A> {
  return (s) => {
    if (average === "samples") return safeDivide(s.sampleSum, s.samples) as Averaged<A>;
    return averageScore(score, labelCounts(s.counts, numLabels), average as Average, true) as Averaged<A>;
  };
}
