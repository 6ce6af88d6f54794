/**
 * The one curve state behind ROC, precision-recall, AUROC, average precision and the operating
 * points (internal). Two modes, as torchmetrics 1.9.0:
 *
 * - exact (`thresholds` undefined): the scores and targets themselves, O(n) state: binary
 *   5 bytes per sample while every score is a float32 value (Float32 score + Uint8 target), 9
 *   once one is not (Float64 score), +8 with `sampleWeight`; multiclass 8 C + 4, multilabel 9 L.
 *   At compute, float32 scores are bucketed by the bits of their order-preserving keys (O(n), no
 *   full sort); other scores are split by target and sorted with the engine's numeric sort, then
 *   merged in descending order. Every distinct score is one threshold and ties share it (half
 *   credit in AUROC, as sklearn and torchmetrics).
 * - binned (`thresholds`: a count for torch's float32 `linspace(0, 1, count)`, or an ascending
 *   list): a histogram of how many thresholds each score reaches, per target value; constant
 *   memory, merge by addition. A score `s` is predicted positive at threshold `t` when `s >= t`.
 */
import {
  append,
  concatGrowable,
  filled,
  type GrowableFloat32,
  type GrowableFloat64,
  type GrowableInt32,
  type GrowableUint8,
  growableFloat32,
  growableFloat64,
  growableInt32,
  growableUint8,
} from "../../core/buffer.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optSize } from "../../core/options.js";
import { argsortDescending, float32FromKey, radixSortUint32 } from "../../core/sort.js";
import { isAscending, sortFloat64 } from "../../core/sort-float64.js";
import {
  checkState,
  checkValues,
  type FieldCheck,
  field,
  stateInvariant,
  type ValueDomain,
} from "../../core/state-check.js";
import { trapezoid } from "./auc.js";
import { isPlainVector } from "./ndarray.js";

/** `thresholds` option: undefined (exact), a count (torch float32 linspace over [0, 1]) or an ascending list. */
export type ThresholdsOption = number | readonly number[];

/**
 * torch 2.x `torch.linspace(0, 1, steps)` in float32 as its vectorised CPU kernel computes it
 * (step = 1/(steps-1) in float32; the first half counts up from 0, the second half down from 1,
 * 8-wide vectors), so binned thresholds equal torchmetrics' bit for bit on ties.
 */
export function torchLinspace01(steps: number): Float64Array {
  const f = Math.fround;
  const step = f(1 / (steps - 1));
  const half = Math.floor(steps / 2);
  const out = new Float64Array(steps);
  const V = 8;
  let idx = 0;
  const base = (i: number) => (i < half ? f(f(step * i)) : f(1 - f(step * (steps - i - 1))));
  while (idx + 2 * V <= steps) {
    for (let r = 0; r < 2; r++) {
      const b = base(idx);
      for (let i = 0; i < V; i++) out[idx + i] = f(b + f(i * step));
      idx += V;
    }
  }
  for (; idx < steps; idx++) out[idx] = base(idx);
  if (steps > 0) out[0] = 0;
  return out;
}

/**
 * Parses the `thresholds` option; undefined (or null) means exact mode. A count goes through the
 * allocation budget for `problems` binned histograms (2 (T + 1) float64 counts each); a list must
 * hold strictly increasing numbers in [0, 1].
 */
export function resolveThresholds(value: unknown, fn: string, problems = 1): Float64Array | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") {
    const count = optSize(fn, "thresholds", value, undefined, {
      min: 2,
      bytesFor: (t) => 8 * t + problems * 16 * (t + 1),
    }) as number;
    return torchLinspace01(count);
  }
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const raw = value as ArrayLike<unknown>;
    if (raw.length === 0) fail("invalid_option", `${fn}: option \`thresholds\` must not be an empty list`);
    assertAllocation(fn, `option \`thresholds\` (${raw.length} values)`, problems * 16 * (raw.length + 1));
    const list = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      if (typeof v !== "number" || !(v >= 0 && v <= 1))
        fail(
          "invalid_option",
          `${fn}: option \`thresholds\` must hold numbers in [0, 1], got ${describeValue(v)} at index ${i}`,
        );
      if (i > 0 && !(v > list[i - 1]!))
        fail(
          "invalid_option",
          `${fn}: option \`thresholds\` must be strictly increasing, got ${v} after ${list[i - 1]} at index ${i}`,
        );
      list[i] = v;
    }
    return list;
  }
  return fail(
    "invalid_option",
    `${fn}: option \`thresholds\` must be an integer >= 2 or a list of numbers, got ${describeValue(value)}`,
  );
}

