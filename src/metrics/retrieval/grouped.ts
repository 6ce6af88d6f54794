import {
  concatGrowable,
  filled,
  type GrowableFloat32,
  type GrowableFloat64,
  growableFloat32,
  growableFloat64,
} from "../../core/buffer.js";
import { toFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { type OptionRecord, optInteger, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { argsort, identity } from "../../core/sort.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";

/**
 * Shared machinery of the grouped retrieval metrics: the state (every document's query id,
 * score and relevance, as torchmetrics 1.9.0 `RetrievalMetric` keeps them), options, validation,
 * the ranking of each query's documents, tie groups, and the aggregation over queries.
 *
 * Arguments are `(preds, target, indexes)` as torchmetrics' `metric(preds, target, indexes=...)`.
 * Three arrays of numbers can be swapped silently, so everything that can be checked is:
 * `target` holds 0/1 (binary metrics) or non-negative integer grades (nDCG), `indexes` holds
 * integers, `preds` finite numbers; an error on `target` or `indexes` says which order is expected.
 *
 * A query's documents may arrive across many batches, so the state keeps them all and `merge`
 * concatenates: scores (Float32 while every score is exactly a float32, as scores from float32
 * models are, else Float64), targets (Float32: 0/1 and integer grades up to 2^24 are exact) and the query ids as runs of consecutive equal ids (16 bytes per run: one
 * run per query when documents arrive grouped, one per document at worst), within the allocation
 * budget of core/limits.ts. `compute` orders the runs by query id (a stable radix argsort,
 * skipped when they already are), then scores each query: directly from its documents where the
 * metric has a direct kernel, else by ranking them: O(n log m) overall.
 */

/** What a query with no relevant document (no non-relevant one, for fall-out) scores. */
export type EmptyTargetAction = "neg" | "pos" | "skip" | "error";
/**
 * How documents with equal scores are ordered.
 * - `"torchmetrics"` (default): torchmetrics 1.9.0's rules: nDCG tie-averages (as torchmetrics
 *   does); every other metric ranks equal scores in input order. torchmetrics itself orders them
 *   however torch's unstable `topk`/`argsort` happen to (it differs between torch versions and
 *   input layouts, so no implementation can reproduce it); with distinct scores, the only
 *   reproducible case, the results match torchmetrics exactly. Prefer `"average"` when scores tie.
 * - `"average"`: the expected value over every order of each tie group (McSherry & Najork,
 *   "Computing information retrieval performance measures efficiently in the presence of tied
 *   scores", ECIR 2008); sklearn's `ndcg_score` does the same for nDCG.
 * - `"optimistic"`: relevant (higher-gain) documents first within a tie.
 * - `"pessimistic"`: relevant (higher-gain) documents last within a tie.
 */
export type TieHandling = "torchmetrics" | "average" | "optimistic" | "pessimistic";
/** How per-query values combine (torchmetrics `aggregation`). */
export type Aggregation = "mean" | "median" | "min" | "max";

/** Options shared by every grouped retrieval metric. */
export interface RetrievalOptions {
  /** Only the first `topK` ranked documents count; `null`/absent: all of them. */
  readonly topK?: number | null;
  /** Default `"neg"` (0), as torchmetrics; `"pos"` scores 1, `"skip"` leaves the query out. */
  readonly emptyTargetAction?: EmptyTargetAction;
  /** Default `"torchmetrics"`. */
  readonly ties?: TieHandling;
  /** Documents whose target equals this value are dropped at `update`. */
  readonly ignoreIndex?: number | null;
  /** Default `"mean"`. */
  readonly aggregation?: Aggregation;
}

/** The names of {@link RetrievalOptions}. */
export const RETRIEVAL_OPTIONS = optionNames<RetrievalOptions>()(
  "topK",
  "emptyTargetAction",
  "ties",
  "ignoreIndex",
  "aggregation",
);

/** Options after validation, with defaults filled in (JSON-safe: saved by `toJSON`). */
export interface ResolvedRetrievalOptions {
  readonly topK: number | null;
  readonly emptyTargetAction: EmptyTargetAction;
  readonly ties: TieHandling;
  readonly ignoreIndex: number | null;
  readonly aggregation: Aggregation;
}

/**
 * The state: every document seen so far, in arrival order: its score, its relevance, and the
 * query ids as runs (`runIds[i]` repeated `runLengths[i]` times).
 */
export interface RetrievalState {
  /** Float32 while every score seen is exactly a float32; Float64 from the first one that is not. */
  preds: GrowableFloat32 | GrowableFloat64;
  target: GrowableFloat32;
  runIds: GrowableFloat64;
  runLengths: GrowableFloat64;
}

/** Scores as the state stores them. */
export type Scores = Float32Array | Float64Array;

/** The arguments of `update`, as torchmetrics: scores, relevance, query ids. */
export type RetrievalArgs = [preds: ArrayLike<number>, target: ArrayLike<number>, indexes: ArrayLike<number>];

/**
 * One query's documents in ranked order, as the per-query kernels read them.
 * `scores[start..end)` and `target[start..end)` are ranked; `groupEnd[0..groups)` holds the
 * exclusive end offset (relative to `start`) of each tie group. Without tie grouping every
 * document is its own group.
 */
export interface RankedQuery {
  scores: Float64Array;
  target: Float64Array;
  start: number;
  end: number;
  groupEnd: Int32Array;
  groups: number;
}

/** A per-query kernel: the metric's value for one ranked query. */
export type QueryKernel = (query: RankedQuery, topK: number | null) => number;

const EMPTY_ACTIONS = ["neg", "pos", "skip", "error"] as const;
const TIES = ["torchmetrics", "average", "optimistic", "pessimistic"] as const;
const AGGREGATIONS = ["mean", "median", "min", "max"] as const;
/** Largest `topK` (a cut-off beyond any query's size is the same as none). */
const MAX_TOP_K = 2 ** 31 - 1;

/**
 * Reads `options` strictly against `names` (the shared names plus the metric's own) and resolves
 * the shared ones. `allowTopK` false (R-precision) leaves `topK` out of the names; `emptyDefault`
 * is the metric's default `emptyTargetAction`. Returns the resolved shared options and the raw
 * record, for the metric's own options.
 */
export function readRetrievalOptions<O extends RetrievalOptions>(
  fn: string,
  options: unknown,
  names: readonly string[],
  config: { allowTopK?: boolean; emptyDefault?: EmptyTargetAction } = {},
): { resolved: ResolvedRetrievalOptions; record: OptionRecord<O> } {
  const record = readOptions<O>(fn, options, names);
  const o = record as OptionRecord<RetrievalOptions>;
  const topK =
    config.allowTopK === false || o.topK === null || o.topK === undefined
      ? null
      : optInteger(fn, "topK", o.topK, 1, { min: 1, max: MAX_TOP_K });
  const ignoreIndex =
    o.ignoreIndex === null || o.ignoreIndex === undefined
      ? null
      : optInteger(fn, "ignoreIndex", o.ignoreIndex, 0, { min: -(2 ** 53), max: 2 ** 53 });
  return {
    record,
    resolved: {
      topK,
      emptyTargetAction: optOneOf(
        fn,
        "emptyTargetAction",
        o.emptyTargetAction,
        EMPTY_ACTIONS,
        config.emptyDefault ?? "neg",
      ),
      ties: optOneOf(fn, "ties", o.ties, TIES, "torchmetrics"),
      ignoreIndex,
      aggregation: optOneOf(fn, "aggregation", o.aggregation, AGGREGATIONS, "mean"),
    },
  };
}

/** A fresh, empty state. */
export function initRetrievalState(): RetrievalState {
  return {
    preds: growableFloat32(),
    target: growableFloat32(),
    runIds: growableFloat64(),
    runLengths: growableFloat64(),
  };
}

/** The concatenation of two states (neither is changed). */
export function mergeRetrievalStates(a: RetrievalState, b: RetrievalState): RetrievalState {
  assertAllocation(
    "retrieval merge",
    "the merged retrieval state",
    12 * (a.preds.length + b.preds.length) + 16 * (a.runIds.length + b.runIds.length),
  );
  return {
    preds:
      a.preds.data instanceof Float32Array && b.preds.data instanceof Float32Array
        ? concatGrowable(a.preds as GrowableFloat32, b.preds as GrowableFloat32)
        : concatGrowable(widen(a.preds), widen(b.preds)),
    target: concatGrowable(a.target, b.target),
    runIds: concatGrowable(a.runIds, b.runIds),
    runLengths: concatGrowable(a.runLengths, b.runLengths),
  };
}

/** The scores as Float64 (a copy when they are Float32). */
function widen(buffer: GrowableFloat32 | GrowableFloat64): GrowableFloat64 {
  if (buffer.data instanceof Float64Array) return buffer as GrowableFloat64;
  return { data: Float64Array.from(filled(buffer)), length: buffer.length };
}

/** Largest relevance grade: targets are stored as float32, exact for integers up to 2^24. */
export const MAX_GRADE = 2 ** 24;
const queryId = { test: Number.isSafeInteger, words: "integer query ids" };
const runLength = { test: (v: number) => Number.isSafeInteger(v) && v >= 1, words: "run lengths >= 1" };
const grade = {
  test: (v: number) => Number.isInteger(v) && v >= 0 && v <= MAX_GRADE,
  words: `integer grades in [0, ${MAX_GRADE}]`,
};

/**
 * Checks a decoded state (`fromJSON`, `plumbline merge`): finite scores, 0/1 targets (integer
 * grades in [0, 2^24] when `graded`), none equal to `ignoreIndex`, as many targets as scores,
 * and runs of integer query ids whose lengths (>= 1) add up to the number of documents.
 */
export function validateRetrievalState(
  id: string,
  state: unknown,
  graded: boolean,
  ignoreIndex: number | null,
): asserts state is RetrievalState {
  checkState(id, state, {
    preds: field.growable([Float32Array, Float64Array], "finite"),
    target: field.growable(Float32Array, graded ? grade : "binary"),
    runIds: field.growable(Float64Array, queryId),
    runLengths: field.growable(Float64Array, runLength),
  });
  const s = state as RetrievalState;
  stateInvariant(
    id,
    s.preds.length === s.target.length,
    `state.preds and state.target must have the same length, got ${s.preds.length} and ${s.target.length}`,
  );
  stateInvariant(
    id,
    s.runIds.length === s.runLengths.length,
    `state.runIds and state.runLengths must have the same length, got ${s.runIds.length} and ${s.runLengths.length}`,
  );
  let documents = 0;
  for (const length of filled(s.runLengths)) documents += length;
  stateInvariant(
    id,
    documents === s.preds.length,
    `state.runLengths must add up to the ${s.preds.length} documents, got ${documents}`,
  );
  if (ignoreIndex !== null) {
    const at = filled(s.target).indexOf(ignoreIndex);
    stateInvariant(id, at < 0, `state.target holds the ignored value ${ignoreIndex} at index ${at}`);
  }
}

/** The hint added to errors that a swap of the three arrays would cause. */
const ORDER_HINT = "(the arguments are (preds, target, indexes), as torchmetrics)";

/** The error for the first invalid document of a batch (kept out of the update loop). */
function rejectDocument(fn: string, graded: boolean, i: number, q: number, p: number, t: number): never {
  if (!Number.isSafeInteger(q))
    fail(
      "invalid_value",
      `${fn}: \`indexes\` must contain integer query ids, got ${describeValue(q)} at index ${i} ${ORDER_HINT}`,
    );
  if (!Number.isFinite(p))
    fail("invalid_value", `${fn}: \`preds\` must be finite, got ${describeValue(p)} at index ${i}`);
  if (graded && Number.isInteger(t) && t > MAX_GRADE)
    fail(
      "invalid_value",
      `${fn}: \`target\` grades must be at most ${MAX_GRADE} (stored as float32), got ${t} at index ${i}`,
    );
  return fail(
    "invalid_value",
    graded
      ? `${fn}: \`target\` must contain non-negative integer relevance grades, got ${describeValue(t)} at index ${i} ${ORDER_HINT}`
      : `${fn}: \`target\` must contain only 0 and 1, got ${describeValue(t)} at index ${i} ${ORDER_HINT}`,
  );
}

/** Grows a buffer to hold `extra` more values: exactly when it is empty, doubling otherwise. */
function reserve<B extends GrowableFloat64 | GrowableFloat32>(buffer: B, extra: number): B["data"] {
  const needed = buffer.length + extra;
  if (needed > buffer.data.length) {
    const Ctor = buffer.data.constructor as new (n: number) => B["data"];
    const next = new Ctor(buffer.length === 0 ? needed : Math.max(needed, 2 * buffer.data.length));
    next.set(buffer.data.subarray(0, buffer.length) as never);
    buffer.data = next;
  }
  return buffer.data;
}

/**
 * Validates a batch and appends it, in one pass that writes past the buffers' lengths and moves
 * the lengths only once the whole batch passed: nothing is appended unless every document is
 * valid. `indexes` must be integers, `preds` finite, `target` 0/1 (binary) or integer grades in
 * [0, 2^24] (graded); documents whose target equals `ignoreIndex` are left out. Consecutive
 * equal query ids extend one run.
 */
export function updateRetrievalState(
  state: RetrievalState,
  options: ResolvedRetrievalOptions,
  fn: string,
  graded: boolean,
  predsIn: unknown,
  targetIn: unknown,
  indexesIn: unknown,
): void {
  const preds = toFloat64(predsIn, fn, "preds");
  const target = toFloat64(targetIn, fn, "target");
  const indexes = toFloat64(indexesIn, fn, "indexes");
  const n = preds.length;
  if (indexes.length !== n || target.length !== n) {
    fail(
      "shape_mismatch",
      `${fn}: \`preds\`, \`target\` and \`indexes\` must have the same length, got ${n}, ${target.length} and ${indexes.length}`,
    );
  }
  const base = state.preds.length;
  assertAllocation(fn, `a retrieval state of ${base + n} documents`, 2 * 28 * (base + n));
  reserve(state.target, n);
  // Runs are written past the run buffers' lengths: the state changes only if the batch passes.
  const runIds = reserve(state.runIds, n);
  const runLengths = reserve(state.runLengths, n);
  const cursor: Cursor = { runs: state.runIds.length, lastId: Number.NaN, written: base, next: 0 };
  if (cursor.runs > 0) cursor.lastId = runIds[cursor.runs - 1]!;
  // The last run may continue into this batch; its length is restored on failure.
  const lastLength = cursor.runs > 0 ? runLengths[cursor.runs - 1]! : 0;
  try {
    const batch: Batch = { preds, target, indexes, options, fn, graded };
    if (state.preds.data instanceof Float32Array) {
      appendInChunks(reserve(state.preds as GrowableFloat32, n), true, state, batch, cursor);
      if (cursor.next < n) {
        // A score that is not exactly a float32: the scores move to Float64 for good.
        const wide = new Float64Array(state.preds.data.length);
        wide.set(state.preds.data.subarray(0, cursor.written));
        state.preds = { data: wide, length: state.preds.length };
      }
    }
    if (cursor.next < n)
      appendInChunks(reserve(state.preds as GrowableFloat64, n), false, state, batch, cursor);
  } catch (error) {
    if (state.runIds.length > 0) runLengths[state.runIds.length - 1] = lastLength;
    throw error;
  }
  const w = cursor.written;
  state.preds.length = w;
  state.target.length = w;
  state.runIds.length = cursor.runs;
  state.runLengths.length = cursor.runs;
}

/** A batch being appended, with what checking it needs. */
interface Batch {
  preds: Float64Array;
  target: Float64Array;
  indexes: Float64Array;
  options: ResolvedRetrievalOptions;
  fn: string;
  graded: boolean;
}

/** Where {@link appendDocuments} is: runs written, the last run's id, documents written, next document of the batch. */
interface Cursor {
  runs: number;
  lastId: number;
  written: number;
  next: number;
}

/** Documents per call of {@link appendDocuments}. */
const CHUNK = 1 << 16;

/**
 * {@link appendDocuments} over the batch in chunks of 2^16 documents, until its end or (with
 * `float32Only`) a score that is not exactly a float32. Many short calls instead of one long
 * loop: the loop is optimized with feedback from whole calls, so a big batch does not run its
 * first pass in the interpreter, or fall back to it at the loop's exit.
 */
function appendInChunks(
  outPreds: Scores,
  float32Only: boolean,
  state: RetrievalState,
  batch: Batch,
  cursor: Cursor,
): void {
  const n = batch.preds.length;
  while (cursor.next < n) {
    const stop = Math.min(n, cursor.next + CHUNK);
    appendDocuments(outPreds, float32Only, state, batch, cursor, stop);
    if (cursor.next < stop) return;
  }
}

/**
 * The validating copy loop of {@link updateRetrievalState}: documents `cursor.next..stop` of the
 * batch are checked and written at `cursor.written..` of `outPreds` and of the state's target and
 * run buffers (past their lengths). With `float32Only` it stops at the first score that is not
 * exactly a float32 (the caller widens the scores and calls again); the cursor says where.
 */
function appendDocuments(
  outPreds: Scores,
  float32Only: boolean,
  state: RetrievalState,
  batch: Batch,
  cursor: Cursor,
  stop: number,
): void {
  const { preds, target, indexes, options, fn, graded } = batch;
  const outTarget = state.target.data;
  const runIds = state.runIds.data;
  const runLengths = state.runLengths.data;
  // NaN never equals a target, so without ignoreIndex the comparison never drops a document.
  const ignore = options.ignoreIndex ?? Number.NaN;
  let w = cursor.written;
  let runs = cursor.runs;
  let lastId = cursor.lastId;
  let i = cursor.next;
  // The current run's length is kept here and stored when the run ends (and at the end).
  let length = runs > 0 ? runLengths[runs - 1]! : 0;
  for (; i < stop; i++) {
    const t = target[i]!;
    if (t === ignore) continue;
    const q = indexes[i]!;
    if (q !== lastId) {
      // a new run: its id is checked once ((q | 0) === q holds for int32 ids; other safe
      // integers take the slow check)
      if ((q | 0) !== q && !Number.isSafeInteger(q)) rejectDocument(fn, graded, i, q, preds[i]!, t);
      if (runs > 0) runLengths[runs - 1] = length;
      runIds[runs++] = q;
      lastId = q;
      length = 0;
    }
    const p = preds[i]!;
    if (p - p !== 0 || (graded ? !((t | 0) === t && t >= 0 && t <= MAX_GRADE) : t !== 0 && t !== 1))
      rejectDocument(fn, graded, i, q, p, t);
    if (float32Only && Math.fround(p) !== p) break;
    outPreds[w] = p;
    outTarget[w] = t;
    w++;
    length++;
  }
  if (runs > 0) runLengths[runs - 1] = length;
  cursor.runs = runs;
  cursor.lastId = lastId;
  cursor.written = w;
  cursor.next = i;
}

/** Reusable scratch space for ranking one query at a time. */
export interface Scratch {
  sorted: Float64Array;
  scores: Float64Array;
  target: Float64Array;
  slot: Int32Array;
  groupEnd: Int32Array;
}

/** Empty scratch space (grows on demand). */
export function newScratch(): Scratch {
  return {
    sorted: new Float64Array(0),
    scores: new Float64Array(0),
    target: new Float64Array(0),
    slot: new Int32Array(0),
    groupEnd: new Int32Array(0),
  };
}

function ensureScratch(scratch: Scratch, m: number): void {
  if (scratch.sorted.length >= m) return;
  const size = Math.max(m, scratch.sorted.length * 2);
  scratch.sorted = new Float64Array(size);
  scratch.scores = new Float64Array(size);
  scratch.target = new Float64Array(size);
  scratch.slot = new Int32Array(size);
  scratch.groupEnd = new Int32Array(size);
}

/** Target values as the state stores them (float32) or as matrices carry them (float64). */
export type Targets = Float32Array | Float64Array;

/**
 * Ranks one query's m documents `preds/target[from..from+m)` into `scratch.scores/target[0..m)`:
 * score descending, equal scores in input order (`"torchmetrics"`, `"average"`) or by gain
 * (descending for `"optimistic"`, ascending for `"pessimistic"`). Instead of a comparator sort it
 * sorts exact packed keys natively when every score is a float32, and otherwise a copy of the
 * scores, placing each document, in input order, at the first free slot of its score's run (found
 * by binary search): stable, O(m log m) with no closures.
 */
export function rankQuery(
  preds: Scores,
  target: Targets,
  from: number,
  m: number,
  ties: TieHandling,
  scratch: Scratch,
): void {
  ensureScratch(scratch, m);
  const sorted = scratch.sorted.subarray(0, m);
  const outScores = scratch.scores;
  const outTarget = scratch.target;
  if (m <= PACK_LIMIT && packFloat32Keys(preds, from, m, sorted)) {
    // Fast path (every score is a float32): one native sort of exact integer keys
    // (sortable float32 bits * 2^21 + reversed input position) gives score descending, input order within ties.
    sorted.sort();
    for (let position = 0; position < m; position++) {
      const key = sorted[m - 1 - position]!;
      const doc = from + PACK_LIMIT - 1 - (key % PACK_LIMIT);
      outScores[position] = preds[doc]!;
      outTarget[position] = target[doc]!;
    }
  } else {
    placeBySearch(preds, target, from, m, scratch);
  }
  if (ties === "optimistic" || ties === "pessimistic") {
    let i = 0;
    while (i < m) {
      let j = i + 1;
      while (j < m && outScores[j] === outScores[i]) j++;
      if (j - i > 1) {
        const run = outTarget.subarray(i, j);
        run.sort();
        if (ties === "optimistic") run.reverse();
      }
      i = j;
    }
  }
}

const PACK_LIMIT = 2 ** 21;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Fills `keys` with exact packed sort keys when every score is a float32 value; false otherwise. */
function packFloat32Keys(preds: Scores, from: number, m: number, keys: Float64Array): boolean {
  for (let j = 0; j < m; j++) {
    const score = preds[from + j]!;
    f32[0] = score;
    if (f32[0] !== score) return false;
    const bits = score === 0 ? 0 : u32[0]!; // -0 and +0 are one score
    const sortable = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
    keys[j] = sortable * PACK_LIMIT + (PACK_LIMIT - 1 - j);
  }
  return true;
}

/** General path: sort a copy of the scores, place each document at the first free slot of its score's run. */
function placeBySearch(preds: Scores, target: Targets, from: number, m: number, scratch: Scratch): void {
  const sorted = scratch.sorted.subarray(0, m);
  for (let j = 0; j < m; j++) sorted[j] = preds[from + j]!;
  sorted.sort();
  const slot = scratch.slot;
  slot.fill(0, 0, m);
  const outScores = scratch.scores;
  const outTarget = scratch.target;
  for (let j = 0; j < m; j++) {
    const score = preds[from + j]!;
    // upper bound: first ascending index with sorted[k] > score
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= score) lo = mid + 1;
      else hi = mid;
    }
    const runStart = m - lo; // descending position of the first document with this score
    const position = runStart + slot[runStart]!++;
    outScores[position] = score;
    outTarget[position] = target[from + j]!;
  }
}

