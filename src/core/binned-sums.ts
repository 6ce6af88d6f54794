/**
 * Reproducible binned sums (J. Demmel and H. D. Nguyen, "Fast reproducible floating-point
 * summation", ARITH 2013; the "indexed" sums of ReproBLAS), for sums of many cells that exact
 * limbs (`core/exact-cells.ts`) would make too large: a FID state has d (d + 1) / 2 = 2.1 million
 * product sums for 2048 features, and one window shared by all of them spans every exponent.
 *
 * Levels: level L holds integer multiples of 2^(L W), W = {@link FOLD_BITS}. A sum whose terms
 * are all below 2^(T W + W - 2) in magnitude ({@link topLevel} of their bound) keeps
 * {@link FOLDS} folds, at levels T, T - 1, T - 2. Adding a term x deposits its part at each
 * level in turn, `q = round(x, 2^(L W))` (nearest, ties to even, by `(x + 1.5 2^(L W + 52)) -
 * 1.5 2^(L W + 52)`) and goes on with the exact rest x - q; the last fold takes the rest rounded
 * at its level. So each fold is the exact sum of one part per term, and the three folds are
 * `round(x, 2^((T - 2) W))` summed over the terms without any other rounding: the same numbers
 * for any split of the terms into batches and any order of merging.
 *
 * When a larger term raises the top level to T + r, folds move up r places and the lowest r are
 * dropped: their parts and the ones kept add up, term by term, to `round(x, 2^((T + r - 2) W))`
 * (the parts above are multiples of 2^W times the level below, so a tie still rounds to the same
 * even), the sum the new level would have taken from the start. A state's top level therefore
 * follows from the largest bound only, never from the order of the terms.
 *
 * Error: each term is rounded 2W - 2 bits or more below its sum's bound, so a sum of n terms is
 * within n 2^(-2W + 1) of the bound (64 bits below it). Capacity: each part is below
 * 2^((L + 1) W - 1), two deposits per sample, so fewer than 2^(53 - W) = {@link MAX_FOLD_SAMPLES}
 * samples keep every fold exact. Levels below 2^-1074 hold nothing: every double is a multiple
 * of 2^-1074, so the fold at that level takes the whole rest.
 */
import { twoProductLow } from "./exact-sum.js";

/** Bits between two levels. */
export const FOLD_BITS = 32;
/** Folds per sum: the top level and the two below it. */
export const FOLDS = 3;
/** Samples (two deposits each) a sum takes while every fold stays exact: below 2^(53 - FOLD_BITS). */
export const MAX_FOLD_SAMPLES = 2 ** (53 - FOLD_BITS) - 1;
/** The highest level whose unit is below the smallest double's (2^-1074): it and the levels below round at 2^-1074. */
const BOTTOM_LEVEL = Math.floor(-1074 / FOLD_BITS);

/** The top level of a sum whose terms are all below 2^boundExp in magnitude. */
export function topLevel(boundExp: number): number {
  return Math.ceil((boundExp + 2 - FOLD_BITS) / FOLD_BITS);
}

/** The binary exponent of level `level`'s unit: 2^-1074 at the bottom. */
export function levelUnit(level: number): number {
  return level <= BOTTOM_LEVEL ? -1074 : level * FOLD_BITS;
}

/** The highest level a sum can reach (its unit 2^960; features below 2^256 stay far below it). */
const TOP_LEVEL = 30;
/** Levels from here up have their own table entries; lower ones hold nothing and share the first. */
const MIN_LEVEL = BOTTOM_LEVEL - 2 * FOLDS;
/** A level's row in the tables below. */
const row = (level: number): number => Math.max(level, MIN_LEVEL) - MIN_LEVEL;
const levels = Array.from({ length: TOP_LEVEL - MIN_LEVEL + 1 }, (_, k) => MIN_LEVEL + k);
/** `1.5 · 2^(levelUnit(L) + 52)` per level. */
const SPLITTERS = Float64Array.from(levels, (level) => 1.5 * 2 ** (levelUnit(level) + 52));
/** `2^((L + 1) W)`, the bound of one sample's parts at level L (0 where it underflows: nothing fits). */
const CAPACITY = Float64Array.from(levels, (level) => 2 ** ((level + 1) * FOLD_BITS));
/** Two factors whose product is `2^-levelUnit(L)` (each representable, where 2^1074 is not). */
const INVERSE_UNIT = levels.map((level) => {
  const half = Math.trunc(-levelUnit(level) / 2);
  return [2 ** half, 2 ** (-levelUnit(level) - half)] as const;
});

