/**
 * The MetricDef builders of the threshold metrics (internal): read a batch (batch.ts), count it
 * (confusion-kernel.ts) into a pooled confusion matrix or per-sample blocks, reduce at compute.
 * Every stat-score concept (stat-metric.ts) and the confusion-matrix concepts (MCC, Cohen's
 * kappa, balanced accuracy, the matrix) are built here, so they share one state per options: the
 * `stateKey` lets a collection update them once.
 */
import { type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import {
  addProductsToCells,
  addToCells,
  type ExactCells,
  emptyExactCells,
  exactCellsShape,
} from "../../core/exact-cells.js";
import { optInteger, optionNames } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import {
  type MulticlassReading,
  readBinaryLabelBatch,
  readMulticlassBatch,
  readMultilabelBatch,
} from "./batch.js";
import {
  binaryCells,
  blockCounts,
  type ClassCounts,
  countBinary,
  countMulticlass,
  countMulticlassSamplewise,
  countMultilabel,
  type MultilabelCounts,
  multiclassCells,
  multilabelCellCount,
  multilabelCells,
  type ScoreFn,
  tryCountBinaryFast,
  tryCountMulticlassFast,
} from "./confusion-kernel.js";
import {
  addIntegerCounts,
  integerCountsShape,
  integerWeights,
  mergeCounts,
  readCounts,
} from "./exact-counts.js";
import { assertSeen } from "./input.js";
import { type ClassIndex, type ClassLabel, optLabels, optPosLabel } from "./labels.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { optClassCount, optIgnoreIndex, optOneOf, optThreshold } from "./options.js";
import { optPredsKind, type PredsKind } from "./preds-kind.js";
import { type MetricSteps, stepsDef } from "./steps.js";

// ---------------------------------------------------------------- options

/** `"global"` pools the extra dimensions of `(N, ...)` inputs; `"samplewise"` scores each sample. */
export type MultidimAverage = "global" | "samplewise";

/** Options every binary threshold metric accepts. */
export interface BinaryStatOptions {
  /** A prediction is positive when `preds > threshold` (torchmetrics). Default 0.5. */
  threshold?: number;
  /** Samples whose target equals this value are left out. */
  ignoreIndex?: number;
  /** Default "auto": values outside [0, 1] are logits and get a sigmoid (torchmetrics). */
  predsKind?: PredsKind;
  /** Default "global". "samplewise" returns one value per sample of `(N, ...)` inputs. */
  multidimAverage?: MultidimAverage;
  /**
   * The positive label (sklearn's `pos_label`): `target` and `preds` are then labels (numbers or
   * strings), `posLabel` is 1 and the one other label 0.
   */
  posLabel?: ClassLabel;
}

/** Options every multiclass threshold metric accepts. */
export interface MulticlassStatOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /**
   * The class labels in class-index order (sklearn's `labels`): inputs may then hold these labels
   * (numbers or strings). A subset is allowed: other labels count as negatives of every listed
   * class, and listed labels absent from the data score 0 (sklearn).
   */
  labels?: readonly ClassLabel[];
  /** Samples whose target equals this value are left out. */
  ignoreIndex?: number;
  /**
   * Top-k (needs scores): a sample counts as predicting its target when the target is among the k
   * highest scores (ties: lower class index first), else as predicting the argmax.
   */
  topK?: number;
  /** Accepted for the task wrappers; the argmax does not change under a softmax. */
  predsKind?: PredsKind;
  multidimAverage?: MultidimAverage;
}

/** Options every multilabel threshold metric accepts. */
export interface MultilabelStatOptions {
  numLabels: number;
  threshold?: number;
  /** Target entries equal to this value are left out. */
  ignoreIndex?: number;
  /** Default "auto": values outside [0, 1] are logits and get a sigmoid (torchmetrics). */
  predsKind?: PredsKind;
  multidimAverage?: MultidimAverage;
}

