/**
 * The task layouts of torchmetrics (internal): a batch of binary, multiclass or multilabel
 * predictions and targets, read and validated as a whole before any state changes.
 *
 * - binary: `preds` and `target` of one shape `(N, ...)`;
 * - multiclass: `target (N, ...)` with `preds` either labels of the same shape or scores
 *   `(N, C, ...)` (one more dimension, classes second);
 * - multilabel: `preds` and `target` of one shape `(N, L, ...)`.
 *
 * Extra dimensions `...` are elements of a sample: `multidimAverage: "global"` pools them,
 * `"samplewise"` scores each sample (the `perSample` count below). Labels may be strings or any
 * numbers when option `labels` (multiclass) or `posLabel` (binary) maps them, as scikit-learn.
 */
import { readNdArray } from "../../core/coerce.js";
import { describeValue, fail, invalidValue, shapeMismatch } from "../../core/errors.js";
import { assertSameLength } from "../../core/validate.js";
import { readWeights } from "./input.js";
import { binaryFromLabels, type ClassIndex, type ClassLabel, mapLabels } from "./labels.js";
import { assertSameShape, classesLast, type LabelArray, readLabelValues, sampleSize } from "./ndarray.js";
import { elementwise, type ScoresKind } from "./preds-kind.js";

/** What every batch carries besides its values. */
export interface BatchLayout {
  /** Samples N (the first dimension). */
  samples: number;
  /** Elements (binary), rows (multiclass, multilabel) per sample: the product of the extra dimensions. */
  perSample: number;
  /** Per element or row weights (a sample's weight repeated over its elements); undefined: ones. */
  weights: Float64Array | undefined;
}

/** Reads `sampleWeight` (one per sample) and spreads it over each sample's `perSample` elements. */
function spreadWeights(
  sampleWeight: unknown,
  samples: number,
  perSample: number,
  fn: string,
): Pick<BatchLayout, "weights"> {
  const w = readWeights(sampleWeight, samples, fn);
  if (!w || perSample === 1) return { weights: w };
  const out = new Float64Array(samples * perSample);
  for (let n = 0; n < samples; n++) out.fill(w[n]!, n * perSample, (n + 1) * perSample);
  return { weights: out };
}

function stringsNeedMapping(values: LabelArray, fn: string, arg: string, option: string): void {
  if ("strings" in values && values.data.length > 0)
    invalidValue(
      `${fn}: \`${arg}\` holds string labels (${describeValue(values.data[0])} at index 0); map them with option \`${option}\``,
    );
}

// ---------------------------------------------------------------- binary

export interface BinaryBatch extends BatchLayout {
  /** Probabilities (or scores, for `kind: "scores"`), one per element. */
  preds: ArrayLike<number>;
  /** 0, 1 or `ignoreIndex`, one per element. */
  target: ArrayLike<number>;
}

export interface BinaryReading {
  kind: ScoresKind;
  ignoreIndex: number | undefined;
  /** The positive label (sklearn's `pos_label`): target values are labels mapped onto 0/1. */
  posLabel: ClassLabel | undefined;
  /** Target -1 means the negative class (hinge loss, as sklearn's {-1, 1} labels). */
  minusOne?: boolean;
}

/**
 * Whether every value is 0 or 1, without a branch per value (labels come in random order):
 * v (v - 1) is 0 exactly for 0 and 1.
 */
function allZeroOne(data: ArrayLike<number>): boolean {
  let other = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    other |= v * (v - 1) === 0 ? 0 : 1;
  }
  return other === 0;
}

function binaryTarget(
  values: LabelArray,
  fn: string,
  r: BinaryReading,
  seen: Set<ClassLabel>,
): ArrayLike<number> {
  if (r.posLabel !== undefined)
    return binaryFromLabels(values, r.posLabel, fn, "target", r.ignoreIndex, seen);
  stringsNeedMapping(values, fn, "target", "posLabel");
  const data = values.data as ArrayLike<number>;
  if (allZeroOne(data)) return data;
  let out: Float64Array | undefined;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === 0 || v === 1 || v === r.ignoreIndex) continue;
    if (v === -1 && r.minusOne) {
      out ??= Float64Array.from(data);
      out[i] = 0;
      continue;
    }
    invalidValue(
      `${fn}: \`target\` must contain only 0 and 1${r.minusOne ? " (or -1 for the negative class)" : ""}, got ${describeValue(v)} at index ${i}`,
    );
  }
  return out ?? data;
}

