/**
 * The multiclass and multilabel curve states (internal): one binary problem per class (one vs
 * rest) or per label, over the exact scores and targets or a binned histogram per problem. Each
 * problem is a {@link CurveSource} that the binary curve computations of curve-state.ts take as
 * they take a binary state's; this module holds what only these variants need, so a bundle of
 * the binary metrics leaves it out.
 *
 * Exact states: multiclass N x C scores (row-major) and N labels (8 C + 4 bytes per sample);
 * multilabel N x L scores and targets (9 L bytes per sample; ignored entries stored as 2).
 */
import {
  append,
  concatGrowable,
  filled,
  type GrowableFloat64,
  type GrowableInt32,
  type GrowableUint8,
  growableFloat64,
  growableInt32,
  growableUint8,
} from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import { float32FromKey, radixSortUint32 } from "../../core/sort.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import {
  addHist,
  type BinnedCurveState,
  type CurveSource,
  checkBinnedCurveState,
  type ExactCurveSource,
  exactCurveSource,
  growableField,
  reached,
  totals,
  type Visit,
} from "./curve-state.js";

/** Exact multiclass state: N x C scores (row-major) and N labels. */
export interface ExactMulticlassCurveState {
  kind: "exact";
  scores: GrowableFloat64;
  target: GrowableInt32;
}
export type MulticlassCurveState = ExactMulticlassCurveState | BinnedCurveState;

/** Exact multilabel state: N x L scores and targets (0, 1, or 2 for ignored). */
export interface ExactMultilabelCurveState {
  kind: "exact";
  scores: GrowableFloat64;
  target: GrowableUint8;
}
export type MultilabelCurveState = ExactMultilabelCurveState | BinnedCurveState;

export function initMulticlassCurve(
  thresholds: Float64Array | undefined,
  numClasses: number,
): MulticlassCurveState {
  if (thresholds) return { kind: "binned", hist: new Float64Array(numClasses * 2 * (thresholds.length + 1)) };
  return { kind: "exact", scores: growableFloat64(), target: growableInt32() };
}
export function initMultilabelCurve(
  thresholds: Float64Array | undefined,
  numLabels: number,
): MultilabelCurveState {
  if (thresholds) return { kind: "binned", hist: new Float64Array(numLabels * 2 * (thresholds.length + 1)) };
  return { kind: "exact", scores: growableFloat64(), target: growableUint8() };
}

export function mergeMulticlassCurve<S extends MulticlassCurveState | MultilabelCurveState>(a: S, b: S): S {
  if (a.kind === "binned" && b.kind === "binned") return addHist(a, b) as S;
  if (a.kind === "exact" && b.kind === "exact") {
    return {
      kind: "exact",
      scores: concatGrowable(a.scores, b.scores),
      target: concatGrowable(a.target as GrowableInt32, b.target as GrowableInt32),
    } as S;
  }
  return fail("invalid_state", "merge: cannot merge an exact curve state with a binned one");
}

/**
 * Checks a decoded multiclass or multilabel curve state so that every compute on it ends: finite
 * scores, targets in their domain (class labels in [0, C); multilabel 0, 1 or 2 for ignored),
 * lengths that agree; binned (`histLength`): non-negative finite histogram counts.
 */
export function checkMulticlassCurveState(
  id: string,
  state: unknown,
  layout: { variant: "multiclass" | "multilabel"; classes: number; histLength?: number },
): void {
  if (layout.histLength !== undefined) {
    checkBinnedCurveState(id, state, layout.histLength);
    return;
  }
  const { variant, classes } = layout;
  const multiclass = variant === "multiclass";
  checkState(id, state, {
    kind: field.string(["exact"]),
    scores: growableField([Float64Array], "finite"),
    target: multiclass
      ? growableField([Int32Array], {
          test: (v) => v >= 0 && v < classes,
          words: `class labels in [0, ${classes})`,
        })
      : growableField([Uint8Array], { test: (v) => v <= 2, words: "0, 1 or 2 (ignored)" }),
  });
  const s = state as ExactMulticlassCurveState | ExactMultilabelCurveState;
  const expected = multiclass ? s.target.length * classes : s.target.length;
  stateInvariant(
    id,
    s.scores.length === expected && (multiclass || s.target.length % classes === 0),
    `state.scores must hold ${multiclass ? `${classes} scores per target` : `one score per target entry (${classes} per sample)`}, got ${s.scores.length} scores for ${s.target.length} targets`,
  );
}