/** The option names every binary threshold metric reads (a concept adds its own). */
export const BINARY_STAT_OPTIONS = /* @__PURE__ */ optionNames<BinaryStatOptions>()(
  "threshold",
  "ignoreIndex",
  "predsKind",
  "multidimAverage",
  "posLabel",
);
/** The option names every multiclass threshold metric reads (a concept adds its own). */
export const MULTICLASS_STAT_OPTIONS = /* @__PURE__ */ optionNames<MulticlassStatOptions>()(
  "numClasses",
  "labels",
  "ignoreIndex",
  "topK",
  "predsKind",
  "multidimAverage",
);
/** The option names every multilabel threshold metric reads (a concept adds its own). */
export const MULTILABEL_STAT_OPTIONS = /* @__PURE__ */ optionNames<MultilabelStatOptions>()(
  "numLabels",
  "threshold",
  "ignoreIndex",
  "predsKind",
  "multidimAverage",
);

export function optMultidim(fn: string, value: unknown): MultidimAverage {
  return optOneOf(fn, "multidimAverage", value, ["global", "samplewise"], "global");
}

/** The classes of a multiclass metric: K named classes, in a C x C matrix (C = K + 1 with a `labels` subset's "rest"). */
export interface Classes {
  /** Classes K reported (and score columns). */
  count: number;
  /** Classes C counted (K, or K + 1 when `labels` may leave values out). */
  counted: number;
  index: ClassIndex | undefined;
}

/**
 * Reads `numClasses` and `labels` (C x C float64 counts through the allocation budget; weighted
 * states add an exact window of limbs per cell, sized by the weights seen).
 */
export function readClasses(fn: string, o: Record<string, unknown>): Classes {
  const index = optLabels(fn, o.labels);
  if (!index) {
    const count = optClassCount(fn, "numClasses", o.numClasses, (c) => c * c * 8);
    return { count, counted: count, index };
  }
  const count = index.labels.length;
  if (o.numClasses !== undefined && o.numClasses !== count)
    fail(
      "invalid_option",
      `${fn}: option \`numClasses\` (${String(o.numClasses)}) disagrees with the ${count} \`labels\``,
    );
  return { count, counted: count + 1, index };
}

/** How a threshold metric reads multiclass labels: predicted labels needed, a `labels` subset's rest class kept. */
export function labelReading(classes: Classes, ignoreIndex: number | undefined): MulticlassReading {
  return {
    classes: classes.count,
    ignoreIndex,
    index: classes.index,
    rest: classes.index ? classes.count : undefined,
    needLabels: true,
    needScores: false,
  };
}

/** `numLabels` of a multilabel metric (4 float64 counts per label through the allocation budget). */
export function readNumLabels(fn: string, value: unknown): number {
  return optClassCount(fn, "numLabels", value, (labels) => labels * 32);
}

// ---------------------------------------------------------------- states

/**
 * Pooled counts: a confusion matrix (binary `[tn, fp, fn, tp]`, multiclass C x C, row = target),
 * each cell an integer count plus the exact sum of its non-integer weights (`exact-counts.ts`).
 */
export interface ConfusionState {
  /** Row-major integer counts, `matrix[target * C + prediction]`. */
  matrix: Float64Array;
  /** The exact sums of the batches weighted by non-integer `sampleWeight`, cell by cell. */
  weighted: ExactCells;
}

/** Per-sample counts: one block of `[tn, fp, fn, tp]` per class (binary: one) per sample. */
export interface SamplewiseState {
  blocks: GrowableFloat64;
}

/**
 * Pooled multilabel counts: `multilabelCellCount(L)` cells (per label `[tn, fp, fn, tp]`, rows,
 * exact rows, the per-row score sum), each an integer count plus an exact sum (`exact-counts.ts`).
 */
export interface MultilabelPooledState {
  counts: Float64Array;
  weighted: ExactCells;
  /** Whether a per-row score was NaN (`zeroDivision: NaN`): their sum is then NaN. */
  nanScores: boolean;
}