function isNonDecreasing(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) return false;
  return true;
}

/** Whether a query is "empty" for the metric (it then follows `emptyTargetAction`); order-independent. */
export type EmptyCheck = (target: Targets, from: number, m: number) => boolean;

/** True when the query has no relevant document (the default empty check). */
export function noRelevant(target: Targets, from: number, m: number): boolean {
  for (let d = from; d < from + m; d++) if (target[d]! > 0) return false;
  return true;
}

/** True when the query has no non-relevant document (fall-out's empty check). */
export function noIrrelevant(target: Targets, from: number, m: number): boolean {
  for (let d = from; d < from + m; d++) if (target[d] === 0) return false;
  return true;
}

/** Sum of the query's targets: its number of relevant documents (binary relevance). */
export function relevantCount(query: RankedQuery): number {
  let relevant = 0;
  for (let i = query.start; i < query.end; i++) relevant += query.target[i]!;
  return relevant;
}

/**
 * A kernel that scores a query straight from its unranked documents `preds/target[from..from+m)`
 * (in input order), without sorting them (MAP's ranks of the relevant documents, nDCG@k's top k):
 * the fast path of a metric under the tie rules it supports, returning undefined to fall back to
 * ranking the query.
 */
export type DirectKernel = (
  preds: Scores,
  target: Targets,
  from: number,
  m: number,
  topK: number | null,
) => number | undefined;

