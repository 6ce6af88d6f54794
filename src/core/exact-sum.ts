/**
 * Exact, mergeable sums of float64 terms: a fixed-point superaccumulator over the whole exponent
 * range of float64 values and of their squares and products.
 *
 * A sum is a Float64Array of {@link EXACT_LIMBS} limbs; limb k holds an integer multiple of
 * 2^(32k + EXACT_BASE), so the value is Σ limb_k · 2^(32k + EXACT_BASE), from 2^-2272 (below the
 * last bit of the exact product of two subnormals, 2^-2252) to 2^2272 (above 2^53 products of the
 * largest doubles). In canonical form every limb but the top one is an integer in [0, 2^32) and the top
 * limb is a signed integer: states store that form, so two equal sums are equal arrays.
 *
 * Adding a term places its 53-bit significand into three limbs (no rounding anywhere), so a sum
 * does not depend on how the terms were split into batches nor on the order in which partial sums
 * merge: merged results are bit-identical for any split and merge order. Reading a sum rounds
 * once, to nearest even ({@link exactToNumber}); formulas of several sums (variances,
 * correlations) are evaluated in BigInt and rounded once ({@link bigRatioToNumber},
 * {@link bigSqrtToNumber}), so they neither overflow nor underflow in between.
 *
 * Speed: {@link ExactSum.addRun} keeps two float64 "lanes" centred on the magnitude of the terms
 * (a split by the constant 1.5·2^k, as in Demmel & Nguyen's reproducible summation, but checked
 * to be exact): a term within 2^30 of the lane scale costs five flops, the rest take the exact
 * slow path. The lanes hold at most 4096 terms before they are folded into the limbs.
 *
 * Method: R. M. Neal, "Fast exact summation using small and large superaccumulators" (2015);
 * J. Demmel and H. D. Nguyen, "Fast reproducible floating-point summation" (ARITH 2013).
 */

import { HI_WORD, LO_WORD } from "./endian.js";
import { invalidState, invalidValue } from "./errors.js";
import { type FieldCheck, field } from "./state-check.js";

/** Limbs per exact sum. */
export const EXACT_LIMBS = 142;
/** The binary exponent of limb 0's unit. */
export const EXACT_BASE = -32 * 71;

const TWO32 = 2 ** 32;
const TWO64 = 2 ** 64;
const INV32 = 2 ** -32;
const INV64 = 2 ** -64;
/** 2^0 .. 2^31. */
const POW2 = /* @__PURE__ */ Float64Array.from({ length: 32 }, (_, i) => 2 ** i);
/** Limb additions of magnitude < 2^32 before a carry pass (limbs stay below 2^52). */
const PENDING_LIMIT = 2 ** 19;
/** Terms the lanes hold before they are folded into the limbs (lane headroom 2^12). */
export const LANE_CAPACITY = 4096;
const LANE_HEADROOM_BITS = 12;
/** Veltkamp's splitter for float64 (2^27 + 1): `c = SPLITTER * x; hi = c - (c - x)` keeps x's top 26 bits. */
export const SPLITTER = 134217729;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/** `count` exact sums, all zero. */
export function exactSums(count: number): Float64Array {
  return new Float64Array(count * EXACT_LIMBS);
}

/** The binary exponent e with 2^e <= |x| < 2^(e+1), for finite non-zero x (subnormals included). */
export function exponentOf(x: number): number {
  scratch[0] = x;
  const hi = words[HI_WORD]!;
  const biased = (hi >>> 20) & 0x7ff;
  if (biased !== 0) return biased - 1023;
  const top = hi & 0xfffff;
  return top !== 0 ? -1074 + 32 + (31 - Math.clz32(top)) : -1074 + (31 - Math.clz32(words[LO_WORD]!));
}

/**
 * A working view of one exact sum inside a limb array (`limbs`, sum number `index`): add terms,
 * then {@link finish} to bring the limbs back to canonical form.
 */
export class ExactSum {
  readonly limbs: Float64Array;
  readonly offset: number;
  #pending = 0;
  /** The fast lanes of {@link addRun}. */
  readonly lanes: ExactLanes;

  constructor(limbs: Float64Array, index = 0) {
    this.limbs = limbs;
    this.offset = index * EXACT_LIMBS;
    this.lanes = new ExactLanes(this);
  }