/** State of multilabel threshold metrics (global: pooled counts; samplewise: per-sample blocks). */
export type MultilabelCountsState = MultilabelPooledState | SamplewiseState;

export type StatState = ConfusionState | SamplewiseState;

const growableCounts = /* @__PURE__ */ field.custom((value, path, id) => {
  checkState(
    id,
    value,
    {
      data: field.typed(Float64Array, { values: "nonNegative" }),
      length: field.count(),
    },
    path,
  );
  const g = value as GrowableFloat64;
  stateInvariant(id, g.length <= g.data.length, `${path}.length exceeds its data`);
});

function checkStatState(id: string, state: unknown, matrixSize: number, blockSize: number | undefined): void {
  if (blockSize === undefined) {
    checkState(id, state, {
      matrix: integerCountsShape(matrixSize),
      weighted: exactCellsShape(matrixSize),
    });
    return;
  }
  checkState(id, state, { blocks: growableCounts });
  const { blocks } = state as SamplewiseState;
  stateInvariant(
    id,
    blocks.length % blockSize === 0,
    `state.blocks holds ${blocks.length} counts, not a whole number of samples of ${blockSize}`,
  );
}

/**
 * Checks a pooled multilabel state: integer counts and canonical exact cells, and totals that
 * agree (no label counts more rows than were seen; exact rows at most the rows; the per-row
 * scores, in [0, 1], sum to at most the rows).
 */
function checkMultilabelCounts(id: string, L: number, state: unknown): void {
  const cells = multilabelCellCount(L);
  checkState(id, state, {
    counts: integerCountsShape(cells),
    weighted: exactCellsShape(cells),
    nanScores: field.boolean(),
  });
  const s = multilabelView(state as MultilabelPooledState, L);
  stateInvariant(id, s.exact <= s.samples, `the exact rows (${s.exact}) exceed the rows (${s.samples})`);
  stateInvariant(
    id,
    !(s.sampleSum > s.samples),
    `the row-score sum (${s.sampleSum}) exceeds the rows (${s.samples})`,
  );
  for (let l = 0; l < L; l++) {
    const labelTotal = s.counts[4 * l]! + s.counts[4 * l + 1]! + s.counts[4 * l + 2]! + s.counts[4 * l + 3]!;
    stateInvariant(
      id,
      labelTotal <= s.samples * (1 + 2 ** -50),
      `label ${l} counts ${labelTotal} rows but the state holds ${s.samples}`,
    );
  }
}

/** What the reductions of a pooled multilabel state read: its counts rounded once. */
function multilabelView(state: MultilabelPooledState, L: number): MultilabelCounts {
  const all = readCounts(state.counts, state.weighted);
  return {
    counts: all.subarray(0, L * 4),
    samples: all[L * 4]!,
    exact: all[L * 4 + 1]!,
    sampleSum: state.nanScores ? Number.NaN : all[L * 4 + 2]!,
  };
}

function total(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}

function appendBlocks(state: SamplewiseState, blocks: Float64Array): void {
  const g = state.blocks;
  if (g.length + blocks.length > g.data.length) {
    let capacity = Math.max(16, g.data.length);
    while (capacity < g.length + blocks.length) capacity *= 2;
    const next = new Float64Array(capacity);
    next.set(g.data.subarray(0, g.length));
    g.data = next;
  }
  g.data.set(blocks, g.length);
  g.length += blocks.length;
}

function mergeStat(a: StatState, b: StatState): StatState {
  if ("matrix" in a && "matrix" in b) {
    const { counts, weighted } = mergeCounts(
      { counts: a.matrix, weighted: a.weighted },
      { counts: b.matrix, weighted: b.weighted },
    );
    return { matrix: counts, weighted };
  }
  if ("blocks" in a && "blocks" in b) {
    const merged: SamplewiseState = { blocks: growableFloat64(a.blocks.length + b.blocks.length) };
    appendBlocks(merged, a.blocks.data.subarray(0, a.blocks.length));
    appendBlocks(merged, b.blocks.data.subarray(0, b.blocks.length));
    return merged;
  }
  return fail("invalid_state", "merge: cannot merge a global state with a samplewise one");
}