/**
 * The value of every query in order of query id (NaN for a skipped query), plus the query ids.
 * A query whose documents form one run is read in place; one spread over several runs (its
 * documents arrived apart) is gathered, in arrival order, into scratch space first. `groupTies`
 * asks for tie groups of equal scores (otherwise every document is its own group); `direct`, when
 * given, scores a query without ranking it unless it returns undefined.
 */
export function perQueryValues(
  state: RetrievalState,
  options: ResolvedRetrievalOptions,
  fn: string,
  kernel: QueryKernel,
  groupTies: boolean,
  isEmpty: EmptyCheck = noRelevant,
  direct?: DirectKernel,
): { queries: Float64Array; values: Float64Array } {
  const n = state.preds.length;
  if (n === 0) fail("empty_input", `${fn}: no documents were given (call update first)`);
  assertAllocation(fn, `ranking ${n} documents`, 16 * n);
  const preds = filled(state.preds);
  const target = filled(state.target);
  const runIds = filled(state.runIds);
  const runLengths = filled(state.runLengths);
  const runCount = runIds.length;
  // Offsets and lengths as int32 (a state holds fewer than 2^31 documents: 16 GiB of scores), so
  // the kernels index with small integers.
  if (n >= 2 ** 31)
    fail("invalid_state", `${fn}: a retrieval state holds at most 2^31 - 1 documents, got ${n}`);
  const runStarts = new Int32Array(runCount);
  const lengths = Int32Array.from(runLengths);
  for (let r = 1; r < runCount; r++) runStarts[r] = runStarts[r - 1]! + lengths[r - 1]!;
  // Runs in order of query id: a stable radix argsort unless they already are.
  const order = isNonDecreasing(runIds) ? identity(runCount) : argsort(runIds, false);
  let queryCount = runCount > 0 ? 1 : 0;
  for (let i = 1; i < runCount; i++) if (runIds[order[i]!] !== runIds[order[i - 1]!]) queryCount++;
  const queries = new Float64Array(queryCount);
  const values = new Float64Array(queryCount);
  const scoring: QueryScoring = { options, fn, kernel, groupTies, isEmpty, direct, scratch: newScratch() };
  const gathered: Gathered = { preds: new Float64Array(0), target: new Float32Array(0) };
  let q = 0;
  let i = 0;
  while (i < runCount) {
    const run = order[i]!;
    const id = runIds[run]!;
    let j = i + 1;
    while (j < runCount && runIds[order[j]!] === id) j++;
    queries[q] = id;
    if (j === i + 1) {
      values[q] = queryValue(scoring, preds, target, runStarts[run]!, lengths[run]!, id);
    } else {
      const m = gatherRuns(gathered, preds, target, runStarts, lengths, order.subarray(i, j));
      values[q] = queryValue(scoring, gathered.preds, gathered.target, 0, m, id);
    }
    q++;
    i = j;
  }
  return { queries, values };
}