/**
 * The number of thresholds `<= score` (binary search; thresholds ascending), compared in float32
 * as torchmetrics compares a float32 tensor with its thresholds: a score of 0.2 reaches the
 * threshold 0.2 of `thresholds: 5` (float32 0.2000000030) as it does in torchmetrics.
 */
export function reached(thresholds: Float64Array, score: number): number {
  const s = Math.fround(score);
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.fround(thresholds[mid]!) <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------- states

/**
 * Exact binary state: scores, targets (0/1) and optional weights. Scores are kept as float32
 * (4 bytes each) while every score seen is a float32 value, and switch to float64 for good at
 * the first one that is not (no value is ever rounded).
 */
export interface ExactBinaryCurveState {
  kind: "exact";
  scores: GrowableFloat32 | GrowableFloat64;
  target: GrowableUint8;
  weights: GrowableFloat64 | null;
}
/** Binned binary state: `hist[t * (T + 1) + k]` = weight of samples of target t reaching k thresholds. */
export interface BinnedCurveState {
  kind: "binned";
  hist: Float64Array;
}
export type BinaryCurveState = ExactBinaryCurveState | BinnedCurveState;

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

export function initBinaryCurve(thresholds: Float64Array | undefined): BinaryCurveState {
  if (thresholds) return { kind: "binned", hist: new Float64Array(2 * (thresholds.length + 1)) };
  return { kind: "exact", scores: growableFloat32(), target: growableUint8(), weights: null };
}
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

function addHist(a: BinnedCurveState, b: BinnedCurveState): BinnedCurveState {
  const hist = new Float64Array(a.hist.length);
  for (let i = 0; i < hist.length; i++) hist[i] = a.hist[i]! + b.hist[i]!;
  return { kind: "binned", hist };
}

function onesUpTo(n: number): GrowableFloat64 {
  const g = growableFloat64(n);
  g.data.fill(1, 0, n);
  g.length = n;
  return g;
}

export function mergeBinaryCurve(a: BinaryCurveState, b: BinaryCurveState): BinaryCurveState {
  if (a.kind === "binned" && b.kind === "binned") return addHist(a, b);
  if (a.kind === "exact" && b.kind === "exact") {
    let weights: GrowableFloat64 | null = null;
    if (a.weights || b.weights)
      weights = concatGrowable(
        a.weights ?? onesUpTo(a.target.length),
        b.weights ?? onesUpTo(b.target.length),
      );
    const wide = a.scores.data instanceof Float64Array || b.scores.data instanceof Float64Array;
    return {
      kind: "exact",
      scores: wide
        ? concatGrowable(widened(a.scores), widened(b.scores))
        : concatGrowable(a.scores, b.scores),
      target: concatGrowable(a.target, b.target),
      weights,
    };
  }
  return fail("invalid_state", "merge: cannot merge an exact curve state with a binned one");
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

type TypedCtor =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor;

/**
 * A growable buffer `{ data, length }` of one of `types` whose filled part lies in `domain`. A
 * live state may hold spare capacity (length <= data.length); a decoded one has none (the codec
 * checks length === data.length).
 */
function growableField(types: readonly TypedCtor[], domain: ValueDomain): FieldCheck {
  return field.custom((value, path, id) => {
    const buffer = value as { data?: unknown; length?: unknown } | null;
    const keysOk =
      typeof buffer === "object" &&
      buffer !== null &&
      Object.keys(buffer).every((k) => k === "data" || k === "length");
    const data = keysOk ? buffer.data : undefined;
    if (!keysOk || !types.some((t) => data instanceof t))
      fail(
        "invalid_state",
        `${id}: ${path} must be a growable buffer { data: ${types.map((t) => t.name).join(" or ")}, length }, got ${describeValue(value)}`,
      );
    const array = data as ArrayLike<number>;
    const length = buffer.length;
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || length > array.length)
      fail(
        "invalid_state",
        `${id}: ${path}.length must be an integer in [0, ${array.length}], got ${describeValue(length)}`,
      );
    checkValues(id, `${path}.data`, (array as Float64Array).subarray(0, length), domain);
  });
}

const histShape = (length: number) => ({
  kind: field.string(["binned"]),
  hist: field.typed(Float64Array, { length, values: "nonNegative" }),
});

/**
 * Checks a decoded curve state (binary, multiclass or multilabel, exact or binned) so that every
 * compute on it ends: finite scores, targets in their domain (0/1; class labels in [0, C);
 * multilabel 0, 1 or 2 for ignored), lengths that agree, non-negative finite histogram counts.
 */
export function checkCurveState(
  id: string,
  state: unknown,
  layout: { variant: "binary" | "multiclass" | "multilabel"; classes: number; histLength?: number },
): void {
  if (layout.histLength !== undefined) {
    checkState(id, state, histShape(layout.histLength));
    return;
  }
  const { variant, classes } = layout;
  if (variant === "binary") {
    checkState(id, state, {
      kind: field.string(["exact"]),
      scores: growableField([Float32Array, Float64Array], "finite"),
      target: growableField([Uint8Array], "binary"),
      weights: field.oneOf(field.null(), growableField([Float64Array], "nonNegative")),
    });
    const s = state as ExactBinaryCurveState;
    stateInvariant(
      id,
      s.scores.length === s.target.length && (s.weights === null || s.weights.length === s.target.length),
      `state.scores, state.target and state.weights must hold as many samples, got ${s.scores.length}, ${s.target.length} and ${s.weights?.length ?? "none"}`,
    );
    return;
  }
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

function reserve<B extends GrowableFloat32 | GrowableFloat64 | GrowableUint8>(
  buffer: B,
  extra: number,
): void {
  const needed = buffer.length + extra;
  if (needed <= buffer.data.length) return;
  // The first batch gets exactly its size; later ones grow by doubling (amortised O(1)).
  let capacity = buffer.length === 0 ? needed : Math.max(16, buffer.data.length);
  while (capacity < needed) capacity *= 2;
  const next = new (buffer.data.constructor as new (n: number) => B["data"])(capacity);
  next.set(buffer.data.subarray(0, buffer.length) as never);
  buffer.data = next;
}

/** A float64 copy of a float32 score buffer (a float64 one is returned as is). */
function widened(buffer: GrowableFloat32 | GrowableFloat64): GrowableFloat64 {
  if (buffer.data instanceof Float64Array) return buffer as GrowableFloat64;
  return { data: Float64Array.from(buffer.data.subarray(0, buffer.length)), length: buffer.length };
}

/** True when every value is a float32 value (so a Float32Array holds it exactly). */
function allFloat32(values: ArrayLike<number>): boolean {
  if (values instanceof Float32Array) return true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Math.fround(v) !== v) return false;
  }
  return true;
}

