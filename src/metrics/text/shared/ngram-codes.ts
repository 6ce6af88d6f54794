/**
 * Fast n-gram matching for one segment: tokens (or characters) are mapped to small local ids,
 * each n-gram of a fixed order becomes the number sum(id_k * base^k) (exact while
 * base^order <= 2^53), and clipped counts come from sorted code arrays with two pointers.
 * This avoids string keys and hash maps; callers fall back to string keys when the local
 * vocabulary is too large for exact codes.
 */

/** Maps the items of several sequences to shared local ids 0..size-1 (equal items, equal ids). */
export function localIds<T>(sequences: readonly (readonly T[])[]): { ids: Int32Array[]; size: number } {
  const vocab = new Map<T, number>();
  const ids = sequences.map((seq) => {
    const out = new Int32Array(seq.length);
    for (let i = 0; i < seq.length; i++) {
      const item = seq[i]!;
      let v = vocab.get(item);
      if (v === undefined) {
        v = vocab.size;
        vocab.set(item, v);
      }
      out[i] = v;
    }
    return out;
  });
  return { ids, size: vocab.size };
}

/** True when n-grams of `order` over `size` ids have exact float64 codes. */
export function codesFit(size: number, order: number): boolean {
  return Math.max(size, 2) ** order <= 2 ** 53;
}

/** The sorted codes of all n-grams of order `n` in `ids` (base `base`). */
export function sortedCodes(ids: Int32Array, n: number, base: number): Float64Array {
  const out = ngramCodes(ids, n, base);
  const count = out.length;
  if (count > 48) return out.sort();
  // Insertion sort: faster than the built-in sort for the short arrays of one sentence.
  for (let i = 1; i < count; i++) {
    const v = out[i]!;
    let j = i - 1;
    while (j >= 0 && out[j]! > v) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = v;
  }
  return out;
}

/** Sum over distinct n-grams of min(count in a, count in b), for sorted code arrays. */
export function sortedMatches(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let matches = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (y < x) j++;
    else {
      let ca = 0;
      while (i < a.length && a[i] === x) {
        ca++;
        i++;
      }
      let cb = 0;
      while (j < b.length && b[j] === x) {
        cb++;
        j++;
      }
      matches += Math.min(ca, cb);
    }
  }
  return matches;
}

/**
 * Sum over the distinct n-grams of `hyp` of min(count in hyp, max count over `refs`): BLEU's
 * clipped matches against several references.
 */
export function clippedMatches(hyp: Float64Array, refs: readonly Float64Array[]): number {
  if (refs.length === 1) return sortedMatches(hyp, refs[0]!);
  // Distinct hypothesis codes and counts.
  const codes: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < hyp.length; ) {
    const x = hyp[i]!;
    let c = 0;
    while (i < hyp.length && hyp[i] === x) {
      c++;
      i++;
    }
    codes.push(x);
    counts.push(c);
  }
  const maxRef = new Array<number>(codes.length).fill(0);
  for (const ref of refs) {
    let j = 0;
    for (let k = 0; k < codes.length; k++) {
      const x = codes[k]!;
      while (j < ref.length && ref[j]! < x) j++;
      let c = 0;
      while (j < ref.length && ref[j] === x) {
        c++;
        j++;
      }
      if (c > maxRef[k]!) maxRef[k] = c;
    }
  }
  let matches = 0;
  for (let k = 0; k < codes.length; k++) matches += Math.min(counts[k]!, maxRef[k]!);
  return matches;
}

/** The codes of all n-grams of order `n` in `ids` (base `base`), unsorted. */
export function ngramCodes(ids: Int32Array, n: number, base: number): Float64Array {
  const count = ids.length - n + 1;
  if (count <= 0) return new Float64Array(0);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let code = 0;
    for (let k = 0; k < n; k++) code = code * base + ids[i + k]!;
    out[i] = code;
  }
  return out;
}

