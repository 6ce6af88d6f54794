import { internIn } from "../shared/ngram-matches.js";
import { porterStem } from "./porter-stemmer.js";
import { FNV_PRIME, FNV_SEED, SpanInterner } from "./span-interner.js";

/**
 * rouge-score's tokenizer fused with token interning: scans the lowercased text once and maps
 * each `[a-z0-9]+` token to a small integer id through a {@link SpanInterner} (hashing while it
 * scans), so no string is made for a token already seen. With stemming, each distinct raw token
 * is stemmed once (tokens longer than 3 characters, as rouge-score does) and ids are given to
 * stems. Produces the same id sequences (up to renaming) as `rougeScoreTokenize` followed by a
 * dictionary.
 */
export class RougeTokenIds {
  readonly #stem: boolean;
  #interner = new SpanInterner(4096);
  /** Raw token id -> stem id (when stemming). */
  #stemOf = new Int32Array(1024);
  readonly #stems = new Map<string, number>();
  #buffer = new Int32Array(256);

  constructor(stem: boolean) {
    this.#stem = stem;
  }

  /** Number of distinct final ids handed out so far (ids are 0 .. size-1). */
  get size(): number {
    return this.#stem ? this.#stems.size : this.#interner.size;
  }

  /** Drops every id (to bound memory between pairs of a long stream). */
  clear(): void {
    this.#interner = new SpanInterner(4096);
    this.#stems.clear();
  }

  /** The token ids of `input` under rouge-score's tokenizer. */
  encode(input: string): Int32Array {
    const text = input.toLowerCase();
    const interner = this.#interner;
    let count = 0;
    let start = -1;
    let hash = FNV_SEED;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
        if (start < 0) {
          start = i;
          hash = FNV_SEED;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
        continue;
      }
      if (start < 0) continue;
      const seen = interner.size;
      let id = interner.internHashed(text, start, i, hash);
      if (this.#stem) {
        if (id === seen) {
          if (id >= this.#stemOf.length) {
            const grown = new Int32Array(2 * id);
            grown.set(this.#stemOf);
            this.#stemOf = grown;
          }
          const token = interner.words[id]!;
          this.#stemOf[id] = internIn(this.#stems, token.length > 3 ? porterStem(token) : token);
        }
        id = this.#stemOf[id]!;
      }
      if (count === this.#buffer.length) {
        const grown = new Int32Array(2 * count);
        grown.set(this.#buffer);
        this.#buffer = grown;
      }
      this.#buffer[count++] = id;
      start = -1;
    }
    return this.#buffer.slice(0, count);
  }
}
