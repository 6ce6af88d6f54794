/**
 * Interning of string spans without slicing: `intern(text, start, end)` returns the id of
 * `text.slice(start, end)` (equal spans, equal ids; ids 0, 1, 2... in order of first
 * appearance) but only allocates a string the first time a span is seen. An open-addressing
 * table keyed by a hash of the UTF-16 code units; candidates are confirmed unit by unit, so
 * ids are exact (hash collisions cost a comparison, never a wrong id). Amortized O(span length).
 */
export class SpanInterner {
  private hashes: Int32Array;
  /** Per slot: id + 1 (0 = empty). */
  private slots: Int32Array;
  private mask: number;
  /** The distinct spans by id. */
  readonly words: string[] = [];
  /** The code units of the distinct spans, back to back (compact: comparisons stay in cache). */
  private pool = new Uint16Array(4096);
  private poolUsed = 0;
  /** Per id: start of its code units in `pool`, and their count. */
  private spanStart = new Int32Array(256);
  private spanLength = new Int32Array(256);

  constructor(capacity = 1024) {
    let c = 16;
    while (c < capacity) c *= 2;
    this.hashes = new Int32Array(c);
    this.slots = new Int32Array(c);
    this.mask = c - 1;
  }

  /** Number of distinct spans seen. */
  get size(): number {
    return this.words.length;
  }

  /** The id of `text.slice(start, end)`. */
  intern(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    const len = end - start;
    let s = h & this.mask;
    for (;;) {
      const v = this.slots[s]!;
      if (v === 0) break;
      if (this.hashes[s] === h && this.spanLength[v - 1] === len) {
        const pool = this.pool;
        const p0 = this.spanStart[v - 1]!;
        let k = 0;
        while (k < len && pool[p0 + k] === text.charCodeAt(start + k)) k++;
        if (k === len) return v - 1;
      }
      s = (s + 1) & this.mask;
    }
    const id = this.words.length;
    const word = text.slice(start, end);
    this.add(word);
    this.slots[s] = id + 1;
    this.hashes[s] = h;
    if (2 * this.words.length > this.mask) this.grow();
    return id;
  }

  /**
   * The id of the span `units[start .. end)` of code units, which equals
   * `text.slice(start + offset, end + offset)` (the string is sliced only for a new span).
   */
  internUnits(units: Uint16Array, start: number, end: number, text: string, offset: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ units[i]!, 0x01000193);
    h ^= h >>> 16;
    const len = end - start;
    let s = h & this.mask;
    for (;;) {
      const v = this.slots[s]!;
      if (v === 0) break;
      if (this.hashes[s] === h && this.spanLength[v - 1] === len) {
        const pool = this.pool;
        const p0 = this.spanStart[v - 1]!;
        let k = 0;
        while (k < len && pool[p0 + k] === units[start + k]) k++;
        if (k === len) return v - 1;
      }
      s = (s + 1) & this.mask;
    }
    const id = this.words.length;
    this.add(text.slice(start + offset, end + offset));
    this.slots[s] = id + 1;
    this.hashes[s] = h;
    if (2 * this.words.length > this.mask) this.grow();
    return id;
  }

  /** Records a new distinct span (its string and its code units in the pool). */
  private add(word: string): void {
    const id = this.words.length;
    this.words.push(word);
    if (id === this.spanStart.length) {
      const start = new Int32Array(2 * id);
      start.set(this.spanStart);
      this.spanStart = start;
      const length = new Int32Array(2 * id);
      length.set(this.spanLength);
      this.spanLength = length;
    }
    if (this.poolUsed + word.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(2 * this.pool.length, this.poolUsed + word.length));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    this.spanStart[id] = this.poolUsed;
    this.spanLength[id] = word.length;
    for (let k = 0; k < word.length; k++) this.pool[this.poolUsed + k] = word.charCodeAt(k);
    this.poolUsed += word.length;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldSlots = this.slots;
    const c = 2 * oldSlots.length;
    this.hashes = new Int32Array(c);
    this.slots = new Int32Array(c);
    this.mask = c - 1;
    for (let i = 0; i < oldSlots.length; i++) {
      const v = oldSlots[i]!;
      if (v === 0) continue;
      let s = oldHashes[i]! & this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
      this.slots[s] = v;
      this.hashes[s] = oldHashes[i]!;
    }
  }
}