  /** Adds `x · 2^scale` exactly (`x` finite; the product must lie within the limbs' range). */
  addScaled(x: number, scale: number): void {
    if (x === 0) return;
    addToLimbs(this.limbs, this.offset, EXACT_LIMBS, x, scale - EXACT_BASE);
    if (++this.#pending >= PENDING_LIMIT) this.#carry();
  }

  /** Adds the finite double `x` exactly. */
  add(x: number): void {
    this.addScaled(x, 0);
  }

  /** Adds the exact product `a · b · 2^scale` of two finite doubles (no overflow, no underflow). */
  addProduct(a: number, b: number, scale = 0): void {
    if (a === 0 || b === 0) return;
    splitProduct(a, b);
    this.addScaled(exactProduct.high, exactProduct.scale + scale);
    this.addScaled(exactProduct.low, exactProduct.scale + scale);
  }

  /** Adds the exact square `a²` of a finite double. */
  addSquare(a: number): void {
    this.addProduct(a, a);
  }

  /**
   * Adds `values[start..end)`, all finite, through the fast lanes (a non-finite value is
   * `invalid_value`: callers validate first and name the input).
   */
  addRun(values: Float64Array, start: number, end: number): void {
    const lanes = this.lanes;
    let i = start;
    while (i < end) {
      let { high, low } = lanes;
      const { split, floor, ceiling } = lanes;
      const stop = Math.min(end, i + LANE_CAPACITY - lanes.count);
      const from = i;
      // The fast loop: nothing but the split while the terms fit the lanes (contiguous index:
      // a stride variable here costs V8 a factor of five).
      for (; i < stop; i++) {
        const x = values[i]!;
        const a = Math.abs(x);
        if (!(a >= floor && a <= ceiling)) break;
        const h = x + split - split;
        high += h;
        low += x - h;
      }
      lanes.high = high;
      lanes.low = low;
      lanes.count += i - from;
      if (i < stop) {
        if (!lanes.take(values[i]!)) invalidValue(`exact sum: terms must be finite, got ${values[i]}`);
        i++;
      } else if (lanes.count >= LANE_CAPACITY) lanes.fold();
    }
  }

  /** Adds `values[start], values[start + stride], ...` (before `end`) through the lanes. */
  addStrided(values: Float64Array, start: number, end: number, stride: number): void {
    if (stride === 1) {
      this.addRun(values, start, end);
      return;
    }
    const run = new Float64Array(Math.min(LANE_CAPACITY, Math.ceil((end - start) / stride)));
    let filled = 0;
    for (let i = start; i < end; i += stride) {
      run[filled++] = values[i]!;
      if (filled === run.length) {
        this.addRun(run, 0, filled);
        filled = 0;
      }
    }
    this.addRun(run, 0, filled);
  }

  #carry(): void {
    normalizeSum(this.limbs, this.offset);
    this.#pending = 0;
  }

  /** Folds the lanes into the limbs and brings the limbs to canonical form. */
  finish(): void {
    this.lanes.fold();
    this.#carry();
  }
}

/** The last {@link splitProduct}: a · b = (high + low) · 2^scale exactly. */
export const exactProduct = { high: 0, low: 0, scale: 0 };

/**
 * Splits the product of two finite non-zero doubles exactly into {@link exactProduct}: both
 * factors scaled into [1, 2) so that Dekker's product can neither overflow nor underflow.
 */
export function splitProduct(a: number, b: number): void {
  const ea = exponentOf(a);
  const eb = exponentOf(b);
  const ma = ea === 0 ? a : scaleBy(a, -ea);
  const mb = eb === 0 ? b : scaleBy(b, -eb);
  const p = ma * mb;
  exactProduct.high = p;
  exactProduct.low = twoProductLow(ma, mb, p);
  exactProduct.scale = ea + eb;
}

/**
 * The rounding error of `a · b` (Dekker's TwoProduct with Veltkamp's split; |a|, |b| below 2^996
 * and the error not subnormal): `a · b = p + twoProductLow(a, b, p)` exactly, for p = a · b rounded.
 */
export function twoProductLow(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}