/** Appends validated scores, widening the buffer to float64 at the first non-float32 score. */
function appendScores(state: ExactBinaryCurveState, values: ArrayLike<number>): void {
  if (state.scores.data instanceof Float32Array && !allFloat32(values)) state.scores = widened(state.scores);
  reserve(state.scores, values.length);
  state.scores.data.set(values, state.scores.length);
  state.scores.length += values.length;
}

/**
 * Every value finite: no float32 has an all-ones exponent. Adding one to the exponent field
 * carries into the sign bit exactly for those, so one OR over the batch tells (no branch per value).
 */
function finiteFloat32(values: Float32Array): boolean {
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
  let carry = 0;
  for (let i = 0; i < bits.length; i++) carry |= (bits[i]! & 0x7f800000) + 0x00800000;
  return carry >= 0;
}

/**
 * Every value in [0, 1] (probabilities, not logits): as unsigned bits, a float32 in [0, 1] is at
 * most 0x3f800000 (1.0) or is -0 (0x80000000); NaN and everything else is larger.
 */
function unitFloat32(values: Float32Array): boolean {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  let outside = 0;
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i]!;
    outside |= b > 0x3f800000 && b !== 0x80000000 ? 1 : 0;
  }
  return outside === 0;
}

/** Every value 0 or 1. */
function binaryUint8(values: Uint8Array): boolean {
  let any = 0;
  for (let i = 0; i < values.length; i++) any |= values[i]!;
  return any <= 1;
}

/**
 * Fast path of the exact binary update: one validation pass, then native bulk copies into the
 * buffers. Returns false, touching nothing, when the batch needs the general path (weights,
 * ignoreIndex, or any invalid value, which the general path then reports with its message).
 */
export function tryFastBinaryCurveUpdate(
  state: BinaryCurveState,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
  ignoreIndex: number | undefined,
  unitOnly: boolean,
): boolean {
  if (state.kind !== "exact" || state.weights || sampleWeight !== undefined || ignoreIndex !== undefined)
    return false;
  if (!isPlainVector(preds) || !isPlainVector(target) || preds.length !== target.length) return false;
  const n = preds.length;
  if (preds instanceof Float32Array && target instanceof Uint8Array) {
    // The common case (model outputs, 0/1 labels): monomorphic loops over the raw data.
    if (!(unitOnly ? unitFloat32(preds) : finiteFloat32(preds)) || !binaryUint8(target)) return false;
  } else {
    for (let i = 0; i < n; i++) {
      const v = preds[i]!;
      const t = target[i]!;
      if (
        typeof v !== "number" ||
        !(unitOnly ? v >= 0 && v <= 1 : Number.isFinite(v)) ||
        (t !== 0 && t !== 1)
      )
        return false;
    }
  }
  if (state.target.length === 0 && preds instanceof Float32Array && target instanceof Uint8Array) {
    // A first batch: copies the exact size of the batch (no zero-fill, then copy).
    state.scores = { data: preds.slice(), length: n };
    state.target = { data: target.slice(), length: n };
    return true;
  }
  appendScores(state, preds as ArrayLike<number>);
  reserve(state.target, n);
  state.target.data.set(target as ArrayLike<number>, state.target.length);
  state.target.length += n;
  return true;
}

