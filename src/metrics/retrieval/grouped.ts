import type { CatalogEntry } from "../../catalog/types.js";
import { append, concatGrowable, filled, type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { toFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { type OptionRecord, optInteger, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { argsort } from "../../core/sort.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef } from "../../metric.js";

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
 * A query's documents may arrive across many batches, so the state keeps them all (O(n)
 * memory, 24 bytes per document, within the allocation budget of core/limits.ts) and `merge`
 * concatenates. `compute` groups documents by query id (a stable radix argsort, skipped when ids
 * already arrive in order), then ranks each query: O(n log m) overall.
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

/** The state: every document seen so far (query id, score, relevance). */
export interface RetrievalState {
  indexes: GrowableFloat64;
  preds: GrowableFloat64;
  target: GrowableFloat64;
}

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
  return { indexes: growableFloat64(), preds: growableFloat64(), target: growableFloat64() };
}

/** The concatenation of two states (neither is changed). */
export function mergeRetrievalStates(a: RetrievalState, b: RetrievalState): RetrievalState {
  assertAllocation("retrieval merge", "the merged retrieval state", 24 * (a.preds.length + b.preds.length));
  return {
    indexes: concatGrowable(a.indexes, b.indexes),
    preds: concatGrowable(a.preds, b.preds),
    target: concatGrowable(a.target, b.target),
  };
}

const queryId = { test: Number.isSafeInteger, words: "integer query ids" };
const grade = {
  test: (v: number) => Number.isSafeInteger(v) && v >= 0,
  words: "non-negative integer grades",
};

/**
 * Checks a decoded state (`fromJSON`, `plumbline merge`): three growable Float64Array buffers of
 * equal length holding integer query ids, finite scores and 0/1 targets (non-negative integer
 * grades when `graded`), none equal to `ignoreIndex`.
 */
export function validateRetrievalState(
  id: string,
  state: unknown,
  graded: boolean,
  ignoreIndex: number | null,
): asserts state is RetrievalState {
  checkState(id, state, {
    indexes: field.growable(Float64Array, queryId),
    preds: field.growable(Float64Array, "finite"),
    target: field.growable(Float64Array, graded ? grade : "binary"),
  });
  const s = state as RetrievalState;
  stateInvariant(
    id,
    s.indexes.length === s.preds.length && s.preds.length === s.target.length,
    `state.indexes, state.preds and state.target must have the same length, got ${s.indexes.length}, ${s.preds.length} and ${s.target.length}`,
  );
  if (ignoreIndex !== null) {
    const at = filled(s.target).indexOf(ignoreIndex);
    stateInvariant(id, at < 0, `state.target holds the ignored value ${ignoreIndex} at index ${at}`);
  }
}

/** The hint added to errors that a swap of the three arrays would cause. */
const ORDER_HINT = "(the arguments are (preds, target, indexes), as torchmetrics)";

/**
 * Validates a batch and appends it. Nothing is appended unless the whole batch is valid.
 * `indexes` must be integers, `preds` finite, `target` 0/1 (binary) or non-negative integer
 * grades (graded).
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
  let preds = toFloat64(predsIn, fn, "preds");
  let target = toFloat64(targetIn, fn, "target");
  let indexes = toFloat64(indexesIn, fn, "indexes");
  if (indexes.length !== preds.length || preds.length !== target.length) {
    fail(
      "shape_mismatch",
      `${fn}: \`preds\`, \`target\` and \`indexes\` must have the same length, got ${preds.length}, ${target.length} and ${indexes.length}`,
    );
  }
  if (options.ignoreIndex !== null) {
    const keep: number[] = [];
    for (let i = 0; i < target.length; i++) if (target[i] !== options.ignoreIndex) keep.push(i);
    if (keep.length !== target.length) {
      const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]!);
      indexes = pick(indexes);
      preds = pick(preds);
      target = pick(target);
    }
  }
  for (let i = 0; i < indexes.length; i++) {
    const q = indexes[i]!;
    if (!Number.isSafeInteger(q)) {
      fail(
        "invalid_value",
        `${fn}: \`indexes\` must contain integer query ids, got ${describeValue(q)} at index ${i} ${ORDER_HINT}`,
      );
    }
    const p = preds[i]!;
    if (!Number.isFinite(p)) {
      fail("invalid_value", `${fn}: \`preds\` must be finite, got ${describeValue(p)} at index ${i}`);
    }
    const t = target[i]!;
    if (graded) {
      if (!(Number.isSafeInteger(t) && t >= 0)) {
        fail(
          "invalid_value",
          `${fn}: \`target\` must contain non-negative integer relevance grades, got ${describeValue(t)} at index ${i} ${ORDER_HINT}`,
        );
      }
    } else if (t !== 0 && t !== 1) {
      fail(
        "invalid_value",
        `${fn}: \`target\` must contain only 0 and 1, got ${describeValue(t)} at index ${i} ${ORDER_HINT}`,
      );
    }
  }
  assertAllocation(
    fn,
    `a retrieval state of ${state.preds.length + preds.length} documents`,
    2 * 24 * (state.preds.length + preds.length),
  );
  append(state.preds, preds);
  append(state.target, target);
  append(state.indexes, indexes);
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

/**
 * Ranks one query's m documents into `scratch.scores/target[0..m)`: score descending, equal
 * scores in input order (`"torchmetrics"`, `"average"`) or by gain (descending for
 * `"optimistic"`, ascending for `"pessimistic"`). Instead of a comparator sort it sorts a copy of
 * the scores natively, then places each document, in input order, at the first free slot of
 * its score's run (found by binary search): stable, O(m log m) with no closures.
 */
export function rankQuery(
  preds: Float64Array,
  target: Float64Array,
  order: Uint32Array | null,
  from: number,
  m: number,
  ties: TieHandling,
  scratch: Scratch,
): void {
  ensureScratch(scratch, m);
  const sorted = scratch.sorted.subarray(0, m);
  const outScores = scratch.scores;
  const outTarget = scratch.target;
  if (m <= PACK_LIMIT && packFloat32Keys(preds, order, from, m, sorted)) {
    // Fast path (every score is a float32): one native sort of exact integer keys
    // (sortable float32 bits * 2^21 + reversed input position) gives score descending, input order within ties.
    sorted.sort();
    for (let position = 0; position < m; position++) {
      const key = sorted[m - 1 - position]!;
      const j = PACK_LIMIT - 1 - (key % PACK_LIMIT);
      const doc = order ? order[from + j]! : from + j;
      outScores[position] = preds[doc]!;
      outTarget[position] = target[doc]!;
    }
  } else {
    placeBySearch(preds, target, order, from, m, scratch);
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
function packFloat32Keys(
  preds: Float64Array,
  order: Uint32Array | null,
  from: number,
  m: number,
  keys: Float64Array,
): boolean {
  for (let j = 0; j < m; j++) {
    const score = preds[order ? order[from + j]! : from + j]!;
    f32[0] = score;
    if (f32[0] !== score) return false;
    const bits = score === 0 ? 0 : u32[0]!; // -0 and +0 are one score
    const sortable = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
    keys[j] = sortable * PACK_LIMIT + (PACK_LIMIT - 1 - j);
  }
  return true;
}

/** General path: sort a copy of the scores, place each document at the first free slot of its score's run. */
function placeBySearch(
  preds: Float64Array,
  target: Float64Array,
  order: Uint32Array | null,
  from: number,
  m: number,
  scratch: Scratch,
): void {
  const sorted = scratch.sorted.subarray(0, m);
  for (let j = 0; j < m; j++) sorted[j] = preds[order ? order[from + j]! : from + j]!;
  sorted.sort();
  const slot = scratch.slot;
  slot.fill(0, 0, m);
  const outScores = scratch.scores;
  const outTarget = scratch.target;
  for (let j = 0; j < m; j++) {
    const doc = order ? order[from + j]! : from + j;
    const score = preds[doc]!;
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
    outTarget[position] = target[doc]!;
  }
}

function isNonDecreasing(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) return false;
  return true;
}

/** What to do with one query before its kernel runs: its value, or undefined to run the kernel. */
export type EmptyCheck = (query: RankedQuery) => boolean;

/** True when the query has no relevant document (the default empty check). */
export function noRelevant(query: RankedQuery): boolean {
  for (let i = query.start; i < query.end; i++) if (query.target[i]! > 0) return false;
  return true;
}

/** Sum of the query's targets: its number of relevant documents (binary relevance). */
export function relevantCount(query: RankedQuery): number {
  let relevant = 0;
  for (let i = query.start; i < query.end; i++) relevant += query.target[i]!;
  return relevant;
}

/** True when the query has no non-relevant document (fall-out's empty check). */
export function noIrrelevant(query: RankedQuery): boolean {
  for (let i = query.start; i < query.end; i++) if (query.target[i] === 0) return false;
  return true;
}

/**
 * The value of every query in order of query id (NaN for a skipped query), plus the query ids.
 * `groupTies` asks for tie groups of equal scores (otherwise every document is its own group).
 */
export function perQueryValues(
  state: RetrievalState,
  options: ResolvedRetrievalOptions,
  fn: string,
  kernel: QueryKernel,
  groupTies: boolean,
  isEmpty: EmptyCheck = noRelevant,
): { queries: Float64Array; values: Float64Array } {
  const n = state.preds.length;
  if (n === 0) fail("empty_input", `${fn}: no documents were given (call update first)`);
  assertAllocation(fn, `ranking ${n} documents`, 32 * n);
  const indexes = filled(state.indexes);
  const preds = filled(state.preds);
  const target = filled(state.target);
  // Group by query id: a stable radix argsort unless the ids already arrive in order.
  const order = isNonDecreasing(indexes) ? null : argsort(indexes, false);
  let ids = indexes;
  if (order) {
    ids = new Float64Array(n);
    for (let i = 0; i < n; i++) ids[i] = indexes[order[i]!]!;
  }
  let queryCount = 1;
  for (let i = 1; i < n; i++) if (ids[i] !== ids[i - 1]) queryCount++;
  const queries = new Float64Array(queryCount);
  const values = new Float64Array(queryCount);
  const scratch = newScratch();
  let q = 0;
  let start = 0;
  while (start < n) {
    const id = ids[start]!;
    let end = start + 1;
    while (end < n && ids[end] === id) end++;
    const m = end - start;
    rankQuery(preds, target, order, start, m, options.ties, scratch);
    const groupEnd = scratch.groupEnd;
    let groups = 0;
    if (groupTies) {
      for (let i = 1; i <= m; i++) {
        if (i === m || scratch.scores[i] !== scratch.scores[i - 1]) groupEnd[groups++] = i;
      }
    } else {
      for (let i = 1; i <= m; i++) groupEnd[groups++] = i;
    }
    const query: RankedQuery = {
      scores: scratch.scores,
      target: scratch.target,
      start: 0,
      end: m,
      groupEnd,
      groups,
    };
    queries[q] = id;
    if (isEmpty(query)) {
      switch (options.emptyTargetAction) {
        case "error":
          fail(
            "invalid_value",
            `${fn}: query ${id} has no ${isEmpty === noIrrelevant ? "non-relevant" : "relevant"} document (emptyTargetAction "error")`,
          );
          break;
        case "neg":
          values[q] = 0;
          break;
        case "pos":
          values[q] = 1;
          break;
        default:
          values[q] = Number.NaN;
      }
    } else {
      values[q] = kernel(query, options.topK);
    }
    q++;
    start = end;
  }
  return { queries, values };
}

/** Combines per-query values (NaN = skipped); all skipped gives 0, as torchmetrics. */
export function aggregate(values: Float64Array, aggregation: Aggregation): number {
  const kept: number[] = [];
  for (const v of values) if (!Number.isNaN(v)) kept.push(v);
  if (kept.length === 0) return 0;
  switch (aggregation) {
    case "mean": {
      let sum = 0;
      let c = 0;
      for (const v of kept) {
        const t = sum + v;
        c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
        sum = t;
      }
      return (sum + c) / kept.length;
    }
    case "median": {
      // torch.median: the lower of the two middle values for an even count.
      kept.sort((a, b) => a - b);
      return kept[(kept.length - 1) >> 1]!;
    }
    case "min":
      return Math.min(...kept);
    default:
      return Math.max(...kept);
  }
}

/** Builds a grouped retrieval MetricDef from a kernel. */
export function retrievalDef(
  meta: CatalogEntry,
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
      const { values } = perQueryValues(state, resolved, fn, kernel, groupTies, config.isEmpty);
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