/** What scoring one query needs (see {@link perQueryValues}). */
interface QueryScoring {
  options: ResolvedRetrievalOptions;
  fn: string;
  kernel: QueryKernel;
  groupTies: boolean;
  isEmpty: EmptyCheck;
  direct: DirectKernel | undefined;
  scratch: Scratch;
}

/**
 * The value of one query, documents `preds/target[from..from+m)` in arrival order: its
 * `emptyTargetAction` value when it is empty, else the direct kernel's value, else the kernel's
 * on the ranked query. (The per-query work sits in functions called once per query, so it is
 * optimized with their own feedback rather than as one long loop.)
 */
function queryValue(
  scoring: QueryScoring,
  preds: Scores,
  target: Targets,
  from: number,
  m: number,
  id: number,
): number {
  if (scoring.isEmpty(target, from, m)) return emptyQueryValue(scoring, id);
  const fast = scoring.direct?.(preds, target, from, m, scoring.options.topK);
  return fast !== undefined ? fast : rankedValue(scoring, preds, target, from, m);
}

/** An empty query's value under `emptyTargetAction` (NaN: skipped); "error" throws. */
function emptyQueryValue(scoring: QueryScoring, id: number): number {
  switch (scoring.options.emptyTargetAction) {
    case "error":
      return fail(
        "invalid_value",
        `${scoring.fn}: query ${id} has no ${scoring.isEmpty === noIrrelevant ? "non-relevant" : "relevant"} document (emptyTargetAction "error")`,
      );
    case "neg":
      return 0;
    case "pos":
      return 1;
    default:
      return Number.NaN;
  }
}

