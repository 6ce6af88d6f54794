/**
 * Clipped n-gram matches of one hypothesis against its references, for every order at once: the
 * one n-gram engine of the BLEU family, chrF and ROUGE-N.
 *
 * Items (tokens or characters) are ids. Each order's n-grams of the hypothesis get dense class
 * ids from the pair (class of the n-gram's first n - 1 items, its last item), so equal n-grams
 * share a class and no n-gram is ever spelled out as a string or a code. Only the hypothesis
 * creates classes: a reference n-gram whose pair has no class cannot match, and neither can any
 * n-gram that extends it, so it is marked dead. The pair table is a direct Uint16Array while
 * (hypothesis length + 1) * ids fits in 2^16 (kept small in cache: the keys an order touched are
 * reset after it), else an open-addressing hash table; exact either way. O((|hyp| + |refs|) *
 * maxOrder) per call, no allocation once the buffers have grown.
 */

/** Maps the items of several sequences to shared local ids 0..size-1 (equal items, equal ids). */
export function localIds<T>(sequences: readonly (readonly T[])[]): { ids: Int32Array[]; size: number } {
  const vocab = new Map<T, number>();
  const ids = sequences.map((seq) => Int32Array.from(seq, (item) => internIn(vocab, item)));
  return { ids, size: vocab.size };
}

/** The id of `item` in `vocab`, a new one (the next integer) the first time. */
export function internIn<T>(vocab: Map<T, number>, item: T): number {
  let id = vocab.get(item);
  if (id === undefined) {
    id = vocab.size;
    vocab.set(item, id);
  }
  return id;
}

/** The class of a reference n-gram that cannot match (it is not in the hypothesis). */
const DEAD = -1;
// Per item id: the call that gave it a unigram class (a generation stamp), and the class.
let idStamp = new Int32Array(1024);
let idClass = new Int32Array(1024);
let idGeneration = 0;
// The direct pair table (class + 1; 0 = empty) and the keys the current order set in it.
const directTable = new Uint16Array(65536);
let touched = new Int32Array(512);
// The hashed pair table: keys and classes, live while stamped with the current generation.
let hashKeys = new Float64Array(1024);
let hashClass = new Int32Array(1024);
let hashStamp = new Int32Array(1024);
let hashGeneration = 0;
// Per position: unigram class and class of the n-gram starting there (hypothesis; the references
// back to back).
let hypUnigrams = new Int32Array(256);
let hypClasses = new Int32Array(256);
let refUnigrams = new Int32Array(256);
let refClasses = new Int32Array(256);
// Per class: hypothesis count, one reference's count, the largest reference count.
let hypCounts = new Int32Array(256);
let refCounts = new Int32Array(256);
let maxCounts = new Int32Array(256);

function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  return a.length >= size ? a : new Int32Array(Math.max(size, 2 * a.length));
}

/**
 * Per order n = 1..maxOrder, writes to `out[3 (n - 1) ..]`: the hypothesis n-grams, the reference
 * n-grams (summed over references) and the clipped matches, the sum over the hypothesis' distinct
 * n-grams of min(count in the hypothesis, largest count in one reference). `hyp[0 .. hl)` and
 * each `refs[r][0 .. refLengths[r])` hold ids in [0, size).
 */
