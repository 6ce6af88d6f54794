/**
 * Exact binary AUROC computed on several threads by splitting the score range, not the rows.
 *
 * The serial compute (classification/curve-state.ts: `aurocOf` over `walkBuckets`) visits every
 * distinct score in descending order with the cumulative counts (tps, fps) and sums
 * `area += (fps - prevF) * (tps + prevT)`; AUROC = area / 2 / (P N). Without weights every term
 * is an integer and every partial sum is at most the final area <= 2 P N, so while
 * 2 P N <= 2^53 the float64 sum is the exact integer, in any order and any grouping.
 *
 * The steps, each on every thread at once:
 * 1. each shard's thread rounds its scores to float32 and counts their keys' high digits
 *    ({@link shardKeys});
 * 2. the counts merged give every bucket's place in one shared array, and each shard is scattered
 *    into its place ({@link scatterShard}, walkBuckets' layout: `low digit << 1 | label` and the
 *    float64 rest);
 * 3. the 65536 high digits are cut into one range per thread holding about as many scores
 *    ({@link splitRanges}), and each thread walks its range ({@link walkRange}: its counts p, q
 *    and area a, from zero). The ranges combine in descending order, each shifted by the
 *    positives T above it:
 *
 *        area = sum_r ( a_r + 2 T_r q_r )    (each term of a_r gains 2 T_r times its fps step)
 *
 * An exact integer again, so the value is the serial compute's bit for bit. Past 2 P N > 2^53
 * the serial sum rounds in its visiting order: one thread then walks all digits in that order,
 * the serial compute's own arithmetic ({@link rangedAuroc}).
 */
import { filled } from "../core/buffer.js";
import { assertAllocation } from "../core/limits.js";
import type { AnyMetricDef } from "../metric.js";
import {
  type ExactBinaryCurveState,
  highDigitStarts,
  scatterKeys,
  scatterRests,
  walkBuckets,
} from "../metrics/classification/curve-state.js";
import { transferables } from "./transfer.js";

/** The high digits of the float32 keys: 2^16 buckets. */
const DIGITS = 65536;

/**
 * One shard's scores as float32 key bits with their high digits counted (step 1). The arrays own
 * their whole buffers, so they move between threads without a copy.
 */
export interface ShardKeys {
  readonly kind: "auroc-keys";
  /** Float32 bits of each score (the key's source). */
  readonly bits: Uint32Array;
  /** 0/1 target of each sample (may hold spare capacity past `n`). */
  readonly target: Uint8Array;
  /** The float64 scores when one is not a float32 value (spare capacity past `n`), else null. */
  readonly scores: Float64Array | null;
  /** Where each high-digit bucket of this shard starts (65537 prefix sums). */
  readonly start: Uint32Array;
  /** Samples and positives. */
  readonly n: number;
  readonly P: number;
}

/** A range of high digits, `lo` to `hi` inclusive (empty when hi < lo). */
export interface DigitRange {
  readonly lo: number;
  readonly hi: number;
}

/** What a range's walk gives: its positives, its negatives and its area counted from zero. */
export interface RangeArea {
  readonly P: number;
  readonly N: number;
  readonly area: number;
}

/** The shared arrays every shard is scattered into: walkBuckets' `packed` and `rest`. */
interface Layout {
  /** Where each high-digit bucket starts, over all shards (65537 prefix sums). */
  readonly start: Uint32Array;
  readonly packed: Uint32Array;
  readonly rest: Float64Array | null;
}

/** A step of a pool thread: scatter one shard (2) or walk one range (3). */
export type AurocTask =
  | {
      readonly step: "scatter";
      readonly keys: ShardKeys;
      /** Where this shard's part of each bucket starts in the shared arrays. */
      readonly at: Uint32Array;
      readonly packed: Uint32Array;
      readonly rest: Float64Array | null;
    }
  | { readonly step: "walk"; readonly layout: Layout; readonly range: DigitRange };

/** True for a def whose compute {@link rangedAuroc} gives: binary AUROC, exact, over the whole curve. */
export function isRangedAurocDef(def: AnyMetricDef): boolean {
  if (def.id !== "classification/binary_auroc") return false;
  const o = (def.options ?? {}) as { thresholds?: unknown; maxFpr?: unknown };
  return o.thresholds === undefined && (o.maxFpr === undefined || o.maxFpr === null || o.maxFpr === 1);
}