/** What every binary batch does last: the shapes agree, `posLabel` is a label seen, weights read. */
function binaryBatch(
  fn: string,
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  shapes: [preds: readonly number[], target: readonly number[]],
  r: BinaryReading,
  seen: Set<ClassLabel>,
  sampleWeight: unknown,
): BinaryBatch {
  const [shape, targetShape] = shapes;
  assertSameShape(shape, targetShape, fn, "preds", "target");
  if (r.posLabel !== undefined && seen.size === 2 && !seen.has(r.posLabel))
    invalidValue(
      `${fn}: option \`posLabel\` is ${describeValue(r.posLabel)}, which is not among the labels ${[...seen].map(describeValue).join(", ")}`,
    );
  const samples = shape[0]!;
  const perSample = sampleSize(shape);
  return { preds, target, samples, perSample, ...spreadWeights(sampleWeight, samples, perSample, fn) };
}

/** Reads a binary batch of scores (see the module comment). */
export function readBinaryBatch(
  fn: string,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
  r: BinaryReading,
): BinaryBatch {
  const t = readLabelValues(target, fn, "target");
  const seen = new Set<ClassLabel>();
  const y = binaryTarget(t, fn, r, seen);
  const read = readNdArray(preds, fn, "preds");
  assertSameShape(read.shape, t.shape, fn, "preds", "target");
  return binaryBatch(fn, elementwise(read.data, r.kind, fn), y, [read.shape, t.shape], r, seen, sampleWeight);
}

/**
 * Reads a binary batch of a threshold metric: scores, or with `posLabel` labels as `target`
 * holds (sklearn's `y_pred`), mapped onto 0/1.
 */
export function readBinaryLabelBatch(
  fn: string,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
  r: BinaryReading,
): BinaryBatch {
  if (r.posLabel === undefined) return readBinaryBatch(fn, preds, target, sampleWeight, r);
  const t = readLabelValues(target, fn, "target");
  const seen = new Set<ClassLabel>();
  const y = binaryTarget(t, fn, r, seen);
  const labels = readLabelValues(preds, fn, "preds");
  const p = binaryFromLabels(labels, r.posLabel, fn, "preds", undefined, seen);
  return binaryBatch(fn, p, y, [labels.shape, t.shape], r, seen, sampleWeight);
}

// ---------------------------------------------------------------- multiclass

export interface MulticlassBatch extends BatchLayout {
  /** Class index per row, or `ignoreIndex`. */
  target: ArrayLike<number>;
  /** Predicted class per row (argmax of the scores, first maximum on ties), when asked for. */
  labels: ArrayLike<number> | undefined;
  /** Rows x `classes` scores as given (finite), when `preds` are scores. */
  scores: ArrayLike<number> | undefined;
}

export interface MulticlassReading {
  /** Score columns C (the classes of `labels` when given). */
  classes: number;
  ignoreIndex: number | undefined;
  /** sklearn's `labels`: label values → class indices. */
  index: ClassIndex | undefined;
  /** The class index of labels outside `index` (a `labels` subset), or undefined to refuse them. */
  rest: number | undefined;
  /** Whether predicted labels are needed (argmax of scores). */
  needLabels: boolean;
  /** Whether `preds` must be scores (curves, probabilities), and why (named in the message). */
  needScores: boolean;
  needScoresFor?: string;
}

function classIndices(values: LabelArray, fn: string, arg: string, m: MulticlassReading): ArrayLike<number> {
  if (m.index) return mapLabels(values, m.index, fn, arg, m.ignoreIndex, m.rest);
  stringsNeedMapping(values, fn, arg, "labels");
  const data = values.data as ArrayLike<number>;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === m.ignoreIndex && arg === "target") continue;
    if (!Number.isInteger(v))
      invalidValue(
        `${fn}: \`${arg}\` must contain integer class labels, got ${describeValue(v)} at index ${i}`,
      );
    if (v < 0 || v >= m.classes)
      invalidValue(`${fn}: \`${arg}\` must contain labels in [0, ${m.classes}), got ${v} at index ${i}`);
  }
  return data;
}

/**
 * A single column of fractional values given where multiclass labels belong is a column of
 * scores: says so, and which call reads it (issue 9 §10), instead of "must contain integer labels".
 */
function assertNotScoreColumn(values: ArrayLike<number>, fn: string, classes: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && !Number.isInteger(v)) {
      const binary = fn.replace(/^multiclass/, "binary");
      invalidValue(
        `${fn}: \`preds\` holds the score ${v} at index ${i}, but a single column must hold integer class labels; scores of one class are a binary problem (${binary}, or task: "binary"), multiclass scores need a matrix with one column per class (N x ${classes})`,
      );
    }
  }
}

function argmaxRows(scores: ArrayLike<number>, rows: number, C: number): Float64Array {
  const labels = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestScore = scores[r * C]!;
    for (let c = 1; c < C; c++) {
      const s = scores[r * C + c]!;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    labels[r] = best;
  }
  return labels;
}