export function updateBinaryCurve(
  state: BinaryCurveState,
  thresholds: Float64Array | undefined,
  scores: Float64Array,
  target: Float64Array,
  weights: Float64Array | undefined,
  ignoreIndex: number | undefined,
): void {
  const n = target.length;
  if (state.kind === "binned") {
    const T1 = thresholds!.length + 1;
    const hist = state.hist;
    for (let i = 0; i < n; i++) {
      const t = target[i]!;
      if (t === ignoreIndex) continue;
      hist[t * T1 + reached(thresholds!, scores[i]!)] += weights ? weights[i]! : 1;
    }
    return;
  }
  let keepScores = scores;
  let keepTarget = target;
  let keepWeights = weights;
  if (ignoreIndex !== undefined && (ignoreIndex < 0 || ignoreIndex > 1)) {
    let kept = 0;
    for (let i = 0; i < n; i++) if (target[i] !== ignoreIndex) kept++;
    if (kept !== n) {
      keepScores = new Float64Array(kept);
      keepTarget = new Float64Array(kept);
      keepWeights = weights ? new Float64Array(kept) : undefined;
      let j = 0;
      for (let i = 0; i < n; i++) {
        if (target[i] === ignoreIndex) continue;
        keepScores[j] = scores[i]!;
        keepTarget[j] = target[i]!;
        if (keepWeights) keepWeights[j] = weights![i]!;
        j++;
      }
    }
  } else if (ignoreIndex !== undefined) {
    fail("invalid_option", `ignoreIndex: must not be 0 or 1 for a binary target, got ${ignoreIndex}`);
  }
  if (keepWeights && !state.weights) state.weights = onesUpTo(state.target.length);
  appendScores(state, keepScores);
  append(state.target, keepTarget);
  if (state.weights) append(state.weights, keepWeights ?? new Float64Array(keepTarget.length).fill(1));
}

// ---------------------------------------------------------------- curve sources

/** One binary problem, ready for curve computations. */
export type CurveSource =
  /**
   * `noPositiveRecall`: the precision-recall curve's recall when there is no positive (default
   * 1, as both references for a binary problem; NaN for a multiclass class absent from target).
   */
  | { kind: "split"; pos: Float64Array; neg: Float64Array; noPositiveRecall?: number }
  | { kind: "float32"; bits: Uint32Array; target: Uint8Array; P: number; N: number; start: Uint32Array }
  | { kind: "weighted"; scores: Float32Array | Float64Array; target: Uint8Array; weights: Float64Array }
  | { kind: "binned"; thresholds: Float64Array; neg: Float64Array; pos: Float64Array }
  /** A walk supplied from outside (src/core/spill.ts merges sorted runs from disk). */
  | { kind: "stream"; P: number; N: number; walk(visit: Visit): void };

/** The binary source of a binary curve state. */
export function binarySource(state: BinaryCurveState, thresholds: Float64Array | undefined): CurveSource {
  if (state.kind === "binned") {
    const T1 = thresholds!.length + 1;
    return {
      kind: "binned",
      thresholds: thresholds!,
      neg: state.hist.subarray(0, T1),
      pos: state.hist.subarray(T1, 2 * T1),
    };
  }
  const scores = filled(state.scores);
  const target = filled(state.target);
  if (state.weights) return { kind: "weighted", scores, target, weights: filled(state.weights) };
  // Every score a float32 value (always so for a float32 buffer, usually so for a float64 one
  // holding model outputs): the walk buckets the float32 bit patterns, O(n).
  let f32: Float32Array | null = null;
  if (scores instanceof Float32Array) f32 = scores;
  else {
    const narrowed = Float32Array.from(scores);
    let exact = true;
    for (let i = 0; i < scores.length && exact; i++) exact = narrowed[i] === scores[i];
    if (exact) f32 = narrowed;
  }
  const n = target.length;
  if (f32) {
    const bits = new Uint32Array(f32.buffer, f32.byteOffset, n);
    const { start, P } = highDigitStarts(bits, target);
    return { kind: "float32", bits, target, P, N: n - P, start };
  }
  let P = 0;
  for (let i = 0; i < n; i++) P += target[i]!;
  const pos = new Float64Array(P);
  const neg = new Float64Array(n - P);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (target[i] === 1) pos[a++] = scores[i]!;
    else neg[b++] = scores[i]!;
  }
  return { kind: "split", pos, neg };
}

