/**
 * The counting kernel behind every threshold metric (internal): confusion counts of binary,
 * multiclass and multilabel batches, pooled (`multidimAverage: "global"`) or per sample
 * (`"samplewise"`), and the torchmetrics averaging of a per-class score over them.
 *
 * Layouts: a binary or multiclass global state is a confusion matrix (row = target, column =
 * prediction; binary `[tn, fp, fn, tp]`); per-class counts, per label and per sample blocks are
 * `[tn, fp, fn, tp]` per class. Counts are float64: exact integers up to 2^53, weighted sums with
 * `sampleWeight`. Pooled counts of non-integer weights are summed exactly instead: the `*Cells`
 * functions give each element's cell, and `exact-counts.ts` adds the weights.
 */
import type { BinaryBatch, MulticlassBatch, MultilabelBatch } from "./batch.js";
import { safeDivide } from "./input.js";
import { isPlainVector } from "./ndarray.js";

/** Per-class one-vs-rest counts. */
export interface ClassCounts {
  tp: Float64Array;
  fp: Float64Array;
  tn: Float64Array;
  fn: Float64Array;
}

/**
 * One-vs-rest counts of the first `kept` classes of a C x C confusion matrix (all by default; a
 * `labels` subset keeps its K classes and counts the extra "rest" class only as negatives). O(C^2).
 */
export function classCounts(matrix: ArrayLike<number>, C: number, kept = C): ClassCounts {
  const rowSum = new Float64Array(C);
  const colSum = new Float64Array(C);
  let total = 0;
  for (let t = 0; t < C; t++) {
    for (let p = 0; p < C; p++) {
      const v = matrix[t * C + p]!;
      rowSum[t] += v;
      colSum[p] += v;
      total += v;
    }
  }
  const counts = {
    tp: new Float64Array(kept),
    fp: new Float64Array(kept),
    tn: new Float64Array(kept),
    fn: new Float64Array(kept),
  };
  for (let c = 0; c < kept; c++) {
    const tp = matrix[c * C + c]!;
    counts.tp[c] = tp;
    counts.fp[c] = colSum[c]! - tp;
    counts.fn[c] = rowSum[c]! - tp;
    counts.tn[c] = total - tp - counts.fp[c]! - counts.fn[c]!;
  }
  return counts;
}

/** Counts of `classes` consecutive `[tn, fp, fn, tp]` blocks starting at block `first`. */
export function blockCounts(blocks: ArrayLike<number>, classes: number, first = 0): ClassCounts {
  const counts = {
    tp: new Float64Array(classes),
    fp: new Float64Array(classes),
    tn: new Float64Array(classes),
    fn: new Float64Array(classes),
  };
  for (let c = 0; c < classes; c++) {
    const at = (first + c) * 4;
    counts.tn[c] = blocks[at]!;
    counts.fp[c] = blocks[at + 1]!;
    counts.fn[c] = blocks[at + 2]!;
    counts.tp[c] = blocks[at + 3]!;
  }
  return counts;
}

/** A score from one set of counts (true positives, false positives, true negatives, false negatives). */
export type ScoreFn = (tp: number, fp: number, tn: number, fn: number) => number;

export type Average = "micro" | "macro" | "weighted" | "none";

/**
 * Averages a per-class score as torchmetrics 1.9.0 does: `micro` applies the score to the summed
 * counts; `macro` is the plain mean, except that multiclass classes absent from both target and
 * prediction (tp + fp + fn = 0; with top-k > 1: tp + fn = 0) are left out unless `keepAbsent`
 * (multilabel, and sklearn's explicit `labels`, where a listed absent class scores 0);
 * `weighted` weights by support (tp + fn); `none` returns every class.
 */