export function ngramMatches(
  hyp: Int32Array,
  hl: number,
  refs: readonly Int32Array[],
  refLengths: readonly number[],
  size: number,
  maxOrder: number,
  out: Int32Array | number[],
): void {
  for (let k = 0; k < 3 * maxOrder; k++) out[k] = 0;
  let totalRef = 0;
  let longest = hl;
  for (const rl of refLengths) {
    totalRef += rl;
    if (rl > longest) longest = rl;
  }
  hypUnigrams = grown(hypUnigrams, hl);
  hypClasses = grown(hypClasses, hl);
  refUnigrams = grown(refUnigrams, totalRef);
  refClasses = grown(refClasses, totalRef);
  // Ids local to the call (no more than its items) are their own unigram classes; other ids
  // get dense classes in order of appearance in the hypothesis (reference-only ids are dead).
  const dense = size <= hl + totalRef;
  const width = (dense ? Math.max(hl, size) : hl) + 1;
  hypCounts = grown(hypCounts, width);
  refCounts = grown(refCounts, width);
  maxCounts = grown(maxCounts, width);
  touched = grown(touched, hl + 1);
  const hu = hypUnigrams;
  const hc = hypClasses;
  const ru = refUnigrams;
  const rc = refClasses;
  const counts = hypCounts;
  const single = refs.length === 1;
  let unigrams = size;
  if (dense) {
    counts.fill(0, 0, size);
    for (let k = 0; k < hl; k++) {
      const c = hyp[k]!;
      hu[k] = c;
      hc[k] = c;
      counts[c]!++;
    }
    for (let r = 0, at = 0; r < refs.length; at += refLengths[r++]!) {
      const ref = refs[r]!;
      for (let k = 0; k < refLengths[r]!; k++) {
        ru[at + k] = ref[k]!;
        rc[at + k] = ref[k]!;
      }
    }
  } else {
    if (idStamp.length < size) {
      idStamp = new Int32Array(Math.max(size, 2 * idStamp.length));
      idClass = new Int32Array(idStamp.length);
      idGeneration = 0;
    }
    if (++idGeneration === 0x7fffffff) {
      idStamp.fill(0);
      idGeneration = 1;
    }
    unigrams = 0;
    for (let k = 0; k < hl; k++) {
      const id = hyp[k]!;
      if (idStamp[id] !== idGeneration) {
        idStamp[id] = idGeneration;
        idClass[id] = unigrams;
        counts[unigrams++] = 0;
      }
      const c = idClass[id]!;
      hu[k] = c;
      hc[k] = c;
      counts[c]!++;
    }
    for (let r = 0, at = 0; r < refs.length; at += refLengths[r++]!) {
      const ref = refs[r]!;
      for (let k = 0; k < refLengths[r]!; k++) {
        const id = ref[k]!;
        const c = idStamp[id] === idGeneration ? idClass[id]! : DEAD;
        ru[at + k] = c;
        rc[at + k] = c;
      }
    }
  }
  // Pair keys are class * unigrams + unigram class: classes are below hl, and at order 2 below
  // the number of unigram classes.
  const direct = (dense ? Math.max(hl, size) : hl) * Math.max(unigrams, 1) <= 65536;
  if (!direct) {
    let capacity = hashKeys.length;
    while (capacity < 2 * hl) capacity *= 2;
    if (capacity !== hashKeys.length) {
      hashKeys = new Float64Array(capacity);
      hashClass = new Int32Array(capacity);
      hashStamp = new Int32Array(capacity);
      hashGeneration = 0;
    }
  }
  const mask = hashKeys.length - 1;
  for (let n = 1; n <= Math.min(maxOrder, longest); n++) {
    const hn = hl - n + 1;
    let classes = 0;
    if (n > 1) {
      if (!direct && ++hashGeneration === 0x7fffffff) {
        hashStamp.fill(0);
        hashGeneration = 1;
      }
      // The hypothesis' n-grams: classes from (class of the (n-1)-gram, last unigram), counted.
      for (let k = 0; k < hn; k++) {
        const key = hc[k]! * unigrams + hu[k + n - 1]!;
        let c: number;
        if (direct) {
          c = directTable[key]! - 1;
          if (c < 0) {
            touched[classes] = key;
            c = classes++;
            directTable[key] = c + 1;
            counts[c] = 0;
          }
        } else {
          let s = hashSlot(key, mask);
          while (hashStamp[s] === hashGeneration && hashKeys[s] !== key) s = (s + 1) & mask;
          if (hashStamp[s] === hashGeneration) c = hashClass[s]!;
          else {
            hashStamp[s] = hashGeneration;
            hashKeys[s] = key;
            c = classes++;
            hashClass[s] = c;
            counts[c] = 0;
          }
        }
        counts[c]!++;
        hc[k] = c;
      }
    }
    // Each reference: look its n-grams up (never creating a class), then count or clip them.
    let matches = 0;
    let refNgrams = 0;
    for (let r = 0, at = 0; r < refs.length; at += refLengths[r++]!) {
      const rn = refLengths[r]! - n + 1;
      if (rn <= 0) continue;
      refNgrams += rn;
      for (let k = 0; k < rn; k++) {
        let c = rc[at + k]!;
        if (c === DEAD) continue;
        if (n > 1) {
          const last = ru[at + k + n - 1]!;
          if (last === DEAD) c = DEAD;
          else {
            const key = c * unigrams + last;
            if (direct) c = directTable[key]! - 1;
            else {
              let s = hashSlot(key, mask);
              while (hashStamp[s] === hashGeneration && hashKeys[s] !== key) s = (s + 1) & mask;
              c = hashStamp[s] === hashGeneration ? hashClass[s]! : DEAD;
            }
          }
          rc[at + k] = c;
          if (c === DEAD) continue;
        }
        if (!single) refCounts[c]!++;
        else if (counts[c]! > 0) {
          // One reference: consume the hypothesis counts (clipping as it goes).
          counts[c]!--;
          matches++;
        }
      }
      if (!single)
        for (let k = 0; k < rn; k++) {
          const c = rc[at + k]!;
          if (c === DEAD) continue;
          if (refCounts[c]! > maxCounts[c]!) maxCounts[c] = refCounts[c]!;
          refCounts[c] = 0;
        }
    }
    if (!single) {
      // Each distinct hypothesis n-gram once: min(its count, the largest reference count).
      for (let k = 0; k < hn; k++) {
        const c = hc[k]!;
        if (counts[c]! > 0) {
          matches += Math.min(counts[c]!, maxCounts[c]!);
          counts[c] = 0;
        }
      }
      for (let r = 0, at = 0; r < refs.length; at += refLengths[r++]!)
        for (let k = 0; k < refLengths[r]! - n + 1; k++) if (rc[at + k]! !== DEAD) maxCounts[rc[at + k]!] = 0;
    }
    if (direct) for (let k = 0; k < classes; k++) directTable[touched[k]!] = 0;
    const o = 3 * (n - 1);
    out[o] = Math.max(hn, 0);
    out[o + 1] = refNgrams;
    out[o + 2] = matches;
  }
}

function hashSlot(key: number, mask: number): number {
  // Mix the bits of the integer key (below 2^53).
  const h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x27d4eb2d), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}

/**
 * {@link ngramMatches} of token sequences (a hypothesis and its references), through local ids:
 * per order n = 1..maxOrder in `out[3 (n - 1) ..]`, hypothesis n-grams, reference n-grams (summed)
 * and clipped matches.
 */
export function tokenMatches<T>(
  hyp: readonly T[],
  refs: readonly (readonly T[])[],
  maxOrder: number,
  out: Int32Array | number[],
): void {
  const { ids, size } = localIds([hyp, ...refs]);
  ngramMatches(
    ids[0]!,
    hyp.length,
    ids.slice(1),
    refs.map((r) => r.length),
    size,
    maxOrder,
    out,
  );
}