/** Appends a validated multiclass batch (N x C scores, labels); ignored samples are dropped. */
export function updateMulticlassCurve(
  state: MulticlassCurveState,
  thresholds: Float64Array | undefined,
  scores: Float64Array,
  target: Float64Array,
  numClasses: number,
  ignoreIndex: number | undefined,
): void {
  const C = numClasses;
  const n = target.length;
  if (state.kind === "binned") {
    const T1 = thresholds!.length + 1;
    for (let i = 0; i < n; i++) {
      const t = target[i]!;
      if (t === ignoreIndex) continue;
      for (let c = 0; c < C; c++)
        state.hist[(c * 2 + (t === c ? 1 : 0)) * T1 + reached(thresholds!, scores[i * C + c]!)] += 1;
    }
    return;
  }
  let kept = 0;
  for (let i = 0; i < n; i++) if (target[i] !== ignoreIndex) kept++;
  if (kept === n) {
    append(state.scores, scores);
    append(state.target, target);
    return;
  }
  const keepScores = new Float64Array(kept * C);
  const keepTarget = new Float64Array(kept);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (target[i] === ignoreIndex) continue;
    keepScores.set(scores.subarray(i * C, i * C + C), j * C);
    keepTarget[j++] = target[i]!;
  }
  append(state.scores, keepScores);
  append(state.target, keepTarget);
}

/** Appends a validated multilabel batch (N x L scores and 0/1 targets; ignored entries stored as 2). */
export function updateMultilabelCurve(
  state: MultilabelCurveState,
  thresholds: Float64Array | undefined,
  scores: Float64Array,
  target: Float64Array,
  numLabels: number,
  ignoreIndex: number | undefined,
): void {
  const L = numLabels;
  if (state.kind === "binned") {
    const T1 = thresholds!.length + 1;
    for (let i = 0; i < target.length; i++) {
      const t = target[i]!;
      if (t === ignoreIndex) continue;
      state.hist[((i % L) * 2 + t) * T1 + reached(thresholds!, scores[i]!)] += 1;
    }
    return;
  }
  const coded = new Uint8Array(target.length);
  for (let i = 0; i < target.length; i++) coded[i] = target[i] === ignoreIndex ? 2 : target[i]!;
  append(state.scores, scores);
  append(state.target, coded);
}

/**
 * Order-preserving 32-bit keys of the scores when every score is a float32 value (the usual case:
 * model outputs), else null. One comparison pass (ended by the first score that is no float32
 * value), one native float64 -> float32 conversion and one bit-twiddling pass over a Uint32 view
 * (see `float32Key` in core/sort.ts).
 */
function float32Keys(values: Float64Array): Uint32Array | null {
  for (let i = 0; i < values.length; i++) if (Math.fround(values[i]!) !== values[i]) return null;
  const k = new Uint32Array(Float32Array.from(values).buffer);
  for (let i = 0; i < k.length; i++) {
    let b = k[i]!;
    if (b === 0x80000000) b = 0; // -0 reads as +0
    k[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  return k;
}

function mergeDescending<A extends Uint32Array | Float64Array>(
  pos: A,
  neg: A,
  toValue: (v: number) => number,
  visit: Visit,
): void {
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tps = 0;
  let fps = 0;
  while (i >= 0 || j >= 0) {
    const pv = i >= 0 ? pos[i]! : Number.NEGATIVE_INFINITY;
    const nv = j >= 0 ? neg[j]! : Number.NEGATIVE_INFINITY;
    const v = Math.max(pv, nv);
    while (i >= 0 && pos[i] === v) {
      tps++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fps++;
      j--;
    }
    visit(toValue(v), tps, fps);
  }
}

/**
 * The source of one binary problem: `scores` with their 0/1 `target`, in input order. When every
 * score is a float32 value, the positives' and the negatives' float32 keys are radix-sorted apart
 * and walked down merged; otherwise the binary exact source walks them (curve-state.ts: the
 * float32 buckets with each score's exact rest, 2x faster than sorting each side natively on
 * 1e6 x 10 float64 scores), so a class's curve is its binary curve bit for bit.
 * `noPositiveRecall`: the precision-recall curve's recall when there is no positive (default 1).
 */
function scoresSource(scores: Float64Array, target: Uint8Array, noPositiveRecall?: number): CurveSource {
  const keys = float32Keys(scores);
  let source: ExactCurveSource;
  if (keys) {
    let P = 0;
    for (let i = 0; i < target.length; i++) P += target[i]!;
    const pos = new Uint32Array(P);
    const neg = new Uint32Array(target.length - P);
    for (let i = 0, a = 0, b = 0; i < target.length; i++)
      if (target[i]) pos[a++] = keys[i]!;
      else neg[b++] = keys[i]!;
    source = {
      kind: "exact",
      P,
      N: neg.length,
      walk: (visit) => mergeDescending(radixSortUint32(pos), radixSortUint32(neg), float32FromKey, visit),
    };
  } else source = exactCurveSource(scores, target);
  if (noPositiveRecall !== undefined) source.noPositiveRecall = noPositiveRecall;
  return source;
}

function binnedSlice(state: BinnedCurveState, thresholds: Float64Array, k: number): CurveSource {
  const T1 = thresholds.length + 1;
  return {
    kind: "binned",
    thresholds,
    neg: state.hist.subarray(2 * k * T1, (2 * k + 1) * T1),
    pos: state.hist.subarray((2 * k + 1) * T1, (2 * k + 2) * T1),
  };
}

function binnedSum(state: BinnedCurveState, thresholds: Float64Array, K: number): CurveSource {
  const T1 = thresholds.length + 1;
  const neg = new Float64Array(T1);
  const pos = new Float64Array(T1);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < T1; i++) {
      neg[i] += state.hist[2 * k * T1 + i]!;
      pos[i] += state.hist[(2 * k + 1) * T1 + i]!;
    }
  }
  return { kind: "binned", thresholds, neg, pos };
}