/** Reads a multiclass batch (see the module comment). */
export function readMulticlassBatch(
  fn: string,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
  m: MulticlassReading,
): MulticlassBatch {
  const t = readLabelValues(target, fn, "target");
  const y = classIndices(t, fn, "target", m);
  const samples = t.shape[0]!;
  const perSample = sampleSize(t.shape);
  const p = readLabelValues(preds, fn, "preds");
  const rank = p.shape.length;
  // An (N, 1) column of labels (a one-column CSV) for an (N) target.
  const squeezed = rank === 2 && t.shape.length === 1 && p.shape[1] === 1 && m.classes !== 1;
  let labels: ArrayLike<number> | undefined;
  let scores: ArrayLike<number> | undefined;
  if (rank === t.shape.length + 1 && !squeezed) {
    stringsNeedMapping(p, fn, "preds", "labels");
    const C = p.shape[1]!;
    if (C !== m.classes || p.shape[0] !== samples || p.shape.slice(2).some((d, i) => d !== t.shape[i + 1]))
      shapeMismatch(
        `${fn}: \`preds\` must be labels of \`target\`'s shape [${t.shape.join(", ")}] or scores [${[samples, m.classes, ...t.shape.slice(1)].join(", ")}], got [${p.shape.join(", ")}]`,
      );
    scores = classesLast(p.data as ArrayLike<number>, p.shape);
    for (let i = 0; i < scores.length; i++)
      if (!Number.isFinite(scores[i]!))
        invalidValue(`${fn}: \`preds\` must be finite, got ${describeValue(scores[i])} at index ${i}`);
    if (m.needLabels) labels = argmaxRows(scores, y.length, m.classes);
  } else {
    if (m.needScores && p.data.length > 0)
      fail(
        m.needScoresFor ? "invalid_option" : "invalid_value",
        m.needScoresFor
          ? `${fn}: ${m.needScoresFor} needs scores (N x ${m.classes}), got labels`
          : `${fn}: \`preds\` must be scores (N x ${m.classes}${t.shape.length > 1 ? " x ..." : ""}), got labels of shape [${p.shape.join(", ")}]`,
      );
    const shape = squeezed ? [p.shape[0]!, ...p.shape.slice(2)] : p.shape;
    if (shape.length !== t.shape.length || shape.some((d, i) => d !== t.shape[i]))
      shapeMismatch(
        t.shape.length === 1 && shape.length === 1
          ? `${fn}: \`preds\` and \`target\` must have the same length, got ${shape[0]} and ${t.shape[0]}`
          : `${fn}: \`preds\` must be labels (N) or scores (N x ${m.classes}), got ${p.shape.join(" x ")} for a target of shape [${t.shape.join(", ")}]`,
      );
    if (!("strings" in p) && !m.index) assertNotScoreColumn(p.data as ArrayLike<number>, fn, m.classes);
    labels = classIndices(p, fn, "preds", { ...m, ignoreIndex: undefined });
  }
  assertSameLength(labels?.length ?? y.length, y.length, fn, "preds", "target");
  return {
    target: y,
    labels,
    scores,
    samples,
    perSample,
    ...spreadWeights(sampleWeight, samples, perSample, fn),
  };
}

// ---------------------------------------------------------------- multilabel

export interface MultilabelBatch extends BatchLayout {
  /** Rows x L probabilities (or scores). */
  preds: ArrayLike<number>;
  /** Rows x L targets: 0, 1 or `ignoreIndex`. */
  target: ArrayLike<number>;
}

/** Reads a multilabel batch `(N, L, ...)` (see the module comment); `kind` squashes logits. */
export function readMultilabelBatch(
  fn: string,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
  labels: number,
  kind: ScoresKind,
  ignoreIndex: number | undefined,
): MultilabelBatch {
  const p = readNdArray(preds, fn, "preds");
  const t = readNdArray(target, fn, "target");
  const rowsOf = (shape: readonly number[]) => (shape.length === 1 && shape[0] === 0 ? [0, labels] : shape);
  const ps = rowsOf(p.shape);
  const ts = rowsOf(t.shape);
  if (ps.length < 2 || ps[1] !== labels)
    shapeMismatch(
      `${fn}: \`preds\` must have ${labels} columns (N x ${labels}), got shape [${p.shape.join(", ")}]`,
    );
  if (ts.length < 2 || ts[1] !== labels)
    shapeMismatch(
      `${fn}: \`target\` must have ${labels} columns (N x ${labels}), got shape [${t.shape.join(", ")}]`,
    );
  if (ps[0] !== ts[0])
    shapeMismatch(`${fn}: \`preds\` and \`target\` must have the same length, got ${ps[0]} and ${ts[0]}`);
  assertSameShape(ps, ts, fn, "preds", "target");
  const y = classesLast(t.data, ts);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1 && v !== ignoreIndex)
      invalidValue(`${fn}: \`target\` must contain only 0 and 1, got ${describeValue(v)} at index ${i}`);
  }
  const samples = ps[0]!;
  const perSample = sampleSize(ps) / labels;
  return {
    preds: elementwise(classesLast(p.data, ps), kind, fn),
    target: y,
    samples,
    perSample,
    ...spreadWeights(sampleWeight, samples, perSample, fn),
  };
}