/** The kernel's value on the ranked query, with tie groups when `groupTies`. */
function rankedValue(scoring: QueryScoring, preds: Scores, target: Targets, from: number, m: number): number {
  const { scratch, options } = scoring;
  rankQuery(preds, target, from, m, options.ties, scratch);
  const groupEnd = scratch.groupEnd;
  let groups = 0;
  if (scoring.groupTies) {
    for (let g = 1; g <= m; g++) {
      if (g === m || scratch.scores[g] !== scratch.scores[g - 1]) groupEnd[groups++] = g;
    }
  } else {
    for (let g = 1; g <= m; g++) groupEnd[groups++] = g;
  }
  return scoring.kernel(
    { scores: scratch.scores, target: scratch.target, start: 0, end: m, groupEnd, groups },
    options.topK,
  );
}

/** Scratch space for a query whose documents arrived in several runs. */
interface Gathered {
  preds: Float64Array;
  target: Float32Array;
}

/** Copies the documents of `runs`, in order, into `gathered` (grown on demand); returns how many. */
function gatherRuns(
  gathered: Gathered,
  preds: Scores,
  target: Float32Array,
  runStarts: Int32Array,
  lengths: Int32Array,
  runs: Uint32Array,
): number {
  let m = 0;
  for (const r of runs) m += lengths[r]!;
  if (gathered.preds.length < m) {
    gathered.preds = new Float64Array(Math.max(m, 2 * gathered.preds.length));
    gathered.target = new Float32Array(gathered.preds.length);
  }
  let w = 0;
  for (const r of runs) {
    const start = runStarts[r]!;
    const length = lengths[r]!;
    gathered.preds.set(preds.subarray(start, start + length), w);
    gathered.target.set(target.subarray(start, start + length), w);
    w += length;
  }
  return m;
}