/** Per-sample results of a samplewise state: `reduce` of each sample's `classes` blocks. */
function perSample<R>(
  state: SamplewiseState,
  classes: number,
  reduce: (counts: ClassCounts) => R,
  fn: string,
): R[] {
  const size = classes * 4;
  const n = state.blocks.length / size;
  if (n === 0) assertSeen(0, fn);
  return Array.from({ length: n }, (_, s) => reduce(blockCounts(state.blocks.data, classes, s * classes)));
}

// ---------------------------------------------------------------- builders

/** What a threshold metric adds to the kernel: its reductions (its steps need no more). */
export interface StatReductions<R> {
  /** Function name used in error messages. */
  fn: string;
  /** The result of pooled counts (the C x C matrix; binary `[tn, fp, fn, tp]`). */
  reduce(matrix: Float64Array): R;
  /** The result of one sample's per-class counts (samplewise); absent: no samplewise mode. */
  reduceSample?(counts: ClassCounts): R;
}

/** A threshold metric's reductions and its identity (what its def adds). */
export interface StatSpec<R> extends StatReductions<R> {
  id: string;
  meta: MetricMeta;
}

/** A threshold metric's steps, and the state key its def derives the rest from. */
export interface StatSteps<S, A extends unknown[], R, K> {
  steps: MetricSteps<S, A, R>;
  key: K & { samplewise: boolean } & Record<string, unknown>;
}

/** `multidimAverage` of a metric, refused as "samplewise" when it has no per-sample reduction. */
function readMultidim(spec: { fn: string; reduceSample?: unknown }, o: Record<string, unknown>): boolean {
  const multidim = optMultidim(spec.fn, o.multidimAverage);
  if (multidim === "samplewise" && !spec.reduceSample)
    fail(
      "invalid_option",
      `${spec.fn}: option \`multidimAverage: "samplewise"\` is not supported by this metric`,
    );
  return multidim === "samplewise";
}

export type BinaryArgs = [preds: LabelInput, target: LabelInput, sampleWeight?: NdInput];
export type MulticlassArgs = [preds: LabelInput, target: LabelInput, sampleWeight?: NdInput];
export type MultilabelArgs = [preds: NdInput, target: NdInput, sampleWeight?: NdInput];

/**
 * The steps of a binary threshold metric: read → squash logits → threshold → `[tn, fp, fn, tp]`
 * → reduce. `o` are the caller's options already read with `readOptions`.
 */
export function binaryStatSteps<R>(
  spec: StatReductions<R>,
  o: Record<string, unknown>,
): StatSteps<StatState, BinaryArgs, R, object> {
  const { fn } = spec;
  const threshold = optThreshold(fn, o.threshold);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const kind = optPredsKind(fn, o.predsKind);
  const posLabel = optPosLabel(fn, o.posLabel);
  const samplewise = readMultidim(spec, o);
  const plain = kind !== "logits" && posLabel === undefined && !samplewise;
  const reading = { kind, ignoreIndex, posLabel };
  return {
    key: { stat: "binary", threshold, ignoreIndex, kind, posLabel, samplewise },
    steps: {
      init: () => (samplewise ? { blocks: growableFloat64() } : pooledState(4)),
      update(state, preds, target, sampleWeight) {
        if (plain && sampleWeight === undefined && "matrix" in state) {
          const counts = new Float64Array(4);
          if (tryCountBinaryFast(counts, preds, target, threshold, ignoreIndex)) {
            state.weighted = addIntegerCounts(state.matrix, state.weighted, counts);
            return;
          }
        }
        const batch = readBinaryLabelBatch(fn, preds, target, sampleWeight, reading);
        if ("matrix" in state) {
          if (integerWeights(batch.weights)) {
            const counts = new Float64Array(4);
            countBinary(counts, batch, threshold, ignoreIndex, false);
            state.weighted = addIntegerCounts(state.matrix, state.weighted, counts);
          } else {
            const cells = binaryCells(batch, threshold, ignoreIndex);
            state.weighted = addToCells(state.weighted, 4, cells, batch.weights!);
          }
        } else {
          const blocks = new Float64Array(4 * batch.samples);
          countBinary(blocks, batch, threshold, ignoreIndex, true);
          appendBlocks(state, blocks);
        }
      },
      compute: (state) => {
        if ("blocks" in state) return perSample(state, 1, spec.reduceSample!, fn) as R;
        const matrix = readCounts(state.matrix, state.weighted);
        assertSeen(total(matrix), fn);
        return spec.reduce(matrix);
      },
    },
  };
}