// Open-addressing hash table reused across calls; `stamp` marks the live generation so the
// table never needs clearing.
let tableKeys = new Float64Array(1024);
let tableCounts = new Int32Array(1024);
let tableStamp = new Int32Array(1024);
let generation = 0;

function slot(key: number, mask: number): number {
  // Mix the bits of the (integer-valued) code; codes are < 2^53.
  const lo = key >>> 0; // ToUint32: the low 32 bits of the integer code
  const hi = (key / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return h & mask;
}

/**
 * Sum over distinct n-grams of min(count in `a`, count in `b`) for unsorted code arrays, in
 * O(|a| + |b|) with a hash table.
 */
export function hashedMatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return hashedMatchesN(a, a.length, b, b.length);
}

/** {@link hashedMatches} of the prefixes `a[0 .. aLength)` and `b[0 .. bLength)`. */
export function hashedMatchesN(
  a: ArrayLike<number>,
  aLength: number,
  b: ArrayLike<number>,
  bLength: number,
): number {
  if (aLength === 0 || bLength === 0) return 0;
  let capacity = tableKeys.length;
  while (capacity < 2 * aLength) capacity *= 2;
  if (capacity !== tableKeys.length) {
    tableKeys = new Float64Array(capacity);
    tableCounts = new Int32Array(capacity);
    tableStamp = new Int32Array(capacity);
    generation = 0;
  }
  generation++;
  if (generation === 0x7fffffff) {
    tableStamp.fill(0);
    generation = 1;
  }
  const mask = capacity - 1;
  for (let i = 0; i < aLength; i++) {
    const key = a[i]!;
    let s = slot(key, mask);
    while (tableStamp[s] === generation && tableKeys[s] !== key) s = (s + 1) & mask;
    if (tableStamp[s] === generation) tableCounts[s]!++;
    else {
      tableStamp[s] = generation;
      tableKeys[s] = key;
      tableCounts[s] = 1;
    }
  }
  let matches = 0;
  for (let j = 0; j < bLength; j++) {
    const key = b[j]!;
    let s = slot(key, mask);
    while (tableStamp[s] === generation && tableKeys[s] !== key) s = (s + 1) & mask;
    if (tableStamp[s] === generation && tableCounts[s]! > 0) {
      tableCounts[s]!--;
      matches++;
    }
  }
  return matches;
}

// Direct-indexed counts for codes below 2^16, with generation stamps (never cleared).
const directCounts = new Int32Array(65536);
const directStamp = new Int32Array(65536);
let directGeneration = 0;

/**
 * {@link hashedMatchesN} for codes that are integers in [0, 65536): counts in a direct table,
 * no hashing. Sum over distinct codes of min(count in a[0 .. aLength), count in b[0 .. bLength)).
 */
export function directMatches(
  a: ArrayLike<number>,
  aLength: number,
  b: ArrayLike<number>,
  bLength: number,
): number {
  directGeneration++;
  if (directGeneration === 0x7fffffff) {
    directStamp.fill(0);
    directGeneration = 1;
  }
  const g = directGeneration;
  for (let i = 0; i < aLength; i++) {
    const k = a[i]!;
    if (directStamp[k] !== g) {
      directStamp[k] = g;
      directCounts[k] = 1;
    } else directCounts[k]!++;
  }
  let matches = 0;
  for (let j = 0; j < bLength; j++) {
    const k = b[j]!;
    if (directStamp[k] === g && directCounts[k]! > 0) {
      directCounts[k]!--;
      matches++;
    }
  }
  return matches;
}

/** Unsorted n-gram codes of every order 1..maxOrder, each order built from the previous one. */
export function allOrderCodes(ids: Int32Array, maxOrder: number, base: number): number[][] {
  // Plain arrays: cheaper to allocate than typed arrays at sentence sizes.
  const out: number[][] = [];
  let prev: number[] | null = null;
  for (let n = 1; n <= maxOrder; n++) {
    const count = ids.length - n + 1;
    const codes: number[] = [];
    if (count > 0) {
      if (prev === null) for (let i = 0; i < count; i++) codes.push(ids[i]!);
      else for (let i = 0; i < count; i++) codes.push(prev[i]! * base + ids[i + n - 1]!);
    }
    out.push(codes);
    prev = count > 0 ? codes : null;
  }
  return out;
}