/**
 * Combines per-query values (NaN = skipped); all skipped gives 0, as torchmetrics. The mean is a
 * compensated (Neumaier) sum in query order; min and max fold without spreading the values into
 * arguments (which overflows the stack past about 10^5 queries).
 */
export function aggregate(values: Float64Array, aggregation: Aggregation): number {
  let kept = 0;
  for (const v of values) if (!Number.isNaN(v)) kept++;
  if (kept === 0) return 0;
  switch (aggregation) {
    case "mean": {
      let sum = 0;
      let c = 0;
      for (const v of values) {
        if (Number.isNaN(v)) continue;
        const t = sum + v;
        c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
        sum = t;
      }
      return (sum + c) / kept;
    }
    case "median": {
      // torch.median: the lower of the two middle values for an even count.
      const sorted = values.filter((v) => !Number.isNaN(v)).sort();
      return sorted[(kept - 1) >> 1]!;
    }
    case "min": {
      let best = Number.POSITIVE_INFINITY;
      for (const v of values) if (!Number.isNaN(v)) best = Math.min(best, v);
      return best;
    }
    default: {
      let best = Number.NEGATIVE_INFINITY;
      for (const v of values) if (!Number.isNaN(v)) best = Math.max(best, v);
      return best;
    }
  }
}