/**
 * Two float64 lanes feeding an {@link ExactSum} (see the module comment): terms within the window
 * [floor, ceiling] of magnitudes are split by `split` into `high` (multiples of split's ulp) and
 * `low`, both exact for up to {@link LANE_CAPACITY} terms, in any grouping (a loop may keep
 * several pairs of accumulators and add them together at the end). Hot loops copy the fields to locals,
 * add the terms that fit the window, write the fields back, and hand any other term to
 * {@link take}; every {@link LANE_CAPACITY} terms they {@link fold}.
 */
export class ExactLanes {
  high = 0;
  low = 0;
  split = 0;
  floor = Number.POSITIVE_INFINITY;
  ceiling = -1;
  count = 0;
  readonly target: ExactSum;

  constructor(target: ExactSum) {
    this.target = target;
  }

  /**
   * Adds a term off a hot loop: zero, a term within the window (through the lanes), below the
   * floor (added exactly), above the ceiling (the lanes are folded and re-centred on it), or any
   * term when the lanes are full (folded and re-centred). Returns false, adding
   * nothing, for a term that is not finite.
   */
  take(x: number): boolean {
    const a = Math.abs(x);
    if (x === 0) return true;
    if (!(a < Number.POSITIVE_INFINITY)) return false;
    if (a >= this.floor && a <= this.ceiling && this.count < LANE_CAPACITY) {
      const h = x + this.split - this.split;
      this.high += h;
      this.low += x - h;
      this.count++;
      return true;
    }
    if (a < this.floor && a <= this.ceiling && this.count < LANE_CAPACITY) {
      this.target.add(x);
      return true;
    }
    this.fold();
    // The split constant must stay a normal double with an ulp of at least 2^-1074.
    const scale = Math.max(-1034, Math.min(exponentOf(a) + 3, 1000));
    this.split = 1.5 * 2 ** (scale + LANE_HEADROOM_BITS);
    this.ceiling = 2 ** scale;
    this.floor = 2 ** (scale + 2 * LANE_HEADROOM_BITS - 54);
    if (a > this.ceiling) {
      this.target.add(x);
      return true;
    }
    const h = x + this.split - this.split;
    this.high = h;
    this.low = x - h;
    this.count = 1;
    return true;
  }

  /** Adds the lanes to the target sum exactly and empties them. */
  fold(): void {
    this.target.add(this.high);
    this.target.add(this.low);
    this.high = 0;
    this.low = 0;
    this.count = 0;
  }
}

/**
 * Adds the finite double `x · 2^shift` exactly into the `count` limbs at `offset` of `limbs`
 * (limb k of unit 2^(32k), `stride` apart): its 53-bit significand lands in three limbs (see
 * {@link addDigits}). `invalid_value` when `x` is not finite or its bits fall outside the limbs.
 */
export function addToLimbs(
  limbs: Float64Array,
  offset: number,
  count: number,
  x: number,
  shift: number,
  stride = 1,
): void {
  scratch[0] = x;
  const hi = words[HI_WORD]!;
  const biased = (hi >>> 20) & 0x7ff;
  if (biased === 0x7ff) invalidValue(`exact sum: terms must be finite, got ${x}`);
  const mantissa = ((hi & 0xfffff) + (biased === 0 ? 0 : 0x100000)) * TWO32 + words[LO_WORD]!;
  const position = (biased === 0 ? 1 : biased) - 1075 + shift;
  if (position < 0 || (position >> 5) + 2 >= count)
    invalidValue(`exact sum: the term ${x} is outside the exact range`);
  addDigits(limbs, offset, stride, x > 0 ? mantissa : -mantissa, position);
}

/**
 * Adds the integer `k · 2^position` (|k| <= 2^53, position >= 0, the limbs reaching limb
 * position / 32 + 2) to the limbs at `offset`, `stride` apart: |k| 2^(position mod 32) < 2^85
 * is an exact double, cut into three digits below 2^32 added to three consecutive limbs (the
 * caller carries before a limb reaches 2^52).
 */
export function addDigits(
  limbs: Float64Array,
  offset: number,
  stride: number,
  k: number,
  position: number,
): void {
  const v = (k < 0 ? -k : k) * POW2[position & 31]!;
  const d2 = Math.floor(v * INV64);
  const rest = v - d2 * TWO64;
  const d1 = Math.floor(rest * INV32);
  const d0 = rest - d1 * TWO32;
  const at = offset + (position >> 5) * stride;
  if (k > 0) {
    limbs[at]! += d0;
    limbs[at + stride]! += d1;
    limbs[at + 2 * stride]! += d2;
  } else {
    limbs[at]! -= d0;
    limbs[at + stride]! -= d1;
    limbs[at + 2 * stride]! -= d2;
  }
}

