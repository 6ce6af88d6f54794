import { porterStem } from "./porter-stemmer.js";

const CODE_a = 97;
const CODE_z = 122;
const CODE_0 = 48;
const CODE_9 = 57;

/**
 * rouge-score's tokenizer fused with token interning: scans the lowercased text once and maps
 * each `[a-z0-9]+` token to a small integer id through an open-addressing hash table keyed on the
 * token's characters, so no string is made for a token already seen. With stemming, each distinct
 * raw token is stemmed once (tokens longer than 3 characters, as rouge-score does) and ids are
 * given to stems. Produces the same id sequences (up to renaming) as `rougeScoreTokenize` + a Map.
 */
export class RougeTokenIds {
  readonly #stem: boolean;
  #table = new Int32Array(1 << 12);
  #hashes = new Int32Array(1 << 11);
  #raw: string[] = [];
  /** raw id -> final id (stem id when stemming, else the raw id). */
  #final = new Int32Array(1 << 11);
  readonly #stems = new Map<string, number>();
  #buffer = new Int32Array(256);

  constructor(stem: boolean) {
    this.#stem = stem;
  }

  /** Number of distinct final ids handed out so far (ids are 0 .. size-1). */
  get size(): number {
    return this.#stem ? this.#stems.size : this.#raw.length;
  }

  /** Drops every id (to bound memory between pairs of a long stream). */
  clear(): void {
    this.#table.fill(0);
    this.#raw = [];
    this.#stems.clear();
  }

  #rawId(text: string, start: number, end: number, hash: number): number {
    const table = this.#table;
    const mask = table.length - 1;
    let slot = hash & mask;
    const length = end - start;
    for (;;) {
      const entry = table[slot] as number;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.#hashes[id] === hash) {
        const candidate = this.#raw[id] as string;
        if (candidate.length === length) {
          let same = true;
          for (let k = 0; k < length; k++) {
            let code = text.charCodeAt(start + k);
            if (code >= 65 && code <= 90) code += 32;
            if (candidate.charCodeAt(k) !== code) {
              same = false;
              break;
            }
          }
          if (same) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.#raw.length;
    const token = text.slice(start, end).toLowerCase();
    this.#raw.push(token);
    if (id >= this.#hashes.length) {
      const hashes = new Int32Array(2 * this.#hashes.length);
      hashes.set(this.#hashes);
      this.#hashes = hashes;
      const final = new Int32Array(2 * this.#final.length);
      final.set(this.#final);
      this.#final = final;
    }
    this.#hashes[id] = hash;
    table[slot] = id + 1;
    if (this.#stem) {
      const stemmed = token.length > 3 ? porterStem(token) : token;
      let f = this.#stems.get(stemmed);
      if (f === undefined) {
        f = this.#stems.size;
        this.#stems.set(stemmed, f);
      }
      this.#final[id] = f;
    } else this.#final[id] = id;
    if (2 * this.#raw.length > table.length) this.#grow();
    return id;
  }

  #grow(): void {
    const table = new Int32Array(2 * this.#table.length);
    const mask = table.length - 1;
    for (let id = 0; id < this.#raw.length; id++) {
      let slot = (this.#hashes[id] as number) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.#table = table;
  }

  /** The token ids of `text` under rouge-score's tokenizer. */
  encode(text: string): Int32Array {
    // ASCII text is lowercased on the fly; anything else goes through toLowerCase first (its
    // full Unicode mapping can produce ASCII letters, e.g. the Kelvin sign to "k").
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) >= 128) {
        ascii = false;
        break;
      }
    }
    const lower = ascii ? text : text.toLowerCase();
    let count = 0;
    let start = -1;
    let hash = 0;
    const n = lower.length;
    for (let i = 0; i <= n; i++) {
      let code = i < n ? lower.charCodeAt(i) : 32;
      if (code >= 65 && code <= 90) code += 32;
      if ((code >= CODE_a && code <= CODE_z) || (code >= CODE_0 && code <= CODE_9)) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5;
        }
        hash = Math.imul(hash ^ code, 0x01000193);
      } else if (start >= 0) {
        if (count === this.#buffer.length) {
          const buffer = new Int32Array(2 * count);
          buffer.set(this.#buffer);
          this.#buffer = buffer;
        }
        const raw = this.#rawId(lower, start, i, hash >>> 1);
        this.#buffer[count++] = this.#final[raw] as number;
        start = -1;
      }
    }
    return this.#buffer.slice(0, count);
  }
}