/** An exact unweighted binary curve state's keys (step 1; {@link ShardKeys}); another state as it is. */
export function shardKeys(state: unknown): unknown {
  const s = state as ExactBinaryCurveState;
  if (s?.kind !== "exact" || s.weights !== null) return state;
  const n = s.target.length;
  const scores = filled(s.scores);
  const f32 = scores instanceof Float32Array ? scores : new Float32Array(scores);
  let wide = false;
  if (f32 !== scores) for (let i = 0; i < n && !wide; i++) wide = f32[i] !== scores[i];
  // The bits own their whole buffer (to be moved): a float32 state's is cut to its length.
  const whole = f32.byteOffset === 0 && f32.buffer.byteLength === 4 * n;
  const bits = new Uint32Array(whole ? (f32.buffer as ArrayBuffer) : f32.slice().buffer);
  const { start, P } = highDigitStarts(bits, s.target.data);
  return {
    kind: "auroc-keys",
    bits,
    target: s.target.data,
    scores: wide ? (s.scores.data as Float64Array) : null,
    start,
    n,
    P,
  } satisfies ShardKeys;
}

/** True for the keys {@link shardKeys} made. */
export function isShardKeys(value: unknown): value is ShardKeys {
  return (value as Partial<ShardKeys> | null)?.kind === "auroc-keys";
}

/** Step 2 for one shard: its samples scattered into their buckets' places `at` of the shared arrays. */
function scatterShard(
  keys: ShardKeys,
  at: Uint32Array,
  packed: Uint32Array,
  rest: Float64Array | null,
): void {
  scatterKeys(keys.bits, keys.target, at, packed);
  // A float32 shard's rests are 0, as the fresh shared array holds.
  if (rest && keys.scores) scatterRests(keys.bits, at, keys.scores, rest, undefined, undefined);
}

/** Step 3 for one range: the walk of its digits, summing as the serial compute does. */
function walkRange({ start, packed, rest }: Layout, range: DigitRange): RangeArea {
  // The buckets outside the range are empty.
  const first = start[range.lo]!;
  const end = start[Math.max(range.lo, range.hi + 1)]!;
  const bounded = start.map((v) => Math.min(Math.max(v, first), end));
  let area = 0;
  let prevT = 0;
  let prevF = 0;
  walkBuckets(
    { start: bounded, packed, rest, weight: undefined },
    0,
    (_t, tps, fps) => {
      // aurocOf's term (classification/curve-state.ts).
      area += (fps - prevF) * (tps + prevT);
      prevT = tps;
      prevF = fps;
    },
    false,
  );
  return { P: prevT, N: prevF, area };
}

/** Runs a pool thread's step (the worker's `auroc` task). */
export function runAurocTask(task: AurocTask): RangeArea | null {
  if (task.step === "walk") return walkRange(task.layout, task.range);
  scatterShard(task.keys, task.at, task.packed, task.rest);
  return null;
}

/**
 * `count` ranges of high digits, the highest first, that together cover all 65536 and hold about
 * `n / count` samples each (`start`: the buckets' prefix sums; a range may be empty).
 */
export function splitRanges(start: Uint32Array, count: number): DigitRange[] {
  const n = start[DIGITS]!;
  const ranges: DigitRange[] = [];
  let hi = DIGITS - 1;
  for (let h = DIGITS - 1; h >= 0 && ranges.length < count - 1; h--) {
    // Range r ends once the samples from the top reach (r + 1) / count of all.
    if ((n - start[h]!) * count >= (ranges.length + 1) * n) {
      ranges.push({ lo: h, hi });
      hi = h - 1;
    }
  }
  ranges.push({ lo: 0, hi });
  while (ranges.length < count) ranges.push({ lo: 0, hi: -1 });
  return ranges;
}

/** The largest area the float64 sum holds exactly: every integer up to 2^53. */
const EXACT_AREA = 2 ** 53;

/** Runs a step on a pool thread, moving `transfer` with it. */
export type RunAurocTask = (task: AurocTask, transfer: ArrayBuffer[]) => Promise<RangeArea | null>;

