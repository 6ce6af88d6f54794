/**
 * jiwer's default transforms as tokenizers (the same in jiwer 2.3.0, 3.x and 4.x):
 * `wer_default` (RemoveMultipleSpaces, Strip, split on " ") and `cer_default` (Strip, then
 * characters), plus the pair-local word ids of the WER fast path.
 */
import { isPythonWhitespace, pyStrip } from "./python-strings.js";
import { FNV_PRIME, FNV_SEED } from "./span-interner.js";

/** jiwer `wer_default` words: collapse whitespace runs, strip, split on " ". */
export function jiwerWords(text: string): string[] {
  // One scan: strip Python whitespace at both ends; inside, a run of 2+ whitespace characters
  // or a single space separates words, and a lone other whitespace character (a tab) stays
  // inside its word, as `re.sub(r"\s\s+", " ")` then `split(" ")` leave it.
  let begin = 0;
  let end = text.length;
  while (begin < end && isPythonWhitespace(text.charCodeAt(begin))) begin++;
  while (end > begin && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  const words: string[] = [];
  let start = begin;
  let i = begin;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isPythonWhitespace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && isPythonWhitespace(text.charCodeAt(j))) j++;
    if (j - i >= 2 || c === 32) {
      if (i > start) words.push(text.slice(start, i));
      start = j;
    }
    i = j;
  }
  if (end > start) words.push(text.slice(start, end));
  return words;
}

/** jiwer `cer_default` characters: strip, then code points. */
export function jiwerChars(text: string): string[] {
  return Array.from(pyStrip(text));
}

/**
 * Word ids local to one (reference, hypothesis) pair, for the WER alignment, which only compares
 * words within a pair: a small open-addressing table keyed by each word's FNV-1a hash (computed
 * while the text is scanned), confirmed against the word's first occurrence, and reset per pair
 * by a generation stamp. Ids are 0, 1, 2... in order of first appearance in the pair.
 */
export class PairWordIds {
  #hashes = new Int32Array(256);
  #slotId = new Int32Array(256);
  #stamps = new Int32Array(256);
  #generation = 0;
  /** Per id: which text (0: the first given in the pair, 1: the second), start and length. */
  #firstText: string[] = [];
  #firstStart = new Int32Array(128);
  #firstLength = new Int32Array(128);
  /** Number of distinct words of the current pair. */
  size = 0;

  /** Starts a new pair whose texts hold at most `maxWords` words in all. */
  reset(maxWords: number): void {
    let capacity = this.#hashes.length;
    while (capacity < 2 * maxWords) capacity *= 2;
    if (capacity !== this.#hashes.length) {
      this.#hashes = new Int32Array(capacity);
      this.#slotId = new Int32Array(capacity);
      this.#stamps = new Int32Array(capacity);
      this.#generation = 0;
    }
    if (this.#firstStart.length < maxWords) {
      this.#firstStart = new Int32Array(2 * maxWords);
      this.#firstLength = new Int32Array(2 * maxWords);
    }
    if (++this.#generation === 0x7fffffff) {
      this.#stamps.fill(0);
      this.#generation = 1;
    }
    this.size = 0;
  }

  /** The id of `text[start .. end)`, whose FNV-1a state is `hash`. */
  id(text: string, start: number, end: number, hash: number): number {
    const h = hash ^ (hash >>> 16);
    const mask = this.#hashes.length - 1;
    const len = end - start;
    const g = this.#generation;
    let s = h & mask;
    while (this.#stamps[s] === g) {
      if (this.#hashes[s] === h) {
        const v = this.#slotId[s]!;
        if (this.#firstLength[v] === len) {
          const other = this.#firstText[v]!;
          const o = this.#firstStart[v]!;
          let k = 0;
          while (k < len && other.charCodeAt(o + k) === text.charCodeAt(start + k)) k++;
          if (k === len) return v;
        }
      }
      s = (s + 1) & mask;
    }
    const v = this.size++;
    this.#stamps[s] = g;
    this.#hashes[s] = h;
    this.#slotId[s] = v;
    this.#firstText[v] = text;
    this.#firstStart[v] = start;
    this.#firstLength[v] = len;
    return v;
  }
}

/**
 * Appends the ids of the words of `text` (split as {@link jiwerWords}, or as Python's
 * `str.split()` with `everyWhitespace`) to `out` from `at`; returns the new end. `out` must have
 * room for (text.length + 1) / 2 + 1 more ids.
 */
export function jiwerPairWordIds(
  text: string,
  table: PairWordIds,
  out: Int32Array,
  at: number,
  everyWhitespace: boolean,
): number {
  let begin = 0;
  let end = text.length;
  while (begin < end && isPythonWhitespace(text.charCodeAt(begin))) begin++;
  while (end > begin && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  let k = at;
  let start = begin;
  let h = FNV_SEED;
  let i = begin;
  while (i < end) {
    const c = text.charCodeAt(i);
    if ((c > 32 && c < 0x85) || !isPythonWhitespace(c)) {
      h = Math.imul(h ^ c, FNV_PRIME);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && isPythonWhitespace(text.charCodeAt(j))) j++;
    if (j - i >= 2 || c === 32 || everyWhitespace) {
      if (i > start) out[k++] = table.id(text, start, i, h);
      start = j;
      h = FNV_SEED;
    } else {
      for (let m = i; m < j; m++) h = Math.imul(h ^ text.charCodeAt(m), FNV_PRIME);
    }
    i = j;
  }
  if (end > start) out[k++] = table.id(text, start, end, h);
  return k;
}
