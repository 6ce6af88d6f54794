/**
 * The binary curve state behind ROC, precision-recall, AUROC, average precision and the
 * operating points, and the curve computations over one binary problem (internal). Two modes,
 * as torchmetrics 1.9.0:
 *
 * - exact (`thresholds` undefined): the scores and targets themselves, O(n) state: 5 bytes per
 *   sample while every score is a float32 value (Float32 score + Uint8 target), 9 once one is
 *   not (Float64 score), +8 with `sampleWeight`. At compute, scores are bucketed by the bits of
 *   the order-preserving keys of their float32 roundings, each float64 score with its exact rest
 *   (O(n), no full sort; see {@link walkBuckets}). Every distinct score is one threshold and
 *   ties share it (half credit in AUROC, as sklearn and torchmetrics).
 * - binned (`thresholds`: a count for torch's float32 `linspace(0, 1, count)`, or an ascending
 *   list): a histogram of how many thresholds each score reaches, per target value; constant
 *   memory, merge by addition. A score `s` is predicted positive at threshold `t` when `s >= t`.
 *
 * Each binary problem reaches the computations as a {@link CurveSource}: the multiclass and
 * multilabel states (multiclass-curve-state.ts) make one per class or label.
 */
import {
  append,
  concatGrowable,
  filled,
  type GrowableFloat32,
  type GrowableFloat64,
  type GrowableUint8,
  growableFloat32,
  growableFloat64,
  growableUint8,
} from "../../core/buffer.js";
import { describeValue, fail, invalidOption, invalidState } from "../../core/errors.js";
import { addToCells, type ExactCells, emptyExactCells, exactCellsShape } from "../../core/exact-cells.js";
import { assertAllocation } from "../../core/limits.js";
import { optSize } from "../../core/options.js";
import { ExactPartials } from "../../core/partials.js";
import { float32FromKey } from "../../core/sort.js";
import {
  checkState,
  checkValues,
  type FieldCheck,
  field,
  stateInvariant,
  type ValueDomain,
} from "../../core/state-check.js";
import { trapezoid } from "./auc.js";
import {
  addIntegerCounts,
  integerCountsShape,
  integerWeights,
  mergeCounts,
  readCounts,
} from "./exact-counts.js";
import { assertSeen } from "./input.js";

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
  const refuse = (what: string) => invalidOption(`${fn}: option \`thresholds\` ${what}`);
  if (typeof value === "number") {
    const count = optSize(fn, "thresholds", value, undefined, {
      min: 2,
      bytesFor: (t) => 8 * t + problems * 16 * (t + 1),
    }) as number;
    return torchLinspace01(count);
  }
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const raw = value as ArrayLike<unknown>;
    if (raw.length === 0) refuse("must not be an empty list");
    assertAllocation(fn, `option \`thresholds\` (${raw.length} values)`, problems * 16 * (raw.length + 1));
    const list = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      if (typeof v !== "number" || !(v >= 0 && v <= 1))
        refuse(`must hold numbers in [0, 1], got ${describeValue(v)} at index ${i}`);
      if (i > 0 && !((v as number) > list[i - 1]!))
        refuse(`must be strictly increasing, got ${v} after ${list[i - 1]} at index ${i}`);
      list[i] = v as number;
    }
    return list;
  }
  return refuse(`must be an integer >= 2 or a list of numbers, got ${describeValue(value)}`);
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
/** Binned state: `hist[t * (T + 1) + k]` = samples of target t reaching k thresholds (per problem). */
export interface BinnedCurveState {
  kind: "binned";
  hist: Float64Array;
}
/**
 * Binned binary state: `hist` holds integer counts (unweighted, integer weights) and `weighted`
 * the exact sums of non-integer weights, cell by cell (`exact-counts.ts`): the weight of a cell
 * is the two added, rounded once.
 */
export interface BinnedBinaryCurveState extends BinnedCurveState {
  weighted: ExactCells;
}
export type BinaryCurveState = ExactBinaryCurveState | BinnedBinaryCurveState;

export function initBinaryCurve(thresholds: Float64Array | undefined): BinaryCurveState {
  if (thresholds)
    return {
      kind: "binned",
      hist: new Float64Array(2 * (thresholds.length + 1)),
      weighted: emptyExactCells(),
    };
  return { kind: "exact", scores: growableFloat32(), target: growableUint8(), weights: null };
}