// n-gram classes: the class of an n-gram is a dense id given to the pair (class of its first
// n - 1 items, its last item). The pair table holds class + 1 (0 = empty) and is reset after each
// order through the list of keys it touched, so its used part stays small and in cache.
const pairClass = new Uint16Array(65536);
let touched = new Int32Array(512);
let hypClasses = new Int32Array(256);
let refClasses = new Int32Array(256);
let classCounts = new Int32Array(512);

/**
 * Per order n = 1..maxOrder, the hypothesis n-grams, reference n-grams and clipped matches
 * between one hypothesis and one reference given as local ids (`hyp[0 .. hl)`, `ref[0 .. rl)`,
 * ids below `size`), written to `out[3 (n - 1) .. 3 (n - 1) + 3)` (0 where a side has none).
 * Each order's n-grams get dense class ids from the previous order's class and their last item
 * (no codes, no hashing); the hypothesis' n-grams are counted per class while classes are
 * assigned, and the reference's consume those counts (clipping). Returns false (nothing written)
 * when the pair keys could reach 2^16, i.e. (hl + rl + 1) * size > 65536; the caller then uses
 * numeric codes. O((hl + rl) * maxOrder).
 */
export function classMatches(
  hyp: Int32Array,
  hl: number,
  ref: Int32Array,
  rl: number,
  size: number,
  maxOrder: number,
  out: Int32Array,
): boolean {
  const items = hl + rl;
  // Keys are class * size + id with classes up to `items` (1-based after order 1).
  if ((items + 1) * Math.max(size, 1) > 65536) return false;
  if (hypClasses.length < hl) hypClasses = new Int32Array(2 * hl);
  if (refClasses.length < rl) refClasses = new Int32Array(2 * rl);
  const width = Math.max(items, size) + 1;
  if (touched.length < width) touched = new Int32Array(2 * width);
  if (classCounts.length < width) classCounts = new Int32Array(2 * width);
  const hc = hypClasses;
  const rc = refClasses;
  const counts = classCounts;
  for (let k = 0; k < 3 * maxOrder; k++) out[k] = 0;
  const orders = Math.min(maxOrder, Math.max(hl, rl));
  for (let n = 1; n <= orders; n++) {
    const hn = hl - n + 1;
    const rn = rl - n + 1;
    let matches = 0;
    if (n === 1) {
      for (let c = 0; c < size; c++) counts[c] = 0;
      for (let k = 0; k < hl; k++) {
        const c = hyp[k]!;
        hc[k] = c;
        counts[c]!++;
      }
      for (let k = 0; k < rl; k++) {
        const c = ref[k]!;
        rc[k] = c;
        if (counts[c]! > 0) {
          counts[c]!--;
          matches++;
        }
      }
    } else {
      let classes = 0;
      for (let k = 0; k < hn; k++) {
        const key = hc[k]! * size + hyp[k + n - 1]!;
        let c = pairClass[key]!;
        if (c === 0) {
          touched[classes] = key;
          c = ++classes;
          pairClass[key] = c;
          counts[c] = 1;
        } else counts[c]!++;
        hc[k] = c;
      }
      for (let k = 0; k < rn; k++) {
        const key = rc[k]! * size + ref[k + n - 1]!;
        let c = pairClass[key]!;
        if (c === 0) {
          touched[classes] = key;
          c = ++classes;
          pairClass[key] = c;
          counts[c] = 0;
        } else if (counts[c]! > 0) {
          counts[c]!--;
          matches++;
        }
        rc[k] = c;
      }
      for (let k = 0; k < classes; k++) pairClass[touched[k]!] = 0;
    }
    const at = 3 * (n - 1);
    if (hn > 0) out[at] = hn;
    if (rn > 0) out[at + 1] = rn;
    out[at + 2] = matches;
  }
  return true;
}