/** Called once per distinct threshold, in descending order, with cumulative counts. */
export type Visit = (threshold: number, tps: number, fps: number) => void;

/**
 * Order-preserving 32-bit keys of the scores when every score is a float32 value (the usual case:
 * model outputs), else null. One native float64 -> float32 conversion, one comparison pass and
 * one bit-twiddling pass over a Uint32 view (see `float32Key` in core/sort.ts).
 */
function float32Keys(values: Float64Array): Uint32Array | null {
  const f = Float32Array.from(values);
  for (let i = 0; i < values.length; i++) if (f[i] !== values[i]) return null;
  const k = new Uint32Array(f.buffer);
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
 * One pass over a float32 source: where each high-digit bucket of the keys starts (`start[h]`,
 * 65537 prefix sums, for {@link walkFloat32}) and the number of positives.
 */
function highDigitStarts(bits: Uint32Array, target: Uint8Array): { start: Uint32Array; P: number } {
  const start = new Uint32Array(65537);
  let P = 0;
  for (let i = 0; i < bits.length; i++) {
    let b = bits[i]!;
    if (b === 0x80000000) b = 0; // -0 reads as +0
    start[((b ^ ((b >> 31) | 0x80000000)) >>> 16) + 1]!++;
    P += target[i]!;
  }
  for (let h = 0; h < 65536; h++) start[h + 1] += start[h]!;
  return { start, P };
}

/** Below this many samples a high-digit bucket is sorted; from it on, counted per low digit. */
const COUNT_BUCKET = 2048;

/**
 * The walk of a float32 source without a full sort. The order-preserving key of a score (see
 * `float32Key` in core/sort.ts) is split into a high and a low 16-bit digit. One pass counts the
 * high digits, one scatters `low digit << 1 | label` into high-digit buckets (model scores
 * share few high digits: few buckets, cache-friendly streaming writes), then each bucket, from
 * the highest, is counted per (low digit, label) with an occupancy bitmap that lists the
 * distinct low digits in descending order; small buckets are sorted instead. Equal scores share
 * a key, so every tie group is visited once with both its counts. O(n) time, 4 n bytes.
 */
function walkFloat32(
  bits: Uint32Array,
  target: Uint8Array,
  start: Uint32Array,
  visit: Visit,
  needThresholds: boolean,
): void {
  const n = bits.length;
  const next = start.slice(0, 65536);
  const packed = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let b = bits[i]!;
    if (b === 0x80000000) b = 0;
    const k = b ^ ((b >> 31) | 0x80000000);
    packed[next[k >>> 16]!++] = ((k & 0xffff) << 1) | target[i]!;
  }
  const counts = new Uint32Array(131072);
  const occupied = new Int32Array(2048);
  let tps = 0;
  let fps = 0;
  for (let h = 65535; h >= 0; h--) {
    const lo = start[h]!;
    const hi = start[h + 1]!;
    if (lo === hi) continue;
    const high = h << 16;
    if (hi - lo < COUNT_BUCKET) {
      const bucket = packed.subarray(lo, hi).sort();
      for (let j = bucket.length - 1; j >= 0; ) {
        const d = bucket[j]! >>> 1;
        while (j >= 0 && bucket[j]! >>> 1 === d) {
          if (bucket[j]! & 1) tps++;
          else fps++;
          j--;
        }
        visit(needThresholds ? float32FromKey((high | d) >>> 0) : 0, tps, fps);
      }
      continue;
    }
    for (let j = lo; j < hi; j++) {
      const v = packed[j]!;
      counts[v]!++;
      occupied[v >>> 6]! |= 1 << ((v >>> 1) & 31);
    }
    for (let w = 2047; w >= 0; w--) {
      let word = occupied[w]!;
      if (word === 0) continue;
      occupied[w] = 0;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word);
        word &= ~(1 << bit);
        const d = (w << 5) | bit;
        tps += counts[2 * d + 1]!;
        fps += counts[2 * d]!;
        counts[2 * d] = 0;
        counts[2 * d + 1] = 0;
        visit(needThresholds ? float32FromKey((high | d) >>> 0) : 0, tps, fps);
      }
    }
  }
}

/**
 * `values` in ascending order: itself when it already is, else a radix-sorted copy (the engine's
 * sort order, bit for bit; about 3x faster).
 */
