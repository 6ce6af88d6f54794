/**
 * Clipped n-gram matches of one hypothesis against its references, for every order at once: the
 * one n-gram engine of the BLEU family, chrF and ROUGE-N.
 *
 * Items (tokens or characters) are ids. Each order's n-grams of the hypothesis get dense class
 * ids from the pair (class of the n-gram's first n - 1 items, its last item), so equal n-grams
 * share a class and no n-gram is ever spelled out as a string or a code. Only the hypothesis
 * creates classes: a reference n-gram whose pair has no class cannot match, and neither can any
 * n-gram that extends it, so it is marked dead. The pair table is a direct Uint16Array while the
 * keys fit in 2^16 (kept small in cache: the keys an order touched are reset after it), else a
 * Map; exact either way. O((|hyp| + |refs|) * maxOrder) per call, no allocation once the buffers
 * have grown (below the direct table's range).
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
// The direct pair table (class + 1; 0 = empty) and the keys the current order set in it; the
// pair Map past the direct table's range.
const directTable = new Uint16Array(65536);
let touched = new Int32Array(512);
const pairs = new Map<number, number>();
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
  // Ids local to the call (no more than its items) are their own unigram classes.
  const dense = size <= hl + totalRef;
  const classBound = (dense ? Math.max(hl, size) : hl) + 1;
  hypCounts = grown(hypCounts, classBound);
  refCounts = grown(refCounts, classBound);
  maxCounts = grown(maxCounts, classBound);
  touched = grown(touched, hl + 1);
  if (idStamp.length < size) {
    idStamp = new Int32Array(Math.max(size, 2 * idStamp.length));
    idClass = new Int32Array(idStamp.length);
    idGeneration = 0;
  }
  if (++idGeneration === 0x7fffffff) {
    idStamp.fill(0);
    idGeneration = 1;
  }
  const hu = hypUnigrams;
  const hc = hypClasses;
  const ru = refUnigrams;
  const rc = refClasses;
  const counts = hypCounts;
  const single = refs.length === 1;
  // Order 1: other ids get dense classes in order of appearance in the hypothesis (ids only in
  // references are dead).
  let unigrams = dense ? size : 0;
  if (dense) counts.fill(0, 0, size);
  for (let k = 0; k < hl; k++) {
    const id = hyp[k]!;
    if (!dense && idStamp[id] !== idGeneration) {
      idStamp[id] = idGeneration;
      idClass[id] = unigrams;
      counts[unigrams++] = 0;
    }
    const c = dense ? id : idClass[id]!;
    hu[k] = hc[k] = c;
    counts[c]!++;
  }
  for (let r = 0, at = 0; r < refs.length; at += refLengths[r++]!)
    for (let k = 0; k < refLengths[r]!; k++) {
      const id = refs[r]![k]!;
      const inHypothesis = dense ? counts[id]! > 0 : idStamp[id] === idGeneration;
      ru[at + k] = rc[at + k] = inHypothesis ? (dense ? id : idClass[id]!) : DEAD;
    }
  // Pair keys are class * unigrams + unigram class: classes are below hl, except the unigram
  // classes of order 1 (below unigrams).
  const direct = (dense ? Math.max(hl, size) : hl) * unigrams <= 65536;
  for (let n = 1; n <= Math.min(maxOrder, longest); n++) {
    const hn = hl - n + 1;
    let classes = 0;
    if (n > 1) {
      // The hypothesis' n-grams: classes from (class of the (n-1)-gram, last unigram), counted.
      if (!direct) pairs.clear();
      for (let k = 0; k < hn; k++) {
        const key = hc[k]! * unigrams + hu[k + n - 1]!;
        let c = direct ? directTable[key]! - 1 : (pairs.get(key) ?? DEAD);
        if (c === DEAD) {
          c = classes++;
          counts[c] = 0;
          if (direct) {
            touched[c] = key;
            directTable[key] = c + 1;
          } else pairs.set(key, c);
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
      for (let k = at; k < at + rn; k++) {
        let c = rc[k]!;
        if (n > 1 && c !== DEAD) {
          const last = ru[k + n - 1]!;
          const key = c * unigrams + last;
          c = last === DEAD ? DEAD : direct ? directTable[key]! - 1 : (pairs.get(key) ?? DEAD);
          rc[k] = c;
        }
        if (c === DEAD) continue;
        if (!single) refCounts[c]!++;
        else if (counts[c]! > 0) {
          // One reference: consume the hypothesis counts (clipping as it goes).
          counts[c]!--;
          matches++;
        }
      }
      if (!single)
        for (let k = at; k < at + rn; k++) {
          const c = rc[k]!;
          if (c === DEAD) continue;
          if (refCounts[c]! > maxCounts[c]!) maxCounts[c] = refCounts[c]!;
          refCounts[c] = 0;
        }
    }
    if (!single)
      // Each distinct hypothesis n-gram once: min(its count, the largest reference count).
      for (let k = 0; k < hn; k++) {
        const c = hc[k]!;
        matches += Math.min(counts[c]!, maxCounts[c]!);
        counts[c] = maxCounts[c] = 0;
      }
    if (direct) for (let k = 0; k < classes; k++) directTable[touched[k]!] = 0;
    out[3 * n - 3] = Math.max(hn, 0);
    out[3 * n - 2] = refNgrams;
    out[3 * n - 1] = matches;
  }
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
