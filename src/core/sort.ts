/**
 * Argsort for float scores by LSD radix sort on the IEEE-754 bits, O(n) with 16-bit digits:
 * two passes for float32 keys, four for float64. Stable: equal scores keep input order, which
 * is what "ties keep input order" needs (pycocotools, torchmetrics' stable sorts).
 *
 * The bit trick: flip all bits of a negative float and only the sign bit of a non-negative one;
 * the resulting unsigned integers order exactly as the floats do. -0 is read as +0. NaN is not
 * ordered: callers validate it away first.
 */
import { HI_WORD, LO_WORD } from "./endian.js";

const RADIX_BITS = 16;
const RADIX = 1 << RADIX_BITS;
const MASK = RADIX - 1;

/** Below this size a comparison sort is faster than allocating radix histograms. */
const SMALL = 512;

function float32Keys(values: Float32Array, descending: boolean): Uint32Array {
  const keys = new Uint32Array(values.length);
  const view = new Float32Array(1);
  const bits = new Uint32Array(view.buffer);
  for (let i = 0; i < values.length; i++) {
    view[0] = values[i] === 0 ? 0 : values[i]!;
    const b = bits[0]!;
    const k = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    keys[i] = descending ? ~k >>> 0 : k;
  }
  return keys;
}

function float64Keys(values: Float64Array, descending: boolean): { hi: Uint32Array; lo: Uint32Array } {
  const n = values.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const view = new Float64Array(1);
  const words = new Uint32Array(view.buffer);
  for (let i = 0; i < n; i++) {
    view[0] = values[i] === 0 ? 0 : values[i]!;
    let h = words[HI_WORD]!;
    let l = words[LO_WORD]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    if (descending) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  return { hi, lo };
}

/** 0, 1, ..., n - 1: the identity order. */
export function identity(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/**
 * Stable LSD radix argsort on 32-bit key words (least significant word first), 16-bit digits.
 * The keys travel with their payload (`order`, overwritten: their indices for an argsort),
 * so every pass reads its input in order (an index-only sort reads `keys[order[i]]` at random,
 * about 2.5x slower at 1e7 keys). Each digit's counts are taken up front, and a digit every key
 * shares is skipped. Memory: 2 x (words + 1) x 4n bytes. Returns the payload and the key words
 * in sorted order.
 */
function sortByKeyWords<P extends Uint32Array | Uint8Array>(
  words: Uint32Array[],
  n: number,
  order: P,
): { order: P; keys: Uint32Array[] } {
  // The digit counts of every pass (low then high half of each key word), one read of each word.
  const counts = words.flatMap((w) => digitCounts(w, n));
  let keys: Uint32Array[] = words.slice();
  let spare: Uint32Array[] = words.map(() => new Uint32Array(n));
  let spareOrder = new (order.constructor as new (n: number) => P)(n);
  // Each loop sits in its own small function: V8 compiles a function again for every hot loop
  // it enters (closures per pass were compiled and thrown away on every pass).
  for (let p = 0; p < counts.length; p++) {
    if (!countsToOffsets(counts[p]!, n)) continue;
    scatterPass(keys[p >> 1]!, (p & 1) * RADIX_BITS, counts[p]!, keys, spare, order, spareOrder, n);
    [keys, spare] = [spare, keys];
    [order, spareOrder] = [spareOrder, order];
  }
  return { order, keys };
}

/** Counts of the low and of the high 16-bit digits of `keys`. */
function digitCounts(keys: Uint32Array, n: number): [Uint32Array, Uint32Array] {
  const low = new Uint32Array(RADIX);
  const high = new Uint32Array(RADIX);
  for (let i = 0; i < n; i++) {
    low[keys[i]! & MASK]!++;
    high[keys[i]! >>> RADIX_BITS]!++;
  }
  return [low, high];
}

/** Turns digit counts into start offsets; false (counts left half done) when every key shares one digit. */
function countsToOffsets(c: Uint32Array, n: number): boolean {
  let total = 0;
  for (let d = 0; d < RADIX; d++) {
    const k = c[d]!;
    if (k === n) return false;
    c[d] = total;
    total += k;
  }
  return true;
}

/** One stable pass: moves the key words (one or two) and the payload to their digit's next slot. */
function scatterPass<P extends Uint32Array | Uint8Array>(
  digitKeys: Uint32Array,
  shift: number,
  c: Uint32Array,
  keys: Uint32Array[],
  spare: Uint32Array[],
  order: P,
  spareOrder: P,
  n: number,
): void {
  const [k0, k1] = keys as [Uint32Array, Uint32Array | undefined];
  const [o0, o1] = spare as [Uint32Array, Uint32Array | undefined];
  for (let i = 0; i < n; i++) {
    const at = c[(digitKeys[i]! >>> shift) & MASK]!++;
    o0[at] = k0[i]!;
    if (k1) o1![at] = k1[i]!;
    spareOrder[at] = order[i]!;
  }
}

function comparisonArgsort(values: ArrayLike<number>, descending: boolean): Uint32Array {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => {
    const d = descending ? values[b]! - values[a]! : values[a]! - values[b]!;
    return d !== 0 ? d : a - b;
  });
  return Uint32Array.from(order);
}

/**
 * Indices that sort `values` ascending (or descending), stable for ties.
 * Float32Array input sorts on 32-bit keys; anything else on exact float64 keys.
 */
export function argsort(
  values: Float32Array | Float64Array | readonly number[],
  descending = false,
): Uint32Array {
  const n = values.length;
  if (n < SMALL) return comparisonArgsort(values, descending);
  if (values instanceof Float32Array)
    return sortByKeyWords([float32Keys(values, descending)], n, identity(n)).order;
  const f64 = values instanceof Float64Array ? values : Float64Array.from(values);
  const { hi, lo } = float64Keys(f64, descending);
  return sortByKeyWords([lo, hi], n, identity(n)).order;
}

/**
 * Float64 values sorted descending, stable (as {@link argsortDescending} orders them), with
 * `payload` (one entry per value, overwritten) moved with them: the payload in sorted order
 * (the order itself when the payload is the indices 0..n-1), the values read back from the
 * sorted keys (sequentially, not gathered at random). -0 comes back as +0 (the keys do not keep
 * the sign of zero).
 */
export function sortDescendingWith<P extends Uint32Array | Uint8Array>(
  values: Float64Array,
  payload: P,
): { payload: P; sorted: Float64Array } {
  const n = values.length;
  const sorted = new Float64Array(n);
  if (n < SMALL) {
    const order = comparisonArgsort(values, true);
    const moved = payload.slice() as P;
    for (let i = 0; i < n; i++) {
      sorted[i] = values[order[i]!] === 0 ? 0 : values[order[i]!]!;
      moved[i] = payload[order[i]!]!;
    }
    return { payload: moved, sorted };
  }
  const { hi, lo } = float64Keys(values, true);
  const { order, keys } = sortByKeyWords([lo, hi], n, payload);
  const [sortedLo, sortedHi] = keys as [Uint32Array, Uint32Array];
  const words = new Uint32Array(sorted.buffer);
  for (let i = 0; i < n; i++) {
    // Undo float64Keys: the descending flip, then the sign trick.
    let h = ~sortedHi[i]! >>> 0;
    let l = ~sortedLo[i]! >>> 0;
    if (h & 0x80000000) h = (h & 0x7fffffff) >>> 0;
    else {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    words[2 * i + HI_WORD] = h;
    words[2 * i + LO_WORD] = l;
  }
  return { payload: order, sorted };
}

/** {@link sortDescendingWith} the indices: the stable descending order and the values in it. */
export function sortDescendingWithOrder(values: Float64Array): { order: Uint32Array; sorted: Float64Array } {
  const { payload, sorted } = sortDescendingWith(values, identity(values.length));
  return { order: payload, sorted };
}

/** Stable descending argsort (ties keep input order). */
export function argsortDescending(values: Float32Array | Float64Array | readonly number[]): Uint32Array {
  return argsort(values, true);
}

/**
 * Digit counts of keys for {@link radixSortUint32}, when a caller already makes a pass over the
 * keys: 65536 counters each for the low and the high 16 bits (`radixHistograms()` allocates
 * them; count with `h[0][k & 0xffff]++` and `h[1][k >>> 16]++`). The sort consumes them.
 */
export type RadixHistograms = [Uint32Array, Uint32Array];

/** Fresh zeroed {@link RadixHistograms}. */
export function radixHistograms(): RadixHistograms {
  return [new Uint32Array(65536), new Uint32Array(65536)];
}

/**
 * Sorts unsigned 32-bit keys ascending in place: LSD radix sort on two 16-bit digits (two
 * scatter passes that stream the keys, no index indirection). A pass whose digit is the same for
 * every key is skipped; model scores have few distinct high halves, so the second pass writes
 * to few buckets and stays in cache. O(n) time, one scratch array of n keys.
 */
export function radixSortUint32(keys: Uint32Array, histograms?: RadixHistograms): Uint32Array {
  const n = keys.length;
  if (n < 2) return keys;
  if (n < SMALL && !histograms) return keys.sort();
  let lowCounts: Uint32Array;
  let highCounts: Uint32Array;
  if (histograms) {
    [lowCounts, highCounts] = histograms;
  } else {
    lowCounts = new Uint32Array(65536);
    highCounts = new Uint32Array(65536);
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      lowCounts[k & 0xffff]!++;
      highCounts[k >>> 16]!++;
    }
  }
  let src: Uint32Array = keys;
  let dst: Uint32Array = new Uint32Array(n);
  for (let pass = 0; pass < 2; pass++) {
    const counts = pass === 0 ? lowCounts : highCounts;
    const shift = pass * 16;
    let total = 0;
    let skip = false;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      if (c === n) skip = true;
      counts[d] = total;
      total += c;
    }
    if (skip) continue;
    for (let i = 0; i < n; i++) {
      const k = src[i]!;
      dst[counts[(k >>> shift) & 0xffff]!++] = k;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== keys) keys.set(src);
  return keys;
}

const keyView = new Float32Array(1);
const keyBits = new Uint32Array(keyView.buffer);

/**
 * The order-preserving unsigned key of a float32 value: flip every bit of a negative float and
 * only the sign bit of a non-negative one (-0 is read as +0). `a < b` exactly when
 * `float32Key(a) < float32Key(b)`.
 */
export function float32Key(value: number): number {
  keyView[0] = value === 0 ? 0 : value;
  const b = keyBits[0]!;
  return b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
}

/** Inverse of {@link float32Key}. */
export function float32FromKey(key: number): number {
  keyBits[0] = key & 0x80000000 ? (key & 0x7fffffff) >>> 0 : ~key >>> 0;
  return keyView[0]!;
}