export function averageScore(
  score: ScoreFn,
  counts: ClassCounts,
  average: Average,
  keepAbsent: boolean,
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
    else if (!keepAbsent && (topK === 1 ? tp[i]! + fp[i]! + fn[i]! === 0 : tp[i]! + fn[i]! === 0)) w = 0;
    if (w !== 0) num += w * per[i]!;
    den += w;
  }
  return safeDivide(num, den, 0);
}

// ---------------------------------------------------------------- fast paths

/**
 * The binary fast path: one fused validate-and-count pass over plain vectors of probabilities in
 * [0, 1] and 0/1 targets into `matrix` (`[tn, fp, fn, tp]`, zeros: the batch's counts). Returns false, touching nothing,
 * for anything else (which the general path then reads, squashes or refuses). `typeof` comes
 * first: a relational operator would coerce "0.7", null, true, "" and [0.7].
 */
export function tryCountBinaryFast(
  matrix: Float64Array,
  preds: unknown,
  target: unknown,
  threshold: number,
  ignoreIndex: number | undefined,
): boolean {
  if (!isPlainVector(preds) || !isPlainVector(target) || preds.length !== target.length) return false;
  let c00 = 0;
  let c01 = 0;
  let c10 = 0;
  let c11 = 0;
  for (let i = 0; i < preds.length; i++) {
    const pv = preds[i]!;
    const ti = target[i]!;
    if (typeof pv !== "number" || !(pv >= 0 && pv <= 1)) return false;
    if (ti === ignoreIndex) continue;
    if (ti === 1) {
      if (pv > threshold) c11++;
      else c10++;
    } else if (ti === 0) {
      if (pv > threshold) c01++;
      else c00++;
    } else return false;
  }
  matrix[0] = c00;
  matrix[1] = c01;
  matrix[2] = c10;
  matrix[3] = c11;
  return true;
}

/**
 * The multiclass fast path for label vectors: one fused validate-and-count pass into a local
 * C x C matrix, returned on success; undefined for anything else.
 */
export function tryCountMulticlassFast(
  C: number,
  preds: unknown,
  target: unknown,
  ignoreIndex: number | undefined,
): Float64Array | undefined {
  if (!isPlainVector(preds) || !isPlainVector(target) || preds.length !== target.length) return undefined;
  const local = new Float64Array(C * C);
  for (let i = 0; i < preds.length; i++) {
    const pi = preds[i]!;
    const ti = target[i]!;
    if (!(Number.isInteger(pi) && pi >= 0 && pi < C)) return undefined;
    if (ti === ignoreIndex) continue;
    if (!(Number.isInteger(ti) && ti >= 0 && ti < C)) return undefined;
    local[ti * C + pi]++;
  }
  return local;
}

// ---------------------------------------------------------------- general counting

/**
 * Counts a binary batch into `[tn, fp, fn, tp]`: one block (global) or one block per sample
 * (`blocks` holds `4 N` counts), positive where `preds > threshold`.
 */
export function countBinary(
  blocks: Float64Array,
  batch: BinaryBatch,
  threshold: number,
  ignoreIndex: number | undefined,
  samplewise: boolean,
): void {
  const { preds, target, weights, perSample } = batch;
  for (let i = 0; i < target.length; i++) {
    const t = target[i]!;
    if (t === ignoreIndex) continue;
    const base = samplewise ? 4 * Math.floor(i / perSample) : 0;
    blocks[base + t * 2 + (preds[i]! > threshold ? 1 : 0)] += weights ? weights[i]! : 1;
  }
}

/** Cells of a batch's elements (-1: ignored) and the range of their kept weights. */
/** The cell `t · 2 + (pred > threshold)` of each element of a binary batch (-1: ignored). */
export function binaryCells(
  batch: BinaryBatch,
  threshold: number,
  ignoreIndex: number | undefined,
): Int32Array {
  const { preds, target } = batch;
  const cells = new Int32Array(target.length);
  for (let i = 0; i < target.length; i++) {
    const t = target[i]!;
    cells[i] = t === ignoreIndex ? -1 : t * 2 + (preds[i]! > threshold ? 1 : 0);
  }
  return cells;
}

