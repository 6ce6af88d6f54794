/**
 * A mergeable quantile sketch with a deterministic rank-error bound: the compactor hierarchy of
 * Manku-Rajagopalan-Lindsay (1998) and Karnin-Lang-Liberty ("Optimal quantile approximation in
 * streams", FOCS 2016) with equal level capacities `k` and alternating (not random) offsets, so
 * the same input in the same order always gives the same sketch.
 *
 * Level h holds values of weight 2^h. When a level reaches `k` values it is sorted and every
 * other value (odd or even positions, alternating per level) moves up with twice the weight.
 *
 * Bound (every rank at once, whatever the input order, after any tree of merges): a compaction at
 * level h moves the rank of any value by at most 2^h; level h receives at most n / 2^h values, so
 * it compacts at most n / (k 2^h) times; only levels h <= log2(n / k) ever compact. Hence every
 * estimated rank is within n (floor(log2(n / k)) + 1) / k of the true one. The quantile returned
 * is a stored value whose estimated rank is within one stored weight (at most 2^(top level) <=
 * 2n / k) of q n, so its true rank lies within
 *
 *     n (floor(log2(n / k)) + 3) / k   of q n          (n >= k; exact while n < k)
 *
 * ({@link sketchRankError}, as a fraction of n). k = 4096 (the default): 0.34% of n at 1e7
 * values, 0.42% at 1e8, in at most 16 k (log2(n / k) + 2) bytes (about 1 MB at 1e8). While
 * n < k no level has compacted and the quantile is exact (numpy's linear interpolation).
 */
import { describeValue, fail } from "./errors.js";

/** The sketch's state: JSON-safe through the state codec, merged by {@link mergeSketch}. */
export interface QuantileSketch {
  /** Level capacity (even, >= 8). */
  k: number;
  /** Values folded in (the sum of the levels' weights). */
  n: number;
  /** levels[h]: values of weight 2^h (level 0 in arrival order, others sorted). */
  levels: Float64Array[];
  /** Offset of each level's next compaction (0 or 1), flipped after each. */
  offsets: number[];
}

/** Default level capacity. */
export const DEFAULT_SKETCH_K = 4096;

/** Largest level capacity accepted (a 2^24-value level is 128 MB). */
export const MAX_SKETCH_K = 1 << 24;

/** An empty sketch of level capacity `k` (even, in [8, 2^24]). */
export function createSketch(k = DEFAULT_SKETCH_K): QuantileSketch {
  if (!Number.isInteger(k) || k < 8 || k > MAX_SKETCH_K || k % 2 !== 0)
    fail(
      "invalid_option",
      `quantile sketch: k must be an even integer in [8, ${MAX_SKETCH_K}], got ${describeValue(k)}`,
    );
  return { k, n: 0, levels: [new Float64Array(0)], offsets: [0] };
}

/** Appends `values` to level 0 (amortised: the level grows in place up to k). */
function push(sketch: QuantileSketch, h: number, values: Float64Array): void {
  const level = sketch.levels[h] ?? new Float64Array(0);
  const out = new Float64Array(level.length + values.length);
  out.set(level);
  out.set(values, level.length);
  sketch.levels[h] = out;
  if (sketch.offsets[h] === undefined) sketch.offsets[h] = 0;
}

/** Compacts every level holding k values or more, from the bottom up. */
function compress(sketch: QuantileSketch): void {
  for (let h = 0; h < sketch.levels.length; h++) {
    const level = sketch.levels[h]!;
    if (level.length < sketch.k) continue;
    const sorted = level.slice().sort();
    const even = sorted.length - (sorted.length % 2);
    const offset = sketch.offsets[h]!;
    sketch.offsets[h] = 1 - offset;
    const up = new Float64Array(even / 2);
    for (let i = 0; i < up.length; i++) up[i] = sorted[2 * i + offset]!;
    // An odd value out stays at this level.
    sketch.levels[h] = sorted.length % 2 === 1 ? sorted.subarray(even).slice() : new Float64Array(0);
    push(sketch, h + 1, up);
    sketch.levels[h + 1] = sketch.levels[h + 1]!.slice().sort();
  }
}