/** One-vs-rest sources, one per class. */
export function multiclassSources(
  state: MulticlassCurveState,
  thresholds: Float64Array | undefined,
  numClasses: number,
): CurveSource[] {
  const C = numClasses;
  if (state.kind === "binned") return Array.from({ length: C }, (_, c) => binnedSlice(state, thresholds!, c));
  const scores = filled(state.scores);
  const target = filled(state.target);
  const n = target.length;
  const counts = new Int32Array(C);
  for (let i = 0; i < n; i++) counts[target[i]!]!++;
  // torchmetrics 1.9.0 sets the recall of a positive-free problem to 1 only when the whole
  // target is 0 (its check reads the multiclass target, not the class): other absent classes get
  // recall 0/0 = NaN (issue 10 §3).
  const noPositiveRecall = counts[0] === n ? 1 : Number.NaN;
  // Every class's column in one pass over the row-major scores (read in order, not strided).
  const columns = Array.from({ length: C }, () => new Float64Array(n));
  const positive = Array.from({ length: C }, () => new Uint8Array(n));
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < C; c++) columns[c]![i] = scores[i * C + c]!;
    positive[target[i]!]![i] = 1;
  }
  return columns.map((column, c) => scoresSource(column, positive[c]!, noPositiveRecall));
}

/** Micro one-vs-rest: every (sample, class) score as one binary problem (target one-hot). */
export function multiclassMicroSource(
  state: MulticlassCurveState,
  thresholds: Float64Array | undefined,
  numClasses: number,
): CurveSource {
  const C = numClasses;
  if (state.kind === "binned") return binnedSum(state, thresholds!, C);
  const scores = filled(state.scores);
  const target = filled(state.target);
  const n = target.length;
  const positive = new Uint8Array(n * C);
  for (let i = 0; i < n; i++) positive[i * C + target[i]!] = 1;
  return scoresSource(scores.slice(0, n * C), positive);
}

/**
 * A split source over entries 0..count-1: `label(i)` is 1 (positive), 0 (negative) or 2 (left
 * out), `score(i)` the entry's score.
 */
function splitSource(count: number, label: (i: number) => number, score: (i: number) => number): CurveSource {
  const scores = new Float64Array(count);
  const target = new Uint8Array(count);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const l = label(i);
    if (l === 2) continue;
    scores[kept] = score(i);
    target[kept++] = l;
  }
  return scoresSource(scores.subarray(0, kept), target.subarray(0, kept));
}

/** Source for the one-vs-one pair: samples of classes a or b, scored by class `scoreClass`, positive = `scoreClass`. */
export function ovoSource(
  state: ExactMulticlassCurveState,
  numClasses: number,
  a: number,
  b: number,
  scoreClass: number,
): CurveSource {
  const C = numClasses;
  const scores = filled(state.scores);
  const target = filled(state.target);
  return splitSource(
    target.length,
    (i) => (target[i] === scoreClass ? 1 : target[i] === a || target[i] === b ? 0 : 2),
    (i) => scores[i * C + scoreClass]!,
  );
}

/** Per-label sources (ignored entries left out). */
export function multilabelSources(
  state: MultilabelCurveState,
  thresholds: Float64Array | undefined,
  numLabels: number,
): CurveSource[] {
  const L = numLabels;
  if (state.kind === "binned") return Array.from({ length: L }, (_, l) => binnedSlice(state, thresholds!, l));
  const scores = filled(state.scores);
  const target = filled(state.target);
  const rows = Math.floor(target.length / L);
  return Array.from({ length: L }, (_, l) =>
    splitSource(
      rows,
      (r) => target[r * L + l]!,
      (r) => scores[r * L + l]!,
    ),
  );
}

/** Micro: every (sample, label) entry as one binary problem. */
export function multilabelMicroSource(
  state: MultilabelCurveState,
  thresholds: Float64Array | undefined,
  numLabels: number,
): CurveSource {
  if (state.kind === "binned") return binnedSum(state, thresholds!, numLabels);
  const scores = filled(state.scores);
  const target = filled(state.target);
  return splitSource(
    target.length,
    (i) => target[i]!,
    (i) => scores[i]!,
  );
}

/** Positives per class/label of a list of sources (weights of "weighted" averages). */
export function positives(sources: readonly CurveSource[]): number[] {
  return sources.map((s) => totals(s).P);
}

/** Averages per-class values as torchmetrics' curve metrics: NaN classes are left out. */
export function averageCurveValues(
  values: readonly number[],
  average: "macro" | "weighted" | "none",
  weights: readonly number[],
): number | number[] {
  if (average === "none") return [...values];
  let num = 0;
  let den = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const w = average === "weighted" ? weights[i]! : 1;
    num += w * v;
    den += w;
    count++;
  }
  if (count === 0) return Number.NaN;
  return den === 0 ? 0 : num / den;
}