/** `x · 2^k`, exact whenever the result is representable (steps of at most 2^±1000). */
function scaleBy(x: number, k: number): number {
  let y = x;
  let rest = k;
  while (rest > 1000) {
    y *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    y *= 2 ** -1000;
    rest += 1000;
  }
  return y * 2 ** rest;
}

/** Carries the limbs of the sum at `offset` into canonical form. */
function normalizeSum(limbs: Float64Array, offset: number): void {
  normalizeLimbs(limbs, offset, EXACT_LIMBS);
}

/**
 * Carries `count` limbs at `offset` (each an integer below 2^53 in magnitude) into canonical
 * form: every limb but the top one in [0, 2^32), the top one absorbing the carry.
 */
export function normalizeLimbs(limbs: Float64Array, offset: number, count: number): void {
  let carry = 0;
  const top = offset + count - 1;
  for (let k = offset; k < top; k++) {
    const v = limbs[k]! + carry;
    carry = Math.floor(v / TWO32);
    limbs[k] = v - carry * TWO32;
  }
  limbs[top]! += carry;
}

/** Sums `b` into `a` limb by limb (both canonical, the same number of sums); returns a new array. */
export function addExactSums(a: Float64Array, b: Float64Array): Float64Array {
  const out = a.slice();
  for (let i = 0; i < out.length; i++) out[i]! += b[i]!;
  for (let offset = 0; offset < out.length; offset += EXACT_LIMBS) normalizeSum(out, offset);
  return out;
}

/** Sum number `index` of `limbs` as a BigInt B, the value being B · 2^EXACT_BASE. */
export function exactBigInt(limbs: Float64Array, index = 0): bigint {
  return limbsBigInt(limbs, index * EXACT_LIMBS, EXACT_LIMBS);
}

/** The `count` limbs at `offset`, `stride` apart (limb k of unit 2^(32k)), as one BigInt. */
export function limbsBigInt(limbs: Float64Array, offset: number, count: number, stride = 1): bigint {
  if (count === 0) return 0n;
  let top = count - 1;
  while (top > 0 && limbs[offset + top * stride] === 0) top--;
  let value = BigInt(limbs[offset + top * stride]!);
  for (let k = top - 1; k >= 0; k--) value = (value << 32n) + BigInt(limbs[offset + k * stride]!);
  return value;
}

/** Sum number `index` of `limbs`, rounded once to the nearest double (ties to even). */
export function exactToNumber(limbs: Float64Array, index = 0): number {
  return bigToNumber(exactBigInt(limbs, index), EXACT_BASE);
}

/** Bits of a non-negative BigInt (0 for 0). */
function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** `value · 2^exp2` rounded once to the nearest double (ties to even); ±Infinity past the range. */
export function bigToNumber(value: bigint, exp2: number): number {
  if (value === 0n) return 0;
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  const length = bitLength(magnitude);
  const exponent = length - 1 + exp2;
  if (exponent >= 1024) return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  // Significant bits available at this exponent: 53 for normal results, fewer for subnormals.
  const precision = exponent >= -1022 ? 53 : 53 - (-1022 - exponent);
  let shift = length - precision;
  if (precision <= 0) {
    // Below half the smallest subnormal rounds to 0; between half and one, to the smallest.
    const half = exponent === -1075 && magnitude > 1n << BigInt(length - 1);
    const result = half ? 2 ** -1074 : 0;
    return negative ? -result : result;
  }
  if (shift > 0) {
    const big = BigInt(shift);
    const rest = magnitude & ((1n << big) - 1n);
    magnitude >>= big;
    const half = 1n << (big - 1n);
    if (rest > half || (rest === half && (magnitude & 1n) === 1n)) magnitude += 1n;
  } else shift = 0;
  const result = scaleBy(Number(magnitude), shift + exp2);
  return negative ? -result : result;
}

/** The natural logarithm of `value · 2^exp2` (value > 0), accurate to a few ulps at any scale. */
export function bigLog(value: bigint, exp2 = 0): number {
  const length = bitLength(value);
  const shift = Math.max(0, length - 64);
  return Math.log(Number(value >> BigInt(shift))) + (shift + exp2) * Math.LN2;
}