function ascending(values: Float64Array): Float64Array {
  return isAscending(values) ? values : sortFloat64(values);
}

/** Walks the distinct thresholds of an exact source in descending order. O(n) for float32 scores, O(n log n) otherwise. */
export function walkExact(source: CurveSource, visit: Visit, needThresholds = true): void {
  if (source.kind === "stream") {
    source.walk(visit);
    return;
  }
  if (source.kind === "float32") {
    walkFloat32(source.bits, source.target, source.start, visit, needThresholds);
    return;
  }
  if (source.kind === "split") {
    const { pos, neg } = source;
    const posKeys = float32Keys(pos);
    const negKeys = posKeys ? float32Keys(neg) : null;
    if (posKeys && negKeys) {
      mergeDescending(radixSortUint32(posKeys), radixSortUint32(negKeys), float32FromKey, visit);
    } else {
      mergeDescending(ascending(pos), ascending(neg), (v) => v, visit);
    }
    return;
  }
  if (source.kind === "weighted") {
    const { scores, target, weights } = source;
    const order = argsortDescending(scores);
    let tps = 0;
    let fps = 0;
    for (let k = 0; k < order.length; ) {
      const v = scores[order[k]!]!;
      while (k < order.length && scores[order[k]!] === v) {
        const idx = order[k]!;
        if (target[idx] === 1) tps += weights[idx]!;
        else fps += weights[idx]!;
        k++;
      }
      visit(v, tps, fps);
    }
    return;
  }
  fail("unsupported", "walkExact: binned sources have no exact walk");
}

/** Totals (positives, negatives) of a source. */
export function totals(source: CurveSource): { P: number; N: number } {
  if (source.kind === "split") return { P: source.pos.length, N: source.neg.length };
  if (source.kind === "float32" || source.kind === "stream") return { P: source.P, N: source.N };
  let P = 0;
  let N = 0;
  if (source.kind === "weighted") {
    for (let i = 0; i < source.target.length; i++) {
      if (source.target[i] === 1) P += source.weights[i]!;
      else N += source.weights[i]!;
    }
  } else {
    for (let i = 0; i < source.pos.length; i++) {
      P += source.pos[i]!;
      N += source.neg[i]!;
    }
  }
  return { P, N };
}

/** Binned cumulative counts per threshold (ascending): tps, fps, fns, tns. */
export function binnedCounts(source: Extract<CurveSource, { kind: "binned" }>): {
  tps: Float64Array;
  fps: Float64Array;
  fns: Float64Array;
  tns: Float64Array;
} {
  const T = source.thresholds.length;
  const tps = new Float64Array(T);
  const fps = new Float64Array(T);
  const fns = new Float64Array(T);
  const tns = new Float64Array(T);
  // Samples reaching k thresholds are positive at thresholds 0..k-1.
  let tpsAbove = 0;
  let fpsAbove = 0;
  for (let k = T; k >= 1; k--) {
    tpsAbove += source.pos[k]!;
    fpsAbove += source.neg[k]!;
    tps[k - 1] = tpsAbove;
    fps[k - 1] = fpsAbove;
  }
  const { P, N } = totals(source);
  for (let i = 0; i < T; i++) {
    fns[i] = P - tps[i]!;
    tns[i] = N - fps[i]!;
  }
  return { tps, fps, fns, tns };
}

// ---------------------------------------------------------------- curves and areas

/** A ROC curve: false and true positive rates at decreasing thresholds. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/** A precision-recall curve (thresholds increasing; precision ends at 1, recall at 0). */
export interface PrecisionRecallCurve {
  precision: number[];
  recall: number[];
  thresholds: number[];
}

/** Distinct thresholds (descending) with cumulative tps and fps of an exact source. */
export function exactPoints(source: CurveSource): { thresholds: number[]; tps: number[]; fps: number[] } {
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  walkExact(source, (t, a, b) => {
    thresholds.push(t);
    tps.push(a);
    fps.push(b);
  });
  return { thresholds, tps, fps };
}

/**
 * ROC curve. Exact, torchmetrics convention: a first point (0, 0) at threshold 1 (or +Infinity
 * when a score exceeds 1), every distinct score kept, rates 0 when a class is absent. sklearn
 * convention: first threshold +Infinity, collinear points dropped when `dropIntermediate`,
 * rates NaN when a class is absent. Binned: torchmetrics' per-threshold rates, thresholds descending.
 */