/** Builds a grouped retrieval MetricDef from a kernel. */
export function retrievalDef(
  meta: MetricMeta,
  fn: string,
  resolved: ResolvedRetrievalOptions,
  kernel: QueryKernel,
  config: {
    graded?: boolean;
    groupTies?: boolean;
    isEmpty?: EmptyCheck;
    /** The metric's own resolved options, saved after the shared ones. */
    extraOptions?: Record<string, unknown>;
    /** False for metrics without `topK` (R-precision): it is left out of the saved options. */
    allowTopK?: boolean;
    /** The fast path scoring a query without ranking it (see {@link DirectKernel}). */
    direct?: DirectKernel;
  } = {},
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const graded = config.graded ?? false;
  const groupTies = config.groupTies ?? resolved.ties === "average";
  const { topK: _cutoff, ...withoutTopK } = resolved;
  const saved = config.allowTopK === false ? withoutTopK : resolved;
  return {
    id: meta.id,
    meta,
    options: { ...saved, ...(config.extraOptions ?? {}) },
    init: initRetrievalState,
    update(state, preds, target, indexes) {
      updateRetrievalState(state, resolved, fn, graded, preds, target, indexes);
    },
    merge: mergeRetrievalStates,
    compute(state) {
      const { values } = perQueryValues(
        state,
        resolved,
        fn,
        kernel,
        groupTies,
        config.isEmpty,
        config.direct,
      );
      return aggregate(values, resolved.aggregation);
    },
    validateState(state: unknown): asserts state is RetrievalState {
      validateRetrievalState(meta.id, state, graded, resolved.ignoreIndex);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Tie-group arithmetic shared by the kernels.

/**
 * Expected number of documents with gain > 0 (or the expected gain, `sumGains`) among the
 * first `k` ranked documents, each tie group contributing pro rata to its overlap with the
 * cut-off. `gainOf` maps a ranked position to its gain.
 */
export function expectedGainAtK(query: RankedQuery, k: number, gainOf: (i: number) => number): number {
  let total = 0;
  let groupStart = 0;
  for (let g = 0; g < query.groups && groupStart < k; g++) {
    const groupEnd = query.groupEnd[g]!;
    let sum = 0;
    for (let i = groupStart; i < groupEnd; i++) sum += gainOf(query.start + i);
    const inside = Math.min(groupEnd, k) - groupStart;
    total += inside === groupEnd - groupStart ? sum : (sum * inside) / (groupEnd - groupStart);
    groupStart = groupEnd;
  }
  return total;
}

let logFactorials = new Float64Array([0, 0]);

/** ln(n!) from a growing table. */
export function logFactorial(n: number): number {
  if (n >= logFactorials.length) {
    const next = new Float64Array(Math.max(n + 1, logFactorials.length * 2));
    next.set(logFactorials);
    for (let i = logFactorials.length; i < next.length; i++) next[i] = next[i - 1]! + Math.log(i);
    logFactorials = next;
  }
  return logFactorials[n]!;
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** P(m relevant among t drawn without replacement from n holding r relevant). */
export function hypergeometric(n: number, r: number, t: number, m: number): number {
  if (m < 0 || m > r || m > t || t - m > n - r) return 0;
  return Math.exp(logChoose(r, m) + logChoose(n - r, t - m) - logChoose(n, t));
}