/** Whether `target` is among the k highest of `scores[row]` (ties: lower index first). */
function inTopK(scores: ArrayLike<number>, row: number, C: number, target: number, k: number): boolean {
  const base = row * C;
  const s = scores[base + target]!;
  let rank = 0;
  for (let c = 0; c < C; c++) {
    const v = scores[base + c]!;
    if (v > s || (v === s && c < target)) rank++;
  }
  return rank < k;
}

/** The predicted class of each row: the argmax, or the target when it is among the top k. */
function predicted(batch: MulticlassBatch, classes: number, topK: number, i: number, t: number): number {
  if (topK > 1 && inTopK(batch.scores!, i, classes, t, topK)) return t;
  return batch.labels![i]!;
}

/** Counts a multiclass batch into a `C x C` confusion matrix (C = `matrixClasses`). */
export function countMulticlass(
  matrix: Float64Array,
  batch: MulticlassBatch,
  matrixClasses: number,
  scoreClasses: number,
  ignoreIndex: number | undefined,
  topK: number,
): void {
  const { target, weights } = batch;
  for (let i = 0; i < target.length; i++) {
    const t = target[i]!;
    if (t === ignoreIndex) continue;
    const p = predicted(batch, scoreClasses, topK, i, t);
    matrix[t * matrixClasses + p] += weights ? weights[i]! : 1;
  }
}

/** The cell `t · C + predicted` of each row of a multiclass batch (-1: ignored). */
export function multiclassCells(
  batch: MulticlassBatch,
  matrixClasses: number,
  scoreClasses: number,
  ignoreIndex: number | undefined,
  topK: number,
): Int32Array {
  const { target } = batch;
  const cells = new Int32Array(target.length);
  for (let i = 0; i < target.length; i++) {
    const t = target[i]!;
    cells[i] = t === ignoreIndex ? -1 : t * matrixClasses + predicted(batch, scoreClasses, topK, i, t);
  }
  return cells;
}

/**
 * Counts a multiclass batch per sample: `blocks` holds N x C blocks `[tn, fp, fn, tp]`, one per
 * class of each sample (torchmetrics' samplewise stat scores).
 */
export function countMulticlassSamplewise(
  blocks: Float64Array,
  batch: MulticlassBatch,
  classes: number,
  scoreClasses: number,
  ignoreIndex: number | undefined,
  topK: number,
): void {
  const { target, weights, perSample, samples } = batch;
  const totals = new Float64Array(samples);
  for (let i = 0; i < target.length; i++) {
    const t = target[i]!;
    if (t === ignoreIndex) continue;
    const s = Math.floor(i / perSample);
    const w = weights ? weights[i]! : 1;
    const p = predicted(batch, scoreClasses, topK, i, t);
    const base = s * classes;
    if (p === t) blocks[(base + t) * 4 + 3] += w;
    else {
      blocks[(base + p) * 4 + 1] += w;
      blocks[(base + t) * 4 + 2] += w;
    }
    totals[s] += w;
  }
  for (let s = 0; s < samples; s++)
    for (let c = 0; c < classes; c++) {
      const at = (s * classes + c) * 4;
      blocks[at] = totals[s]! - blocks[at + 1]! - blocks[at + 2]! - blocks[at + 3]!;
    }
}

/** Multilabel counts pooled over rows, plus what the row-wise scores need (what reductions read). */
export interface MultilabelCounts {
  /** Per label `[tn, fp, fn, tp]`. */
  counts: Float64Array;
  /** Rows (or their weight) seen. */
  samples: number;
  /** Rows whose every label is right (ignored labels count as right). */
  exact: number;
  /** Sum of the per-row score (for `average: "samples"`, as scikit-learn). */
  sampleSum: number;
}