/**
 * The value of `def` ({@link isRangedAurocDef}) on the samples of the shards' keys, computed by
 * this thread and the pool (`threads` in all; `run` sends a step to the pool): area / 2 / (P N),
 * as `aurocOf`. With one class missing or no sample, the def's own compute of a state holding
 * that class alone (or nothing) answers, so its convention holds. The keys' buffers are moved
 * away (their arrays left empty).
 */
export async function rangedAuroc(
  def: AnyMetricDef,
  shards: readonly ShardKeys[],
  threads: number,
  run: RunAurocTask,
): Promise<number> {
  const { P, N, area } = await rangedArea(shards, threads, run);
  if (P > 0 && N > 0) return area / 2 / (P * N);
  const state = def.init() as ExactBinaryCurveState;
  if (P + N > 0) {
    state.scores = { data: Float32Array.of(0), length: 1 };
    state.target = { data: Uint8Array.of(P > 0 ? 1 : 0), length: 1 };
  }
  return def.compute(state) as number;
}

/** Steps 2 and 3 (see the module's comment): the area and the totals. */
async function rangedArea(
  shards: readonly ShardKeys[],
  threads: number,
  run: RunAurocTask,
): Promise<RangeArea> {
  const n = shards.reduce((sum, s) => sum + s.n, 0);
  const P = shards.reduce((sum, s) => sum + s.P, 0);
  const N = n - P;
  // Each shard's part of bucket h starts after the lower buckets and the earlier shards' parts.
  const start = new Uint32Array(DIGITS + 1);
  const at = shards.map(() => new Uint32Array(DIGITS + 1));
  for (let h = 0, total = 0; h < DIGITS; h++) {
    start[h] = total;
    for (let k = 0; k < shards.length; k++) {
      at[k]![h] = total;
      total += shards[k]!.start[h + 1]! - shards[k]!.start[h]!;
    }
    start[h + 1] = total;
  }
  const wide = shards.some((s) => s.scores !== null);
  // The budget holds each shared array, as it holds the merged state's buffers they replace.
  assertAllocation(
    "binaryAuroc",
    `the ranges' shared keys of ${n} scores`,
    (wide ? 8 : 4) * n,
    "invalid_value",
  );
  const packed = new Uint32Array(new SharedArrayBuffer(4 * n));
  const rest = wide ? new Float64Array(new SharedArrayBuffer(8 * n)) : null;
  const layout: Layout = { start, packed, rest };
  // Shards are scattered here and on the pool (their arrays moved there).
  await onAllThreads(
    shards.map((keys, k) => ({
      task: { step: "scatter", keys, at: at[k]!, packed, rest },
      transfer: transferables([keys.bits, keys.target, keys.scores]),
    })),
    threads,
    run,
  );
  if (threads <= 1 || 2 * P * N > EXACT_AREA) return walkRange(layout, { lo: 0, hi: DIGITS - 1 });
  const parts = (await onAllThreads(
    splitRanges(start, threads).map((range) => ({ task: { step: "walk", layout, range }, transfer: [] })),
    threads,
    run,
  )) as RangeArea[];
  let area = 0;
  let above = 0;
  for (const part of parts) {
    area += part.area + 2 * above * part.N;
    above += part.P;
  }
  return { P, N, area };
}

/**
 * Runs `steps` on `threads` threads: every `threads`-th from the first on this thread, the others
 * on the pool (sent first, so they run meanwhile, each with its `transfer`); their results in
 * order. Every step sent is settled before this returns or throws.
 */
async function onAllThreads(
  steps: readonly { task: AurocTask; transfer: ArrayBuffer[] }[],
  threads: number,
  run: RunAurocTask,
): Promise<(RangeArea | null)[]> {
  const here = (k: number) => k % threads === 0;
  const sent = steps.map(({ task, transfer }, k) => (here(k) ? undefined : run(task, transfer)));
  const others = sent.filter((p) => p !== undefined);
  try {
    const local = steps.map(({ task }, k) => (here(k) ? runAurocTask(task) : null));
    return await Promise.all(sent.map((p, k) => p ?? local[k]!));
  } finally {
    await Promise.allSettled(others);
  }
}