/** The constant `1.5 · 2^(unit + 52)` whose addition and subtraction round to level `level` (at most {@link TOP_LEVEL}). */
export function levelSplitter(level: number): number {
  return SPLITTERS[row(level)]!;
}

/**
 * Moves the {@link FOLDS} folds at `folds[at ..]` up `by` levels (a top level raised by `by`):
 * fold k goes to k + by, the lowest `by` are dropped, the top ones start at 0.
 */
export function raiseFolds(folds: Float64Array, at: number, by: number): void {
  if (by <= 0) return;
  for (let k = FOLDS - 1; k >= 0; k--) folds[at + k] = k >= by ? folds[at + k - by]! : 0;
}

/** Adds the folds `from[src ..]`, at top level `fromTop`, to `to[dst ..]` at top level `toTop` >= `fromTop`. */
export function addFolds(
  to: Float64Array,
  dst: number,
  toTop: number,
  from: Float64Array,
  src: number,
  fromTop: number,
): void {
  const by = toTop - fromTop;
  for (let k = by; k < FOLDS; k++) to[dst + k]! += from[src + k - by]!;
}

/**
 * Whether `folds[at ..]` at top level `top` could hold the sums of `samples` samples: each fold
 * a multiple of its level's unit, below `samples · 2^((L + 1) W)` in magnitude.
 */
export function foldsFit(folds: Float64Array, at: number, top: number, samples: number): boolean {
  for (let k = 0; k < FOLDS; k++) {
    const f = folds[at + k]!;
    if (f === 0) continue;
    const r = row(top - k);
    if (!(Math.abs(f) <= samples * CAPACITY[r]!)) return false;
    const [low, high] = INVERSE_UNIT[r]!;
    if (!Number.isInteger(f * low * high)) return false;
  }
  return true;
}

/** The rounding error of `a + b` (Knuth's TwoSum): `a + b = (a + b rounded) + twoSumLow(a, b, a + b)` exactly. */
function twoSumLow(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/**
 * The exact sum of the folds at `folds[at ..]` as a double-double written to `out[o]` (high)
 * and `out[o + 1]` (low), within 2^-104 of it relative: two error-free sums and one rounding.
 */
export function foldsToDoubleDouble(folds: Float64Array, at: number, out: Float64Array, o: number): void {
  const a = folds[at]!;
  const b = folds[at + 1]!;
  const s = a + b;
  const t = twoSumLow(a, b, s) + folds[at + 2]!;
  const hi = s + t;
  out[o] = hi;
  out[o + 1] = twoSumLow(s, t, hi);
}

/** The double-double at `v[i]` (high) and `v[i + 1]` (low) over the positive integer `n` (below 2^53), rounded once. */
export function ddQuotient(v: Float64Array, i: number, n: number): number {
  const q1 = v[i]! / n;
  const rh = q1 * n;
  return q1 + (v[i]! - rh - twoProductLow(q1, n, rh) + v[i + 1]!) / n;
}

/**
 * `a - b · c / n` in double-double arithmetic, rounded once: `a`, `b`, `c` double-doubles
 * (high and low at `v[ia]`, `v[ib]`, `v[ic]` and the next index), `n` a positive integer below
 * 2^53. Within about 2^-100 of the larger of |a| and |b c / n|, relative.
 */
export function ddSubProductOverN(v: Float64Array, ia: number, ib: number, ic: number, n: number): number {
  const bh = v[ib]!;
  const ch = v[ic]!;
  const ph = bh * ch;
  const pl = twoProductLow(bh, ch, ph) + (bh * v[ic + 1]! + v[ib + 1]! * ch);
  // (ph + pl) / n: the quotient's first digit, then the exact remainder of ph over it.
  const q1 = ph / n;
  const rh = q1 * n;
  const q2 = (ph - rh - twoProductLow(q1, n, rh) + pl) / n;
  const ah = v[ia]!;
  const s = ah - q1;
  return s + (twoSumLow(ah, -q1, s) + v[ia + 1]! - q2);
}