/** A binned state's histogram as the metrics read it (a binary one's counts and exact sums added). */
export function binnedHist(state: BinnedCurveState | BinnedBinaryCurveState): Float64Array {
  return "weighted" in state ? readCounts(state.hist, state.weighted) : state.hist;
}
/** The sum of two binned states (merge by addition). */
export function addHist(a: BinnedCurveState, b: BinnedCurveState): BinnedCurveState {
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
  if (a.kind === "binned" && b.kind === "binned") {
    const { counts, weighted } = mergeCounts(
      { counts: a.hist, weighted: a.weighted },
      { counts: b.hist, weighted: b.weighted },
    );
    return { kind: "binned", hist: counts, weighted };
  }
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
  return invalidState("merge: cannot merge an exact curve state with a binned one");
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
export function growableField(types: readonly TypedCtor[], domain: ValueDomain): FieldCheck {
  return field.custom((value, path, id) => {
    const buffer = value as { data?: unknown; length?: unknown } | null;
    const keysOk =
      typeof buffer === "object" &&
      buffer !== null &&
      Object.keys(buffer).every((k) => k === "data" || k === "length");
    const data = keysOk ? buffer.data : undefined;
    if (!keysOk || !types.some((t) => data instanceof t))
      invalidState(
        `${id}: ${path} must be a growable buffer { data: ${types.map((t) => t.name).join(" or ")}, length }, got ${describeValue(value)}`,
      );
    const array = data as ArrayLike<number>;
    const length = buffer.length;
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || length > array.length)
      invalidState(
        `${id}: ${path}.length must be an integer in [0, ${array.length}], got ${describeValue(length)}`,
      );
    checkValues(id, `${path}.data`, (array as Float64Array).subarray(0, length), domain);
  });
}

/** Checks a decoded binned curve state: a histogram of `length` non-negative finite counts. */
export function checkBinnedCurveState(id: string, state: unknown, length: number): void {
  checkState(id, state, {
    kind: field.string(["binned"]),
    hist: field.typed(Float64Array, { length, values: "nonNegative" }),
  });
}

/**
 * Checks a decoded binary curve state so that every compute on it ends: exact (`histLength`
 * undefined), finite scores, 0/1 targets, non-negative weights and lengths that agree; binned,
 * a histogram of `histLength` non-negative finite counts.
 */
export function checkBinaryCurveState(id: string, state: unknown, histLength: number | undefined): void {
  if (histLength !== undefined) {
    checkState(id, state, {
      kind: field.string(["binned"]),
      hist: integerCountsShape(histLength),
      weighted: exactCellsShape(histLength),
    });
    return;
  }
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
}

/**
 * A validated batch of one binary problem: finite scores (probabilities, or scores as given),
 * 0/1 targets and optional non-negative weights, one per sample; ignored samples left out.
 */
export interface BinaryCurveBatch {
  scores: ArrayLike<number>;
  target: ArrayLike<number>;
  weights: Float64Array | undefined;
}