/** A binary threshold MetricDef: {@link binaryStatSteps} with identity, merge and the state check. */
export function binaryStatDef<R>(
  spec: StatSpec<R>,
  o: Record<string, unknown>,
): MetricDef<StatState, BinaryArgs, R> {
  const { steps, key } = binaryStatSteps(spec, o);
  return stepsDef(steps, {
    id: spec.id,
    meta: spec.meta,
    options: { ...o },
    stateKey: key,
    merge: mergeStat,
    check: (id, state) => checkStatState(id, state, 4, key.samplewise ? 4 : undefined),
  });
}

/**
 * The steps of a multiclass threshold metric: read → (top-k) labels → C x C counts (or
 * per-sample blocks) → reduce. `o` are already read with `readOptions`; `topK` is refused
 * unless `allowTopK`.
 */
export function multiclassStatSteps<R>(
  spec: StatReductions<R>,
  o: Record<string, unknown>,
  allowTopK = false,
): StatSteps<StatState, MulticlassArgs, R, { C: number }> {
  const { fn } = spec;
  const classes = readClasses(fn, o);
  const C = classes.counted;
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  if (o.topK !== undefined && !allowTopK)
    fail("invalid_option", `${fn}: option \`topK\` is not supported by this metric`);
  const topK = readTopK(fn, o.topK, classes.count);
  const kind = optPredsKind(fn, o.predsKind);
  const samplewise = readMultidim(spec, o);
  const reading = {
    ...labelReading(classes, ignoreIndex),
    needScores: topK > 1,
    needScoresFor: "option `topK` > 1",
  };
  const plain = topK === 1 && !classes.index && !samplewise;
  return {
    key: { stat: "multiclass", C, labels: classes.index?.labels, ignoreIndex, topK, samplewise },
    steps: {
      init: () => (samplewise ? { blocks: growableFloat64() } : pooledState(C * C)),
      update(state, preds, target, sampleWeight) {
        if (plain && sampleWeight === undefined && "matrix" in state) {
          const local = tryCountMulticlassFast(C, preds, target, ignoreIndex);
          if (local) {
            state.weighted = addIntegerCounts(state.matrix, state.weighted, local);
            return;
          }
        }
        const batch = readMulticlassBatch(fn, preds, target, sampleWeight, reading);
        if (kind === "probabilities" && batch.scores) elementwiseProbabilities(batch.scores, fn);
        if ("matrix" in state) {
          if (integerWeights(batch.weights)) {
            const local = new Float64Array(C * C);
            countMulticlass(local, batch, C, classes.count, ignoreIndex, topK);
            state.weighted = addIntegerCounts(state.matrix, state.weighted, local);
          } else {
            const cells = multiclassCells(batch, C, classes.count, ignoreIndex, topK);
            state.weighted = addToCells(state.weighted, C * C, cells, batch.weights!);
          }
        } else {
          const blocks = new Float64Array(batch.samples * C * 4);
          countMulticlassSamplewise(blocks, batch, C, classes.count, ignoreIndex, topK);
          appendBlocks(state, blocks);
        }
      },
      compute: (state) => {
        if ("blocks" in state)
          return perSample(
            state,
            C,
            (counts) => spec.reduceSample!(sliceCounts(counts, classes.count)),
            fn,
          ) as R;
        const matrix = readCounts(state.matrix, state.weighted);
        assertSeen(total(matrix), fn);
        return spec.reduce(matrix);
      },
    },
  };
}

