/**
 * Interning of string spans without slicing: `intern(text, start, end)` returns the id of
 * `text.slice(start, end)` (equal spans, equal ids; ids 0, 1, 2... in order of first
 * appearance) but only allocates a string the first time a span is seen. An open-addressing
 * table keyed by a hash of the UTF-16 code units; candidates are confirmed unit by unit, so
 * ids are exact (hash collisions cost a comparison, never a wrong id). Amortized O(span length).
 *
 * Layout for few cache lines per lookup: one Int32Array of slots [hash, id + 1] (0 = empty) and
 * one of spans [pool start, length] per id, the distinct spans' code units back to back in a
 * Uint16Array pool.
 */
/** FNV-1a's offset basis and prime (32-bit), the interner's hash of code units. */
export const FNV_SEED = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

export class SpanInterner {
  /** Per slot, two entries: the span's hash and its id + 1 (0 = empty). */
  #table: Int32Array;
  #mask: number;
  /** The distinct spans by id. */
  readonly words: string[] = [];
  /** The code units of the distinct spans, back to back (compact: comparisons stay in cache). */
  #pool = new Uint16Array(4096);
  #poolUsed = 0;
  /** Per id, two entries: start of its code units in `pool`, and their count. */
  #spans = new Int32Array(512);

  constructor(capacity = 1024) {
    let c = 16;
    while (c < capacity) c *= 2;
    this.#table = new Int32Array(2 * c);
    this.#mask = c - 1;
  }

  /** Number of distinct spans seen. */
  get size(): number {
    return this.words.length;
  }

  /** The id of `text.slice(start, end)`. */
  intern(text: string, start: number, end: number): number {
    let h = FNV_SEED;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    return this.internHashed(text, start, end, h);
  }

  /**
   * {@link intern} with the span's FNV-1a state `hash` already computed by the caller (FNV_SEED,
   * then `Math.imul(h ^ unit, FNV_PRIME)` per code unit), so a tokenizer hashes while it scans.
   */
  internHashed(text: string, start: number, end: number, hash: number): number {
    const h = hash ^ (hash >>> 16);
    const len = end - start;
    const table = this.#table;
    const mask = this.#mask;
    let s = h & mask;
    for (;;) {
      const v = table[2 * s + 1]!;
      if (v === 0) break;
      if (table[2 * s] === h && this.#spans[2 * v - 1] === len) {
        const pool = this.#pool;
        const p0 = this.#spans[2 * v - 2]!;
        let k = 0;
        while (k < len && pool[p0 + k] === text.charCodeAt(start + k)) k++;
        if (k === len) return v - 1;
      }
      s = (s + 1) & mask;
    }
    const id = this.words.length;
    this.#add(text.slice(start, end));
    table[2 * s] = h;
    table[2 * s + 1] = id + 1;
    if (2 * this.words.length > mask) this.#grow();
    return id;
  }

  /** Records a new distinct span (its string and its code units in the pool). */
  #add(word: string): void {
    const id = this.words.length;
    this.words.push(word);
    if (2 * id + 2 > this.#spans.length) {
      const spans = new Int32Array(2 * this.#spans.length);
      spans.set(this.#spans);
      this.#spans = spans;
    }
    if (this.#poolUsed + word.length > this.#pool.length) {
      const pool = new Uint16Array(Math.max(2 * this.#pool.length, this.#poolUsed + word.length));
      pool.set(this.#pool.subarray(0, this.#poolUsed));
      this.#pool = pool;
    }
    this.#spans[2 * id] = this.#poolUsed;
    this.#spans[2 * id + 1] = word.length;
    for (let k = 0; k < word.length; k++) this.#pool[this.#poolUsed + k] = word.charCodeAt(k);
    this.#poolUsed += word.length;
  }

  #grow(): void {
    const old = this.#table;
    const c = old.length; // twice the old slot count
    const table = new Int32Array(2 * c);
    const mask = c - 1;
    for (let i = 0; i < old.length; i += 2) {
      const v = old[i + 1]!;
      if (v === 0) continue;
      let s = old[i]! & mask;
      while (table[2 * s + 1] !== 0) s = (s + 1) & mask;
      table[2 * s] = old[i]!;
      table[2 * s + 1] = v;
    }
    this.#table = table;
    this.#mask = mask;
  }
}