/** The batch without its samples whose target is `ignoreIndex` (the batch itself when none is). */
export function withoutIgnored(batch: BinaryCurveBatch, ignoreIndex: number | undefined): BinaryCurveBatch {
  if (ignoreIndex === undefined) return batch;
  const { scores, target, weights } = batch;
  const kept: number[] = [];
  for (let i = 0; i < target.length; i++) if (target[i] !== ignoreIndex) kept.push(i);
  if (kept.length === target.length) return batch;
  const pick = (values: ArrayLike<number>) => Float64Array.from(kept, (i) => values[i]!);
  return { scores: pick(scores), target: pick(target), weights: weights && pick(weights) };
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

/**
 * Adds a validated batch to a binned binary state (`hist[t * (T + 1) + k]`, see
 * {@link BinnedBinaryCurveState}): in float64 when that is exact, else to the exact cells.
 */
function addToHist(state: BinnedBinaryCurveState, thresholds: Float64Array, batch: BinaryCurveBatch): void {
  const { scores, target, weights } = batch;
  const T1 = thresholds.length + 1;
  if (integerWeights(weights)) {
    const local = new Float64Array(state.hist.length);
    for (let i = 0; i < target.length; i++)
      local[target[i]! * T1 + reached(thresholds, scores[i]!)] += weights ? weights[i]! : 1;
    state.weighted = addIntegerCounts(state.hist, state.weighted, local);
    return;
  }
  const cells = new Int32Array(target.length);
  for (let i = 0; i < target.length; i++) cells[i] = target[i]! * T1 + reached(thresholds, scores[i]!);
  state.weighted = addToCells(state.weighted, state.hist.length, cells, weights!);
}

/**
 * Adds a validated batch to a binary curve state: to its histograms (binned) or its buffers
 * (exact; the score buffer widens to float64 for good at the first score that is not a float32
 * value, and weights start as ones for the samples before the first weighted batch).
 */
export function updateBinaryCurve(
  state: BinaryCurveState,
  thresholds: Float64Array | undefined,
  batch: BinaryCurveBatch,
): void {
  if (state.kind === "binned") {
    addToHist(state, thresholds!, batch);
    return;
  }
  const { scores, target, weights } = batch;
  if (weights && !state.weights) state.weights = onesUpTo(state.target.length);
  if (state.scores.data instanceof Float32Array && !allFloat32(scores)) state.scores = widened(state.scores);
  append(state.scores, scores);
  append(state.target, target);
  if (state.weights) append(state.weights, weights ?? new Float64Array(target.length).fill(1));
}

// ---------------------------------------------------------------- curve sources

/** Called once per distinct threshold, in descending order, with cumulative counts. */
export type Visit = (threshold: number, tps: number, fps: number) => void;

/**
 * One binary problem, ready for curve computations: exact (its totals and a walk over its
 * distinct thresholds, which the state that built it chose) or binned (the histograms of one
 * problem). `noPositiveRecall`: the precision-recall curve's recall when there is no positive
 * (default 1, as both references for a binary problem; NaN for a multiclass class absent from
 * the target).
 */
export type CurveSource =
  | {
      kind: "exact";
      /** Positives and negatives: counts, or sums of weights with `sampleWeight`. */
      P: number;
      N: number;
      /** Visits the distinct thresholds in descending order (`needThresholds` false: 0 for each). */
      walk(visit: Visit, needThresholds: boolean): void;
      noPositiveRecall?: number;
    }
  | { kind: "binned"; thresholds: Float64Array; neg: Float64Array; pos: Float64Array };

/** The exact variant of {@link CurveSource}. */
export type ExactCurveSource = Extract<CurveSource, { kind: "exact" }>;

/** The source of binned histograms `hist` (negatives, then positives). */
function binnedSource(hist: Float64Array, thresholds: Float64Array): CurveSource {
  const T1 = thresholds.length + 1;
  return { kind: "binned", thresholds, neg: hist.subarray(0, T1), pos: hist.subarray(T1, 2 * T1) };
}

/**
 * The source of exact scores with 0/1 targets (and weights): a walk over the buckets of the
 * scores' float32 roundings and their exact rests ({@link walkBuckets}), O(n) without weights.
 * Float32 scores (always so for a Float32Array, usually so for model outputs) need no rests.
 */
function exactSource(
  scores: ArrayLike<number>,
  target: ArrayLike<number>,
  weights: Float64Array | undefined,
): ExactCurveSource {
  const n = target.length;
  const f32 = scores instanceof Float32Array ? scores : Float32Array.from(scores);
  let wide = false;
  if (f32 !== scores) for (let i = 0; i < n && !wide; i++) wide = f32[i] !== scores[i];
  const bits = new Uint32Array(f32.buffer, f32.byteOffset, n);
  const { start, P } = highDigitStarts(bits, target);
  // With rests or weights, the threshold of the zeros is the first zero's in input order, as a
  // stable sort has it (scikit-learn); the float32 walk has always given +0.
  const zero = wide || weights ? (scores[Array.prototype.indexOf.call(scores, 0)] ?? 0) : 0;
  let buckets: Buckets | undefined;
  return walkedSource(
    (visit, needThresholds) => {
      buckets ??= scatter(bits, target, start, wide ? scores : null, weights);
      walkBuckets(buckets, zero, visit, needThresholds);
    },
    weights,
    P,
    n,
  );
}

/**
 * An exact source of `walk` over `n` samples: with weights, P and N are the walk's final sums
 * (as scikit-learn's `tps[-1]`: each tie's weights summed exactly and rounded once, the same for
 * any order of the samples), and that walk's visits are kept and replayed for the compute, which
 * then does not walk again (24 bytes per distinct score); else the counts of positives and
 * negatives.
 */
function walkedSource(
  walk: (visit: Visit, needThresholds: boolean) => void,
  weights: Float64Array | undefined,
  positives: number,
  n: number,
): ExactCurveSource {
  if (!weights) return { kind: "exact", P: positives, N: n - positives, walk };
  const visits: number[] = [0, 0, 0];
  walk((...visit) => visits.push(...visit), true);
  const last = visits.length - 3;
  return {
    kind: "exact",
    P: visits[last + 1]!,
    N: visits[last + 2]!,
    walk: (visit, needThresholds) => {
      for (let i = 3; i < visits.length; i += 3)
        visit(needThresholds ? visits[i]! : 0, visits[i + 1]!, visits[i + 2]!);
    },
  };
}

/** The exact source of finite `scores` with 0/1 `target` (for the multiclass and multilabel problems). */
export function exactCurveSource(scores: Float64Array, target: Uint8Array): ExactCurveSource {
  return exactSource(scores, target, undefined);
}

/** The binary source of a binary curve state. */
export function binarySource(state: BinaryCurveState, thresholds: Float64Array | undefined): CurveSource {
  if (state.kind === "binned") return binnedSource(binnedHist(state), thresholds!);
  return exactSource(
    filled(state.scores),
    filled(state.target),
    state.weights ? filled(state.weights) : undefined,
  );
}

/** The sum of a binned state's counts: how many samples (or how much weight) it has seen. */
export function histTotal(hist: Float64Array): number {
  let total = 0;
  for (let i = 0; i < hist.length; i++) total += hist[i]!;
  return total;
}

/**
 * A metric's value on one validated batch, without a state (a one-shot): `compute` of the
 * batch's source once {@link assertSeen} accepts the weight it holds (the sample count without
 * weights).
 */
export function computeOnBatch<R>(
  batch: BinaryCurveBatch,
  thresholds: Float64Array | undefined,
  fn: string,
  compute: (source: CurveSource) => R,
): R {
  return computeChecked(
    thresholds
      ? binnedSource(histOfBatch(thresholds, batch), thresholds)
      : exactSource(batch.scores, batch.target, batch.weights),
    fn,
    compute,
  );
}

/**
 * `compute` of a binary problem's source once {@link assertSeen} accepts the weight it holds
 * (its sample count without weights): no samples, a zero total weight or one past the largest
 * double is refused, for a one-shot and a state alike.
 */
export function computeChecked<R>(source: CurveSource, fn: string, compute: (source: CurveSource) => R): R {
  const { P, N } = totals(source);
  assertSeen(P + N, fn);
  return compute(source);
}

/**
 * The binned histogram of one batch, for a one-shot: each cell's weight summed exactly and
 * rounded once (`ExactPartials`), the value a state's integer counts and exact cells give for the
 * same batch, without their code (a one-shot never merges).
 */
function histOfBatch(thresholds: Float64Array, { scores, target, weights }: BinaryCurveBatch): Float64Array {
  const T1 = thresholds.length + 1;
  const cells = Array.from({ length: 2 * T1 }, () => new ExactPartials());
  for (let i = 0; i < target.length; i++)
    cells[target[i]! * T1 + reached(thresholds, scores[i]!)]!.add(weights ? weights[i]! : 1);
  return Float64Array.from(cells, (cell) => cell.value());
}

/**
 * One pass over a float32 source: where each high-digit bucket of the keys starts (`start[h]`,
 * 65537 prefix sums, for {@link walkBuckets}) and the number of positives.
 */
export function highDigitStarts(
  bits: Uint32Array,
  target: ArrayLike<number>,
): { start: Uint32Array; P: number } {
  const start = new Uint32Array(65537);
  let P = 0;
  for (let i = 0; i < bits.length; i++) {
    start[(keyOf(bits[i]!) >>> 16) + 1]!++;
    P += target[i]!;
  }
  for (let h = 0; h < 65536; h++) start[h + 1] += start[h]!;
  return { start, P };
}

/** Below this many samples a high-digit bucket is sorted; from it on, counted per low digit. */
const COUNT_BUCKET = 2048;
/** With rests or weights, below this many samples a bucket is sorted; from it on, counted. */
const COUNT_EXACT_BUCKET = 64;

/** `base + rest` when the float32 `base` is finite; else `rest` (the score, kept whole). */
function exactScore(base: number, rest: number): number {
  return base - base === 0 ? base + rest : rest;
}

/**
 * The order-preserving key of float32 bits `b` (-0 reads as +0; see `float32Key` in core/sort.ts),
 * as an int32 (read its digits with `>>> 16` and `& 0xffff`): a uint32 past 2^31 is no small
 * integer to V8, which slows the scatter by a third.
 */
function keyOf(b: number): number {
  const bits = b === 0x80000000 ? 0 : b;
  return bits ^ ((bits >> 31) | 0x80000000);
}

/** Scatters `low digit << 1 | label` of every sample into its high-digit bucket (`start`). */
export function scatterKeys(
  bits: Uint32Array,
  target: ArrayLike<number>,
  start: Uint32Array,
  packed: Uint32Array,
): void {
  const next = start.slice(0, 65536);
  for (let i = 0; i < bits.length; i++) {
    const k = keyOf(bits[i]!);
    packed[next[k >>> 16]!++] = ((k & 0xffff) << 1) | target[i]!;
  }
}

/** Scatters the rests of `scores` above their float32 roundings (`bits`) and the weights as {@link scatterKeys} does. */
export function scatterRests(
  bits: Uint32Array,
  start: Uint32Array,
  scores: ArrayLike<number> | null,
  rest: Float64Array | null,
  weights: ArrayLike<number> | undefined,
  weight: Float64Array | undefined,
): void {
  const next = start.slice(0, 65536);
  const rounded = new Float32Array(bits.buffer, bits.byteOffset, bits.length);
  for (let i = 0; i < bits.length; i++) {
    const at = next[keyOf(bits[i]!) >>> 16]!++;
    if (rest) rest[at] = rounded[i]! - rounded[i]! === 0 ? scores![i]! - rounded[i]! : scores![i]!;
    if (weight) weight[at] = weights![i]!;
  }
}

/**
 * The walk of a source by the float32 rounding of its scores, without a full sort. Rounding to
 * float32 never reverses two scores, and a float64 score is its rounding plus an exact rest
 * `score - fround(score)` (past the float32 range, where the rounding is infinite, the rest is the
 * score itself). The order-preserving key of the rounding (see `float32Key` in core/sort.ts) is
 * split into a high and a low 16-bit digit. One pass counts the high digits ({@link
 * highDigitStarts}), one scatters `low digit << 1 | label` (and the rest and the weight, when
 * there are) into high-digit buckets ({@link scatter}, once per source; model scores share few
 * high digits: few buckets, cache-friendly streaming writes); then the buckets are walked from
 * the highest: a large bucket is counted per (low digit, label), with weights also grouped by
 * low digit (a counting sort) and each group's weights summed exactly per label and rounded once;
 * a small bucket, or one where two scores of a key differ in their rest, is sorted instead. Equal scores share a key and a rest,
 * so every tie group is visited once with both its sums; a zero threshold takes the sign of the
 * first zero score (`zero`). O(n) time (a bucket that is sorted: O(m log m)), 4n bytes (12n with
 * rests, 24n with weights). The slow case: a large bucket of scores that differ below float32's
 * precision, sorted natively (and, with weights, ranked by binary search at random in memory):
 * 2e6 distinct float64 scores within one float32 value take about twice the time of a full radix
 * sort of them (0.28 s against 0.13 s; weighted 0.83-1.11 s against 0.50 s).
 */
export function walkBuckets(buckets: Buckets, zero: number, visit: Visit, needThresholds: boolean): void {
  const { start, packed, rest, weight } = buckets;
  // Tables of the counted buckets, allocated by the first (a small input has none).
  let counts = new Uint32Array(0);
  let occupied = new Int32Array(0);
  let digits = counts;
  let first = new Float64Array(0);
  const ties = [new ExactPartials(), new ExactPartials()];
  let sortedScores = new Float64Array(0);
  let order = new Uint32Array(0);
  let tps = 0;
  let fps = 0;
  // Each bucket kind is walked by a function of its own: V8 compiles a function again for every
  // hot loop it enters.

  /** Visits `score` (a zero with the zeros' own sign) with the running sums. */
  const visitScore = (score: number) => visit(score === 0 ? zero : score, tps, fps);

  /** Visits the score of float32 key `key` plus `r` (0 when no threshold is needed). */
  const emit = (key: number, r: number) =>
    visitScore(needThresholds ? exactScore(float32FromKey(key >>> 0), r) : 0);

  /** Adds the weights of a tie group: one sample's as it is, more summed per label in `ties`. */
  const addGroup = (list: Uint32Array, from: number, to: number) => {
    if (to === from + 1) {
      const j = list[from]!;
      if (packed[j]! & 1) tps += weight![j]!;
      else fps += weight![j]!;
      return;
    }
    for (let e = from; e < to; e++) ties[packed[list[e]!]! & 1]!.add(weight![list[e]!]!);
    tps += ties[1]!.take();
    fps += ties[0]!.take();
  };

  /** `order` with room for 3m + 1 entries, and `sortedScores` for 2m (exactly: a bucket can hold every sample). */
  const scratch = (m: number) => {
    if (order.length <= 3 * m) {
      order = new Uint32Array(3 * m + 1);
      sortedScores = new Float64Array(2 * m);
    }
  };

  /** A small bucket of float32 scores without weights: its packed values sorted. */
  const small = (lo: number, hi: number, high: number) => {
    const bucket = packed.subarray(lo, hi).sort();
    for (let j = hi - lo - 1; j >= 0; ) {
      const d = bucket[j]! >>> 1;
      for (; j >= 0 && bucket[j]! >>> 1 === d; j--)
        if (bucket[j]! & 1) tps++;
        else fps++;
      emit(high | d, 0);
    }
  };

  /**
   * A large bucket counted per (low digit, label), with an occupancy bitmap that lists its
   * distinct low digits in descending order (`digits`); false, nothing visited, when two scores of
   * a key differ in their rest.
   */
  const counted = (lo: number, hi: number, high: number): boolean => {
    if (counts.length === 0) {
      counts = new Uint32Array(131072);
      occupied = new Int32Array(2048);
      digits = new Uint32Array(65536);
      first = new Float64Array(rest ? 65536 : 0);
    }
    let same = true;
    if (rest)
      for (let j = lo; j < hi; j++) {
        const v = packed[j]!;
        if (counts[v & ~1]! + counts[v | 1]! === 0) first[v >>> 1] = rest[j]!;
        else if (first[v >>> 1] !== rest[j]) same = false;
        counts[v]!++;
        occupied[v >>> 6]! |= 1 << ((v >>> 1) & 31);
      }
    else
      for (let j = lo; j < hi; j++) {
        const v = packed[j]!;
        counts[v]!++;
        occupied[v >>> 6]! |= 1 << ((v >>> 1) & 31);
      }
    // The bitmap is read (and cleared) from the highest word a sample set to the lowest.
    let top = 2047;
    let bottom = 0;
    if (hi - lo < COUNT_BUCKET) {
      top = 0;
      bottom = 2047;
      for (let j = lo; j < hi; j++) {
        top = Math.max(top, packed[j]! >>> 6);
        bottom = Math.min(bottom, packed[j]! >>> 6);
      }
    }
    let u = 0;
    for (let w = top; w >= bottom; w--) {
      let word = occupied[w]!;
      if (word === 0) continue;
      occupied[w] = 0;
      for (; word !== 0; word &= ~(1 << (31 - Math.clz32(word))))
        digits[u++] = (w << 5) | (31 - Math.clz32(word));
    }
    if (same && weight) countedWeights(lo, hi, high, u);
    else if (same)
      for (let x = 0; x < u; x++) {
        const d = digits[x]!;
        tps += counts[2 * d + 1]!;
        fps += counts[2 * d]!;
        emit(high | d, rest ? first[d]! : 0);
      }
    for (let x = 0; x < u; x++) {
      counts[2 * digits[x]!] = 0;
      counts[2 * digits[x]! + 1] = 0;
    }
    return same;
  };

  /** A counted bucket with weights: its samples grouped by low digit (a counting sort; `u` digits). */
  const countedWeights = (lo: number, hi: number, high: number, u: number) => {
    scratch(hi - lo);
    // Each digit's group starts where the higher digits' groups end (in counts[2d]).
    let end = 0;
    for (let x = 0; x < u; x++) {
      const d = digits[x]!;
      const size = counts[2 * d]! + counts[2 * d + 1]!;
      counts[2 * d] = end;
      end += size;
    }
    for (let j = lo; j < hi; j++) order[counts[packed[j]! & ~1]!++] = j;
    // counts[2d] is now where group d ends.
    for (let x = 0, e = 0; x < u; x++) {
      const d = digits[x]!;
      addGroup(order, e, counts[2 * d]!);
      e = counts[2 * d]!;
      emit(high | d, rest ? first[d]! : 0);
    }
  };

  /**
   * A bucket walked by sorting its exact scores natively: per label without weights (the two
   * sorted parts walked down merged); with weights all together, each sample's rank among the
   * distinct scores found by binary search and the samples listed by rank (a counting sort).
   */
  const sorted = (lo: number, hi: number, high: number) => {
    const m = hi - lo;
    scratch(m);
    const values = sortedScores;
    // [0, m): the scores, positives then negatives without weights, each part sorted ascending;
    // [m, 2m): the scores in bucket order.
    let positives = 0;
    if (!weight) for (let j = lo; j < hi; j++) positives += packed[j]! & 1;
    let a = 0;
    let b = positives;
    for (let j = lo; j < hi; j++) {
      const base = float32FromKey((high | (packed[j]! >>> 1)) >>> 0);
      const v = rest ? exactScore(base, rest[j]!) : base;
      values[weight || packed[j]! & 1 ? a++ : b++] = v;
      values[m + j - lo] = v;
    }
    values.subarray(0, a).sort();
    values.subarray(a, b).sort();
    if (!weight) {
      for (a--, b--; a >= 0 || b >= positives; ) {
        const v = Math.max(a >= 0 ? values[a]! : -Infinity, b >= positives ? values[b]! : -Infinity);
        for (; a >= 0 && values[a] === v; a--) tps++;
        for (; b >= positives && values[b] === v; b--) fps++;
        visitScore(needThresholds ? v : 0);
      }
      return;
    }
    // The distinct scores in [0, u); each sample's rank among them (`order` [0, m)); then a
    // counting sort by rank: [m, m + u] offsets, [2m + 1, 3m + 1) the samples.
    let u = 0;
    for (let i = 0; i < m; i++) if (i === 0 || values[i] !== values[u - 1]) values[u++] = values[i]!;
    order.fill(0, m, m + u + 1);
    for (let j = 0; j < m; j++) {
      let l = 0;
      for (let r = u - 1; l < r; ) {
        const mid = (l + r) >>> 1;
        if (values[mid]! < values[m + j]!) l = mid + 1;
        else r = mid;
      }
      order[j] = l;
      order[m + l + 1]!++;
    }
    for (let g = 0; g < u; g++) order[m + g + 1]! += order[m + g]!;
    for (let j = 0; j < m; j++) order[2 * m + 1 + order[m + order[j]!]!++] = lo + j;
    // order[m + g] is now where rank g ends.
    const list = order.subarray(2 * m + 1);
    for (let g = u - 1; g >= 0; g--) {
      addGroup(list, g > 0 ? order[m + g - 1]! : 0, order[m + g]!);
      visitScore(needThresholds ? values[g]! : 0);
    }
  };

  for (let h = 65535; h >= 0; h--) {
    const lo = start[h]!;
    const hi = start[h + 1]!;
    if (lo === hi) continue;
    if (hi - lo < (rest || weight ? COUNT_EXACT_BUCKET : COUNT_BUCKET)) {
      if (rest || weight) sorted(lo, hi, h << 16);
      else small(lo, hi, h << 16);
    } else if (!counted(lo, hi, h << 16)) sorted(lo, hi, h << 16);
  }
}

/** The samples of {@link walkBuckets} scattered into the high-digit buckets of their keys. */
export interface Buckets {
  /** Where each high-digit bucket starts (65537 prefix sums). */
  readonly start: Uint32Array;
  /** `low digit << 1 | label` of each sample, by bucket. */
  readonly packed: Uint32Array;
  /** The rest of each float64 score above its float32 rounding; null for float32 scores. */
  readonly rest: Float64Array | null;
  readonly weight: Float64Array | undefined;
}

/** {@link Buckets} of float32 key bits `bits` (whose high digits start at `start`), computed once per source. */
function scatter(
  bits: Uint32Array,
  target: ArrayLike<number>,
  start: Uint32Array,
  scores: ArrayLike<number> | null,
  weights: ArrayLike<number> | undefined,
): Buckets {
  const n = bits.length;
  const packed = new Uint32Array(n);
  const rest = scores && new Float64Array(n);
  const weight = weights && new Float64Array(n);
  scatterKeys(bits, target, start, packed);
  // Rests and weights in a pass of their own: the float32 scatter stays a lean loop.
  if (rest || weight) scatterRests(bits, start, scores, rest, weights, weight);
  return { start, packed, rest, weight };
}

/** Walks the distinct thresholds of an exact source in descending order (O(n); see {@link walkBuckets}). */
export function walkExact(source: CurveSource, visit: Visit, needThresholds = true): void {
  if (source.kind === "binned") fail("unsupported", "walkExact: binned sources have no exact walk");
  source.walk(visit, needThresholds);
}

/** Totals (positives, negatives) of a source. */
export function totals(source: CurveSource): { P: number; N: number } {
  if (source.kind === "exact") return { P: source.P, N: source.N };
  let P = 0;
  let N = 0;
  for (let i = 0; i < source.pos.length; i++) {
    P += source.pos[i]!;
    N += source.neg[i]!;
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
 * The ROC curve's rates under torchmetrics' convention, at decreasing thresholds: exact, from the
 * extra point (0, 0) through every distinct score; binned, per threshold. A rate whose class is
 * absent is 0.
 */
function rocRates(source: CurveSource): { fpr: number[]; tpr: number[] } {
  const fpr: number[] = [];
  const tpr: number[] = [];
  if (source.kind === "binned") {
    const { tps, fps, fns, tns } = binnedCounts(source);
    for (let i = tps.length - 1; i >= 0; i--) {
      tpr.push(tps[i]! + fns[i]! === 0 ? 0 : tps[i]! / (tps[i]! + fns[i]!));
      fpr.push(fps[i]! + tns[i]! === 0 ? 0 : fps[i]! / (fps[i]! + tns[i]!));
    }
    return { fpr, tpr };
  }
  const tps = [0];
  const fps = [0];
  source.walk((_t, a, b) => {
    tps.push(a);
    fps.push(b);
  }, false);
  const P = tps[tps.length - 1]!;
  const N = fps[fps.length - 1]!;
  for (let i = 0; i < tps.length; i++) {
    fpr.push(N > 0 ? fps[i]! / N : 0);
    tpr.push(P > 0 ? tps[i]! / P : 0);
  }
  return { fpr, tpr };
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
    const { fpr, tpr } = rocRates(source);
    return { fpr, tpr, thresholds: Array.from(source.thresholds).reverse() };
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
  const noPositive = source.noPositiveRecall ?? 1;
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
  if (source.kind === "exact") {
    const { P, N } = source;
    if (P === 0 || N === 0) return oneClass;
    if (maxFpr === undefined || maxFpr === 1) {
      let area = 0;
      let prevT = 0;
      let prevF = 0;
      source.walk((_t, tps, fps) => {
        area += (fps - prevF) * (tps + prevT);
        prevT = tps;
        prevF = fps;
      }, false);
      return area / 2 / (P * N);
    }
  }
  const { fpr, tpr } = rocRates(source);
  const zero = (rates: number[]) => rates.every((v) => v === 0);
  if (maxFpr === undefined || maxFpr === 1 || zero(fpr) || zero(tpr)) return trapezoid(fpr, tpr);
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