/** Folds finite `values` in (the caller checks them). */
export function updateSketch(sketch: QuantileSketch, values: ArrayLike<number>): void {
  const k = sketch.k;
  for (let start = 0; start < values.length; ) {
    const room = Math.max(1, k - sketch.levels[0]!.length);
    const part = Float64Array.from(
      { length: Math.min(room, values.length - start) },
      (_, i) => values[start + i]!,
    );
    push(sketch, 0, part);
    sketch.n += part.length;
    start += part.length;
    if (sketch.levels[0]!.length >= k) compress(sketch);
  }
}

/** A new sketch holding both (the same k); neither argument changes. */
export function mergeSketch(a: QuantileSketch, b: QuantileSketch): QuantileSketch {
  if (a.k !== b.k) fail("invalid_state", `quantile sketch: cannot merge sketches of k ${a.k} and ${b.k}`);
  const out: QuantileSketch = {
    k: a.k,
    n: a.n + b.n,
    levels: [],
    offsets: [],
  };
  const height = Math.max(a.levels.length, b.levels.length);
  for (let h = 0; h < height; h++) {
    const x = a.levels[h] ?? new Float64Array(0);
    const y = b.levels[h] ?? new Float64Array(0);
    const level = new Float64Array(x.length + y.length);
    level.set(x);
    level.set(y, x.length);
    out.levels.push(h === 0 ? level : level.sort());
    out.offsets.push(((a.offsets[h] ?? 0) + (b.offsets[h] ?? 0)) % 2);
  }
  compress(out);
  return out;
}

/** The rank-error bound of a sketch of `n` values and capacity `k`, as a fraction of n. */
export function sketchRankError(n: number, k: number): number {
  if (n < k) return 0;
  return (Math.floor(Math.log2(n / k)) + 3) / k;
}

/**
 * The q-quantile (q in [0, 1]) of the values folded in: exact (numpy's linear interpolation)
 * while n < k, else the smallest stored value whose cumulative weight reaches q n (its rank is
 * within `sketchRankError(n, k) * n` of q n). NaN for an empty sketch.
 */
export function sketchQuantile(sketch: QuantileSketch, q: number): number {
  if (sketch.n === 0) return Number.NaN;
  if (sketch.levels.length === 1 || sketch.levels.slice(1).every((l) => l.length === 0)) {
    const sorted = sketch.levels[0]!.slice().sort();
    const position = q * (sorted.length - 1);
    const lo = Math.floor(position);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo]! + (position - lo) * (sorted[hi]! - sorted[lo]!);
  }
  const entries: [number, number][] = [];
  sketch.levels.forEach((level, h) => {
    for (const v of level) entries.push([v, 2 ** h]);
  });
  entries.sort((x, y) => x[0] - y[0]);
  const target = q * sketch.n;
  let cumulative = 0;
  for (const [v, w] of entries) {
    cumulative += w;
    if (cumulative >= target) return v;
  }
  return entries[entries.length - 1]![0];
}

/**
 * Checks a decoded sketch so that every use of it ends: k in range, at most 64 levels each under
 * 2k finite values, offsets 0/1, and n equal to the levels' total weight.
 */
export function checkSketch(id: string, value: unknown): asserts value is QuantileSketch {
  const s = value as Partial<QuantileSketch> | null;
  const bad = (what: string) => fail("invalid_state", `${id}: quantile sketch ${what}`);
  if (s === null || typeof s !== "object") return bad(`must be an object, got ${describeValue(value)}`);
  if (!Number.isInteger(s.k) || s.k! < 8 || s.k! > MAX_SKETCH_K || s.k! % 2 !== 0)
    bad(`k must be an even integer in [8, ${MAX_SKETCH_K}], got ${describeValue(s.k)}`);
  if (!Array.isArray(s.levels) || s.levels.length === 0 || s.levels.length > 64)
    bad("levels must be 1 to 64 arrays");
  if (
    !Array.isArray(s.offsets) ||
    s.offsets.length !== s.levels!.length ||
    !s.offsets.every((o) => o === 0 || o === 1)
  )
    bad("offsets must be one 0 or 1 per level");
  let weight = 0;
  s.levels!.forEach((level, h) => {
    if (!(level instanceof Float64Array) || level.length >= 2 * s.k!)
      bad(`level ${h} must be a Float64Array of fewer than ${2 * s.k!} values`);
    for (const v of level) if (!Number.isFinite(v)) bad(`level ${h} holds ${describeValue(v)}`);
    weight += level.length * 2 ** h;
  });
  if (s.n !== weight) bad(`n must equal the levels' total weight ${weight}, got ${describeValue(s.n)}`);
}
