import { porterStem } from "./porter-stemmer.js";

const CODE_a = 97;
const CODE_z = 122;
const CODE_0 = 48;
const CODE_9 = 57;
const CODE_A = 65;
const CODE_Z = 90;

/**
 * rouge-score's tokenizer fused with token interning: scans the text once and maps each
 * `[a-z0-9]+` token (after lowercasing) to a small integer id through an open-addressing hash
 * table whose keys live in one flat character pool, so no string is made for a token already
 * seen. With stemming, each distinct raw token is stemmed once (tokens longer than 3 characters,
 * as rouge-score does) and ids are given to stems. Produces the same id sequences (up to
 * renaming) as `rougeScoreTokenize` followed by a dictionary.
 */
export class RougeTokenIds {
  readonly #stem: boolean;
  #table = new Int32Array(1 << 12);
  #hashes = new Int32Array(1 << 11);
  #offsets = new Int32Array(1 << 11);
  #lengths = new Int32Array(1 << 11);
  /** raw id -> final id (stem id when stemming, else the raw id). */
  #finals = new Int32Array(1 << 11);
  #pool = new Uint16Array(1 << 15);
  #poolSize = 0;
  #rawCount = 0;
  readonly #stems = new Map<string, number>();
  #buffer = new Int32Array(256);

  constructor(stem: boolean) {
    this.#stem = stem;
  }

  /** Number of distinct final ids handed out so far (ids are 0 .. size-1). */
  get size(): number {
    return this.#stem ? this.#stems.size : this.#rawCount;
  }

  /** Drops every id (to bound memory between pairs of a long stream). */
  clear(): void {
    this.#table.fill(0);
    this.#rawCount = 0;
    this.#poolSize = 0;
    this.#stems.clear();
  }

  #insert(text: string, start: number, end: number, hash: number, slot: number): number {
    const id = this.#rawCount++;
    const length = end - start;
    if (id >= this.#hashes.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.#hashes = grow(this.#hashes);
      this.#offsets = grow(this.#offsets);
      this.#lengths = grow(this.#lengths);
      this.#finals = grow(this.#finals);
    }
    if (this.#poolSize + length > this.#pool.length) {
      const pool = new Uint16Array(Math.max(2 * this.#pool.length, this.#poolSize + length));
      pool.set(this.#pool);
      this.#pool = pool;
    }
    const offset = this.#poolSize;
    for (let k = 0; k < length; k++) {
      let c = text.charCodeAt(start + k);
      if (c >= CODE_A && c <= CODE_Z) c += 32;
      this.#pool[offset + k] = c;
    }
    this.#poolSize += length;
    this.#hashes[id] = hash;
    this.#offsets[id] = offset;
    this.#lengths[id] = length;
    this.#table[slot] = id + 1;
    if (this.#stem) {
      const token = text.slice(start, end).toLowerCase();
      const stemmed = token.length > 3 ? porterStem(token) : token;
      let f = this.#stems.get(stemmed);
      if (f === undefined) {
        f = this.#stems.size;
        this.#stems.set(stemmed, f);
      }
      this.#finals[id] = f;
    } else this.#finals[id] = id;
    if (2 * this.#rawCount > this.#table.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const table = new Int32Array(2 * this.#table.length);
    const mask = table.length - 1;
    for (let id = 0; id < this.#rawCount; id++) {
      let slot = (this.#hashes[id] as number) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.#table = table;
  }

  /** The token ids of `text` under rouge-score's tokenizer. */
  encode(input: string): Int32Array {
    // ASCII is lowercased on the fly; at the first non-ASCII character the scan restarts on
    // input.toLowerCase() (its full Unicode mapping can produce ASCII letters, e.g. the Kelvin
    // sign to "k"). Ids handed out before the restart stay valid, merely unused.
    let text = input;
    let lowered = false;
    let n = text.length;
    let count = 0;
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= n; i++) {
      let code = i < n ? text.charCodeAt(i) : 32;
      if (code >= 128 && !lowered) {
        text = input.toLowerCase();
        n = text.length;
        lowered = true;
        count = 0;
        start = -1;
        i = -1;
        continue;
      }
      if (code >= CODE_A && code <= CODE_Z) code += 32;
      if ((code >= CODE_a && code <= CODE_z) || (code >= CODE_0 && code <= CODE_9)) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5 | 0;
        }
        hash = Math.imul(hash ^ code, 0x01000193);
        continue;
      }
      if (start < 0) continue;
      const length = i - start;
      const h = hash >>> 1;
      const table = this.#table;
      const mask = table.length - 1;
      let slot = h & mask;
      let id = -1;
      for (;;) {
        const entry = table[slot] as number;
        if (entry === 0) break;
        const candidate = entry - 1;
        if (this.#hashes[candidate] === h && this.#lengths[candidate] === length) {
          const offset = this.#offsets[candidate] as number;
          const pool = this.#pool;
          let k = 0;
          for (; k < length; k++) {
            let c = text.charCodeAt(start + k);
            if (c >= CODE_A && c <= CODE_Z) c += 32;
            if (pool[offset + k] !== c) break;
          }
          if (k === length) {
            id = candidate;
            break;
          }
        }
        slot = (slot + 1) & mask;
      }
      if (id < 0) id = this.#insert(text, start, i, h, slot);
      if (count === this.#buffer.length) {
        const buffer = new Int32Array(2 * count);
        buffer.set(this.#buffer);
        this.#buffer = buffer;
      }
      this.#buffer[count++] = this.#finals[id] as number;
      start = -1;
    }
    return this.#buffer.slice(0, count);
  }
}