/** A multiclass threshold MetricDef: {@link multiclassStatSteps} with identity, merge and the state check. */
export function multiclassStatDef<R>(
  spec: StatSpec<R>,
  o: Record<string, unknown>,
  allowTopK = false,
): MetricDef<StatState, MulticlassArgs, R> {
  const { steps, key } = multiclassStatSteps(spec, o, allowTopK);
  const { C } = key;
  return stepsDef(steps, {
    id: spec.id,
    meta: spec.meta,
    options: { ...o },
    stateKey: key,
    merge: mergeStat,
    check: (id, state) => checkStatState(id, state, C * C, key.samplewise ? C * 4 : undefined),
  });
}

function elementwiseProbabilities(scores: ArrayLike<number>, fn: string): void {
  for (let i = 0; i < scores.length; i++)
    if (!(scores[i]! >= 0 && scores[i]! <= 1))
      fail(
        "invalid_value",
        `${fn}: \`preds\` must contain probabilities in [0, 1], got ${scores[i]} at index ${i}`,
      );
}

/** `topK` in [1, numClasses]. */
export function readTopK(fn: string, value: unknown, classes: number): number {
  return optInteger(fn, "topK", value, 1, { min: 1, max: classes });
}

/** The first `kept` classes of per-class counts (a `labels` subset drops its "rest" class). */
export function sliceCounts(counts: ClassCounts, kept: number): ClassCounts {
  if (counts.tp.length === kept) return counts;
  return {
    tp: counts.tp.subarray(0, kept),
    fp: counts.fp.subarray(0, kept),
    tn: counts.tn.subarray(0, kept),
    fn: counts.fn.subarray(0, kept),
  };
}

/** The K x K top-left block of a C x C matrix (a `labels` subset without its "rest" class). */
export function keptMatrix(matrix: Float64Array, C: number, K: number): Float64Array {
  if (C === K) return matrix;
  const out = new Float64Array(K * K);
  for (let t = 0; t < K; t++) out.set(matrix.subarray(t * C, t * C + K), t * K);
  return out;
}

/** What a multilabel threshold metric adds to the kernel (its steps need no identity). */
export interface MultilabelStatReductions<R> {
  fn: string;
  reduce(state: MultilabelCounts): R;
  /** The result of one sample's per-label counts (samplewise); absent: no samplewise mode. */
  reduceSample?(counts: ClassCounts): R;
  /** Per-row score accumulated for `average: "samples"` (only then), named for the state key. */
  rowScore?: { name: string; score: ScoreFn };
}

/** A multilabel threshold metric's reductions and its identity. */
export interface MultilabelStatSpec<R> extends MultilabelStatReductions<R> {
  id: string;
  meta: MetricMeta;
}

/** Merges multilabel counts states (global: by addition; samplewise: blocks concatenated). */
function mergeMultilabelCounts(a: MultilabelCountsState, b: MultilabelCountsState): MultilabelCountsState {
  if ("blocks" in a || "blocks" in b) return mergeStat(a as StatState, b as StatState) as SamplewiseState;
  return { ...mergeCounts(a, b), nanScores: a.nanScores || b.nanScores };
}

/** An empty pooled state of `cells` counts. */
function pooledState(cells: number): ConfusionState {
  return { matrix: new Float64Array(cells), weighted: emptyExactCells() };
}

/**
 * Adds per-row scores (times the rows' weights) to the score-sum cell of a pooled multilabel
 * state, exactly; a NaN score makes the sum NaN.
 */