export function rocCurve(
  source: CurveSource,
  convention: "torchmetrics" | "sklearn",
  dropIntermediate: boolean,
): RocCurve {
  if (source.kind === "binned") {
    const { tps, fps, fns, tns } = binnedCounts(source);
    const T = tps.length;
    const fpr: number[] = [];
    const tpr: number[] = [];
    const thresholds: number[] = [];
    for (let i = T - 1; i >= 0; i--) {
      tpr.push(tps[i]! + fns[i]! === 0 ? 0 : tps[i]! / (tps[i]! + fns[i]!));
      fpr.push(fps[i]! + tns[i]! === 0 ? 0 : fps[i]! / (fps[i]! + tns[i]!));
      thresholds.push(source.thresholds[i]!);
    }
    return { fpr, tpr, thresholds };
  }
  let { thresholds, tps, fps } = exactPoints(source);
  if (dropIntermediate && tps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < tps.length - 1; i++) {
      if (fps[i - 1]! - 2 * fps[i]! + fps[i + 1]! !== 0 || tps[i - 1]! - 2 * tps[i]! + tps[i + 1]! !== 0)
        keep.push(i);
    }
    keep.push(tps.length - 1);
    thresholds = keep.map((i) => thresholds[i]!);
    tps = keep.map((i) => tps[i]!);
    fps = keep.map((i) => fps[i]!);
  }
  const P = tps.length ? tps[tps.length - 1]! : 0;
  const N = fps.length ? fps[fps.length - 1]! : 0;
  const undefinedRate = convention === "sklearn" ? Number.NaN : 0;
  const first =
    convention === "sklearn" || (thresholds.length > 0 && thresholds[0]! > 1) ? Number.POSITIVE_INFINITY : 1;
  return {
    fpr: [0, ...fps].map((v) => (N > 0 ? v / N : undefinedRate)),
    tpr: [0, ...tps].map((v) => (P > 0 ? v / P : undefinedRate)),
    thresholds: [first, ...thresholds],
  };
}

/**
 * The cumulative counts behind the torchmetrics ROC curve, in its order (decreasing thresholds;
 * exact mode starts at the extra point (0, 0)): true and false positives, positives P and
 * negatives N (weighted sums with `sampleWeight`, integer counts otherwise).
 */
export function rocCounts(source: CurveSource): { tps: number[]; fps: number[]; P: number; N: number } {
  if (source.kind === "binned") {
    const { tps, fps, fns, tns } = binnedCounts(source);
    const T = tps.length;
    return {
      tps: Array.from(tps).reverse(),
      fps: Array.from(fps).reverse(),
      P: T > 0 ? tps[0]! + fns[0]! : 0,
      N: T > 0 ? fps[0]! + tns[0]! : 0,
    };
  }
  const { tps, fps } = exactPoints(source);
  return {
    tps: [0, ...tps],
    fps: [0, ...fps],
    P: tps.length ? tps[tps.length - 1]! : 0,
    N: fps.length ? fps[fps.length - 1]! : 0,
  };
}

/**
 * Precision-recall curve as torchmetrics 1.9.0 and sklearn 1.9.1 return it: thresholds
 * increasing, precision TP/(TP+FP) with a final 1, recall TP/P with a final 0 (with no positive,
 * recall is the source's `noPositiveRecall`: 1 as both references for a binary problem, NaN for a
 * multiclass class absent from the target as torchmetrics). Binned: 0/0 precision or recall is NaN.
 */
export function precisionRecallCurve(source: CurveSource): PrecisionRecallCurve {
  if (source.kind === "binned") {
    const { tps, fps, fns } = binnedCounts(source);
    const precision: number[] = [];
    const recall: number[] = [];
    for (let i = 0; i < tps.length; i++) {
      precision.push(tps[i]! + fps[i]! === 0 ? Number.NaN : tps[i]! / (tps[i]! + fps[i]!));
      recall.push(tps[i]! + fns[i]! === 0 ? Number.NaN : tps[i]! / (tps[i]! + fns[i]!));
    }
    return {
      precision: [...precision, 1],
      recall: [...recall, 0],
      thresholds: Array.from(source.thresholds),
    };
  }
  const { thresholds, tps, fps } = exactPoints(source);
  const P = tps.length ? tps[tps.length - 1]! : 0;
  const noPositive = source.kind === "split" ? (source.noPositiveRecall ?? 1) : 1;
  const precision = tps.map((v, i) => v / (v + fps[i]!)).reverse();
  const recall = tps.map((v) => (P > 0 ? v / P : noPositive)).reverse();
  return { precision: [...precision, 1], recall: [...recall, 0], thresholds: thresholds.reverse() };
}