/**
 * Pooled multilabel counts are `L · 4 + 3` cells: per label `[tn, fp, fn, tp]`, then the rows,
 * the rows whose every label is right, and the sum of the per-row scores.
 */
export const multilabelCellCount = (L: number): number => L * 4 + 3;

/** The per-label cell `l · 4 + t · 2 + p` of one element (-1: ignored), and whether it is an error. */
function labelCell(
  batch: MultilabelBatch,
  at: number,
  l: number,
  threshold: number,
  ignoreIndex: number | undefined,
): number {
  const t = batch.target[at]!;
  if (t === ignoreIndex) return -1;
  return l * 4 + t * 2 + (batch.preds[at]! > threshold ? 1 : 0);
}

/** A row's score from the per-label cells it touched (`cells[from..from + L)`). */
function rowScoreOf(cells: ArrayLike<number>, from: number, L: number, rowScore: ScoreFn): number {
  const n = [0, 0, 0, 0];
  for (let l = 0; l < L; l++) {
    const c = cells[from + l]!;
    if (c >= 0) n[c & 3]!++;
  }
  return rowScore(n[3]!, n[1]!, n[0]!, n[2]!);
}

/**
 * Counts a multilabel batch: per label `[tn, fp, fn, tp]` pooled over rows with the row totals
 * (global, `counts` of {@link multilabelCellCount} cells; row scores into `scores` when asked),
 * or per sample blocks of L labels (`blocks`, samplewise).
 */
export function countMultilabel(
  counts: Float64Array | undefined,
  blocks: Float64Array | undefined,
  batch: MultilabelBatch,
  L: number,
  threshold: number,
  ignoreIndex: number | undefined,
  rowScore?: ScoreFn,
  scores?: Float64Array,
): void {
  const { preds, target, weights, perSample } = batch;
  const rows = target.length / L;
  const into = blocks ?? counts!;
  for (let r = 0; r < rows; r++) {
    const w = weights ? weights[r]! : 1;
    const base = blocks ? Math.floor(r / perSample) * L * 4 : 0;
    let tn = 0;
    let fp = 0;
    let fn = 0;
    let tp = 0;
    for (let l = 0; l < L; l++) {
      const t = target[r * L + l]!;
      if (t === ignoreIndex) continue;
      const p = preds[r * L + l]! > threshold ? 1 : 0;
      into[base + l * 4 + t * 2 + p] += w;
      if (t === 1) {
        if (p) tp++;
        else fn++;
      } else if (p) fp++;
      else tn++;
    }
    if (counts) {
      counts[L * 4] += w;
      if (fp === 0 && fn === 0) counts[L * 4 + 1] += w;
      if (rowScore) scores![r] = rowScore(tp, fp, tn, fn);
    }
  }
}

/**
 * The cells of a multilabel batch for exact weighted counting: per row its L label cells, its
 * row cell and its exact-row cell (-1 when a label is wrong), `(L + 2)` per row; and each row's
 * score when asked.
 */
export function multilabelCells(
  batch: MultilabelBatch,
  L: number,
  threshold: number,
  ignoreIndex: number | undefined,
  rowScore?: ScoreFn,
): { cells: Int32Array; scores: Float64Array | undefined } {
  const rows = batch.target.length / L;
  const cells = new Int32Array(rows * (L + 2));
  const scores = rowScore ? new Float64Array(rows) : undefined;
  for (let r = 0; r < rows; r++) {
    const from = r * (L + 2);
    let wrong = false;
    for (let l = 0; l < L; l++) {
      const c = labelCell(batch, r * L + l, l, threshold, ignoreIndex);
      cells[from + l] = c;
      if (c === l * 4 + 1 || c === l * 4 + 2) wrong = true;
    }
    cells[from + L] = L * 4;
    cells[from + L + 1] = wrong ? -1 : L * 4 + 1;
    if (scores) scores[r] = rowScoreOf(cells, from, L, rowScore!);
  }
  return { cells, scores };
}
