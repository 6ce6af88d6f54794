import { HI_WORD, LITTLE_ENDIAN, LO_WORD } from "../../core/endian.js";
import { bigSqrtRatioToNumber, ExactSum, exactBigInt, exactSums } from "../../core/exact-sum.js";
import { argsort } from "../../core/sort.js";
import { addExactProducts, centred } from "./moments.js";

const RADIX = 1 << 16;

/** A stable ascending argsort of float64 values and their order-preserving 64-bit keys, in sorted order. */
export interface SortedKeys {
  readonly order: Uint32Array;
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
}

/**
 * Stable ascending argsort of finite float64 values by LSD radix sort (four 16-bit passes) that
 * carries each key with its index, so every pass reads memory sequentially (the shared
 * `core/sort.ts` argsort reads keys through the permutation, which is cache-hostile for
 * millions of values). Equal values (including -0 and +0) get equal keys. O(n).
 */
export function sortKeys(values: Float64Array): SortedKeys {
  const n = values.length;
  if (!LITTLE_ENDIAN || n < 512) {
    const order = argsort(values);
    const hi = new Uint32Array(n);
    const lo = new Uint32Array(n);
    // Equal values compare equal through `hi`/`lo` only if encoded; encode from the sorted values.
    const view = new Float64Array(1);
    const words = new Uint32Array(view.buffer);
    for (let k = 0; k < n; k++) {
      view[0] = values[order[k]!]! === 0 ? 0 : values[order[k]!]!;
      hi[k] = words[HI_WORD]!;
      lo[k] = words[LO_WORD]!;
    }
    return { order, hi, lo };
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let l = words[2 * i]!;
    let h = words[2 * i + 1]!;
    if (h === 0x80000000 && l === 0) h = 0; // -0 sorts as +0
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[i] = h;
    lo[i] = l;
    idx[i] = i;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let idx2 = new Uint32Array(n);
  const counts = new Uint32Array(RADIX);
  for (const [word, shift] of [
    [0, 0],
    [0, 16],
    [1, 0],
    [1, 16],
  ] as const) {
    const keys = word === 0 ? lo : hi;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 0xffff]!++;
    let single = false;
    for (let d = 0; d < RADIX; d++) if (counts[d] === n) single = true;
    if (single) continue;
    let total = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[d]!;
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const pos = counts[(keys[i]! >>> shift) & 0xffff]!++;
      hi2[pos] = hi[i]!;
      lo2[pos] = lo[i]!;
      idx2[pos] = idx[i]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [idx, idx2] = [idx2, idx];
  }
  return { order: idx, hi, lo };
}

/**
 * 1-based ranks of `values` with ties given the average of the ranks they span (scipy's
 * `rankdata(method="average")`). O(n) with the key-carrying radix sort.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const { order, hi, lo } = sortKeys(values);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && hi[end] === hi[start] && lo[end] === lo[start]) end++;
    const rank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    start = end;
  }
  return ranks;
}

/**
 * Pearson's r of two equal-length vectors from exact sums (NaN for a constant input): the same
 * bits whatever the order of the pairs.
 */
export function pearsonOf(x: Float64Array, y: Float64Array): number {
  const limbs = exactSums(5);
  const sums = [0, 1, 2, 3, 4].map((k) => new ExactSum(limbs, k));
  sums[0]!.addRun(x, 0, x.length);
  sums[1]!.addRun(y, 0, y.length);
  addExactProducts(sums[2]!, x, x, 0, x.length);
  addExactProducts(sums[3]!, y, y, 0, y.length);
  addExactProducts(sums[4]!, x, y, 0, x.length);
  for (const sum of sums) sum.finish();
  const [sx, sy, sxx, syy, sxy] = [0, 1, 2, 3, 4].map((k) => exactBigInt(limbs, k)) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const n = BigInt(x.length);
  const cxy = centred(n, sxy, sx, sy);
  const cxx = centred(n, sxx, sx, sx);
  const cyy = centred(n, syy, sy, sy);
  if (cxx === 0n || cyy === 0n) return Number.NaN;
  const r = bigSqrtRatioToNumber(cxy * cxy, cxx * cyy);
  return Math.min(1, cxy < 0n ? -r : r);
}