/**
 * Area under the ROC curve. Exact and without `maxFpr` it streams the merge (no curve arrays).
 * `oneClass` is returned when positives or negatives are missing (exact mode; torchmetrics 0,
 * sklearn NaN). With `maxFpr` the McClish-standardised partial AUC of torchmetrics 1.9.0 and
 * sklearn 1.9.1: 0.5 (1 + (A - m^2/2) / (m - m^2/2)).
 */
export function aurocOf(source: CurveSource, maxFpr: number | undefined, oneClass: number): number {
  let fpr: number[];
  let tpr: number[];
  if (source.kind !== "binned") {
    const { P, N } = totals(source);
    if (P === 0 || N === 0) return oneClass;
    if (maxFpr === undefined || maxFpr === 1) {
      let area = 0;
      let prevT = 0;
      let prevF = 0;
      walkExact(
        source,
        (_t, tps, fps) => {
          area += (fps - prevF) * (tps + prevT);
          prevT = tps;
          prevF = fps;
        },
        false,
      );
      return area / 2 / (P * N);
    }
    ({ fpr, tpr } = rocCurve(source, "torchmetrics", false));
  } else {
    ({ fpr, tpr } = rocCurve(source, "torchmetrics", false));
  }
  let fprSum = 0;
  let tprSum = 0;
  for (let i = 0; i < fpr.length; i++) {
    fprSum += fpr[i]!;
    tprSum += tpr[i]!;
  }
  if (maxFpr === undefined || maxFpr === 1 || fprSum === 0 || tprSum === 0) return trapezoid(fpr, tpr);
  let stop = 0;
  while (stop < fpr.length && fpr[stop]! <= maxFpr) stop++;
  if (stop === 0 || stop === fpr.length) return trapezoid(fpr, tpr);
  const weight = (maxFpr - fpr[stop - 1]!) / (fpr[stop]! - fpr[stop - 1]!);
  const interp = tpr[stop - 1]! + weight * (tpr[stop]! - tpr[stop - 1]!);
  const partial = trapezoid([...fpr.slice(0, stop), maxFpr], [...tpr.slice(0, stop), interp]);
  const minArea = 0.5 * maxFpr * maxFpr;
  return 0.5 * (1 + (partial - minArea) / (maxFpr - minArea));
}

/**
 * Average precision, sum over thresholds of (R_k - R_{k-1}) P_k (no interpolation), as
 * torchmetrics 1.9.0 and sklearn 1.9.1. `noPositive` is returned when there is no positive
 * (binary: 0 as both references; per class of a multiclass average: NaN, left out of macro).
 */
export function averagePrecisionOf(source: CurveSource, noPositive: number): number {
  if (source.kind === "binned") {
    const { precision, recall } = precisionRecallCurve(source);
    let ap = 0;
    for (let i = 0; i + 1 < recall.length; i++) {
      const p = Number.isNaN(precision[i]!) ? 0 : precision[i]!;
      const r0 = Number.isNaN(recall[i]!) ? 0 : recall[i]!;
      const r1 = Number.isNaN(recall[i + 1]!) ? 0 : recall[i + 1]!;
      ap -= (r1 - r0) * p;
    }
    return ap;
  }
  const { P, N } = totals(source);
  if (P === 0) return P + N === 0 ? Number.NaN : noPositive;
  let ap = 0;
  let prevT = 0;
  walkExact(
    source,
    (_t, tps, fps) => {
      ap += ((tps - prevT) / P) * (tps / (tps + fps));
      prevT = tps;
    },
    false,
  );
  return ap;
}

// ---------------------------------------------------------------- multiclass and multilabel

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
  return Array.from({ length: C }, (_, c) => {
    const pos = new Float64Array(counts[c]!);
    const neg = new Float64Array(n - counts[c]!);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (target[i] === c) pos[a++] = scores[i * C + c]!;
      else neg[b++] = scores[i * C + c]!;
    }
    return { kind: "split", pos, neg, noPositiveRecall } as CurveSource;
  });
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
  const pos = new Float64Array(n);
  const neg = new Float64Array(n * (C - 1));
  let b = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < C; c++) {
      if (target[i] === c) pos[i] = scores[i * C + c]!;
      else neg[b++] = scores[i * C + c]!;
    }
  }
  return { kind: "split", pos, neg };
}

/**
 * A split source over entries 0..count-1: `label(i)` is 1 (positive), 0 (negative) or 2 (left
 * out), `score(i)` the entry's score.
 */
function splitSource(count: number, label: (i: number) => number, score: (i: number) => number): CurveSource {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < count; i++) {
    const l = label(i);
    if (l !== 2) (l === 1 ? pos : neg).push(score(i));
  }
  return { kind: "split", pos: Float64Array.from(pos), neg: Float64Array.from(neg) };
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