function addRowScores(
  state: MultilabelPooledState,
  L: number,
  scores: Float64Array,
  weights: Float64Array | undefined,
): void {
  const cells = multilabelCellCount(L);
  const cellOf = new Int32Array(scores.length);
  for (let r = 0; r < scores.length; r++) {
    if (Number.isNaN(scores[r]!)) {
      state.nanScores = true;
      cellOf[r] = -1;
    } else cellOf[r] = cells - 1;
  }
  state.weighted = weights
    ? addProductsToCells(state.weighted, cells, cellOf, scores, weights)
    : addToCells(state.weighted, cells, cellOf, scores);
}

/**
 * The steps of a multilabel threshold metric: read → squash logits → threshold → per-label
 * counts (or per-sample blocks) → reduce. `o` are already read with `readOptions`.
 */
export function multilabelStatSteps<R>(
  spec: MultilabelStatReductions<R>,
  o: Record<string, unknown>,
): StatSteps<MultilabelCountsState, MultilabelArgs, R, { L: number }> {
  const { fn } = spec;
  const L = readNumLabels(fn, o.numLabels);
  const threshold = optThreshold(fn, o.threshold);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const kind = optPredsKind(fn, o.predsKind);
  const samplewise = readMultidim(spec, o);
  return {
    key: { stat: "multilabel", L, threshold, ignoreIndex, kind, samplewise, rows: spec.rowScore?.name },
    steps: {
      init: () =>
        samplewise
          ? { blocks: growableFloat64() }
          : {
              counts: new Float64Array(multilabelCellCount(L)),
              weighted: emptyExactCells(),
              nanScores: false,
            },
      update(state, preds, target, sampleWeight) {
        const batch = readMultilabelBatch(fn, preds, target, sampleWeight, L, kind, ignoreIndex);
        if ("blocks" in state) {
          const blocks = new Float64Array(batch.samples * L * 4);
          countMultilabel(undefined, blocks, batch, L, threshold, ignoreIndex);
          appendBlocks(state, blocks);
          return;
        }
        const rowScore = spec.rowScore?.score;
        const rows = batch.target.length / L;
        let scores: Float64Array | undefined;
        if (integerWeights(batch.weights)) {
          const local = new Float64Array(multilabelCellCount(L));
          scores = rowScore ? new Float64Array(rows) : undefined;
          countMultilabel(local, undefined, batch, L, threshold, ignoreIndex, rowScore, scores);
          state.weighted = addIntegerCounts(state.counts, state.weighted, local);
        } else {
          const cells = multilabelCells(batch, L, threshold, ignoreIndex, rowScore);
          const terms = new Float64Array(cells.cells.length);
          for (let r = 0; r < rows; r++) terms.fill(batch.weights![r]!, r * (L + 2), (r + 1) * (L + 2));
          state.weighted = addToCells(state.weighted, multilabelCellCount(L), cells.cells, terms);
          scores = cells.scores;
        }
        if (scores) addRowScores(state, L, scores, batch.weights);
      },
      compute: (state) => {
        if ("blocks" in state) return perSample(state, L, spec.reduceSample!, fn) as R;
        const view = multilabelView(state, L);
        assertSeen(view.samples, fn);
        return spec.reduce(view);
      },
    },
  };
}

/** A multilabel threshold MetricDef: {@link multilabelStatSteps} with identity, merge and the state check. */
export function multilabelStatDef<R>(
  spec: MultilabelStatSpec<R>,
  o: Record<string, unknown>,
): MetricDef<MultilabelCountsState, MultilabelArgs, R> {
  const { steps, key } = multilabelStatSteps(spec, o);
  const { L } = key;
  return stepsDef(steps, {
    id: spec.id,
    meta: spec.meta,
    options: { ...o },
    stateKey: key,
    merge: mergeMultilabelCounts,
    check: (id, state) => {
      if (key.samplewise) checkStatState(id, state, 0, L * 4);
      else checkMultilabelCounts(id, L, state);
    },
  });
}