/** `num / den · 2^exp2` rounded once to the nearest double (den ≠ 0). */
export function bigRatioToNumber(num: bigint, den: bigint, exp2 = 0): number {
  if (num === 0n) return 0;
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  // Enough extra bits that the quotient has at least 55 significant bits, plus a sticky bit.
  const extra = Math.max(0, bitLength(d) - bitLength(n) + 56);
  const scaled = n << BigInt(extra);
  const quotient = scaled / d;
  const sticky = quotient * d === scaled ? 0n : 1n;
  const value = bigToNumber((quotient << 1n) | sticky, exp2 - extra - 1);
  return negative ? -value : value;
}

/** Integer square root: the largest r with r² <= n (n >= 0). Newton's iteration from above. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** `sqrt(num / den · 2^exp2)` rounded once to the nearest double (num / den >= 0, den ≠ 0). */
export function bigSqrtRatioToNumber(num: bigint, den: bigint, exp2 = 0): number {
  if (num === 0n) return 0;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  if (num < 0n !== den < 0n) return Number.NaN;
  // q = floor(n 2^extra / d) with at least 112 bits and an even total exponent.
  let extra = Math.max(0, bitLength(d) - bitLength(n) + 114);
  if ((exp2 - extra) % 2 !== 0) extra++;
  const scaled = n << BigInt(extra);
  const quotient = scaled / d;
  const root = isqrt(quotient);
  const sticky = quotient * d === scaled && root * root === quotient ? 0n : 1n;
  return bigToNumber((root << 1n) | sticky, (exp2 - extra) / 2 - 1);
}

/** `sqrt(num · 2^exp2)` rounded once (num >= 0). */
export function bigSqrtToNumber(num: bigint, exp2 = 0): number {
  return bigSqrtRatioToNumber(num, 1n, exp2);
}

/**
 * The exact sum of `values` as a BigInt in units of 2^EXACT_BASE, or the non-finite result when
 * a value is not finite: NaN when any value is NaN or both infinities occur, else that infinity
 * (the same in any order).
 */
function exactTotal(values: Float64Array): bigint | number {
  let infinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) {
      if (Number.isNaN(v) || (infinite !== 0 && infinite !== v)) return Number.NaN;
      infinite = v;
    }
  }
  if (infinite !== 0) return infinite;
  const limbs = exactSums(1);
  const sum = new ExactSum(limbs);
  sum.addRun(values, 0, values.length);
  sum.finish();
  return exactBigInt(limbs);
}

/** The sum of `values` rounded once: independent of their order (see `exactTotal` for NaN and infinities). */
export function exactSumOf(values: Float64Array): number {
  const total = exactTotal(values);
  return typeof total === "number" ? total : bigToNumber(total, EXACT_BASE);
}

/** The mean of `values` rounded once (NaN for no values). */
export function exactMeanOf(values: Float64Array): number {
  const total = exactTotal(values);
  if (values.length === 0) return Number.NaN;
  return typeof total === "number" ? total : bigRatioToNumber(total, BigInt(values.length), EXACT_BASE);
}

/**
 * The state check of `count` exact sums in canonical form: a Float64Array of `count` ×
 * {@link EXACT_LIMBS} limbs, each an integer in [0, 2^32) except each sum's top limb (a signed
 * integer below 2^40 in magnitude).
 */
export function exactSumsShape(count: number): FieldCheck {
  return field.custom((value, path, id) => {
    if (!(value instanceof Float64Array) || value.length !== count * EXACT_LIMBS)
      invalidState(
        `${id}: ${path} must be a Float64Array of ${count * EXACT_LIMBS} limbs (${count} exact sums), got ${value instanceof Float64Array ? `${value.length} values` : typeof value}`,
      );
    for (let i = 0; i < value.length; i++) {
      const v = value[i]!;
      const top = i % EXACT_LIMBS === EXACT_LIMBS - 1;
      const ok = Number.isInteger(v) && (top ? Math.abs(v) < 2 ** 40 : v >= 0 && v < TWO32);
      if (!ok)
        invalidState(
          `${id}: ${path} must hold canonical exact-sum limbs (integers in [0, 2^32), a signed top limb), got ${v} at index ${i}`,
        );
    }
  });
}
