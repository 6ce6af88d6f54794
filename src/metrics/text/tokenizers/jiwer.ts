/**
 * jiwer's default transforms as tokenizers (the same in jiwer 2.3.0, 3.x and 4.x):
 * `wer_default` (RemoveMultipleSpaces, Strip, split on " ") and `cer_default` (Strip, then
 * characters), plus an interning word splitter for the WER fast path.
 */
import { isPythonWhitespace, pyStrip } from "./python-strings.js";
import type { SpanInterner } from "./span-interner.js";

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

/** Appends the word ids of `text` to `buffer` from `at` (split as {@link jiwerWords}, or as Python `str.split()` with `everyWhitespace`); returns the new end. */
export function jiwerWordIds(
  text: string,
  interner: SpanInterner,
  buffer: { ids: Int32Array },
  at: number,
  everyWhitespace = false,
): number {
  // Same boundaries as jiwerWords, interning each word span instead of slicing it.
  let begin = 0;
  let end = text.length;
  while (begin < end && isPythonWhitespace(text.charCodeAt(begin))) begin++;
  while (end > begin && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  // At most one word per two code units (+1), so this bounds the growth.
  const need = at + ((end - begin + 2) >> 1) + 1;
  if (buffer.ids.length < need) {
    const grown = new Int32Array(Math.max(need, 2 * buffer.ids.length));
    grown.set(buffer.ids.subarray(0, at));
    buffer.ids = grown;
  }
  const ids = buffer.ids;
  let k = at;
  let start = begin;
  let i = begin;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 0x85) {
      i++;
      continue;
    }
    if (!isPythonWhitespace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && isPythonWhitespace(text.charCodeAt(j))) j++;
    if (j - i >= 2 || c === 32 || everyWhitespace) {
      if (i > start) ids[k++] = interner.intern(text, start, i);
      start = j;
    }
    i = j;
  }
  if (end > start) ids[k++] = interner.intern(text, start, end);
  return k;
}
