/**
 * Python-compatible string helpers (TEXT-A: BLEU, chrF, TER, WER...). The references
 * (sacrebleu, nltk, jiwer, torchmetrics) are Python programs: `str.split()` splits on Python's
 * whitespace set (which differs from JavaScript's `\s`: Python adds U+001C..U+001F and U+0085,
 * JavaScript adds U+FEFF), and Python indexes strings by code point, JavaScript by UTF-16 code
 * unit. These helpers make the text metrics see the same tokens and characters as the references.
 */

/** The characters for which Python's `str.isspace()` is true, as a character-class body. */
const PY_WHITESPACE_CLASS =
  "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const SPLIT_RE = new RegExp(`[${PY_WHITESPACE_CLASS}]+`);
const LEADING_RE = new RegExp(`^[${PY_WHITESPACE_CLASS}]+`);
const TRAILING_RE = new RegExp(`[${PY_WHITESPACE_CLASS}]+$`);
const NEEDS_REGEX_RE = /[^\x21-\x7e ]/;

/** Regular-expression character-class body matching Python whitespace (for building patterns). */
export const pythonWhitespaceClass: string = PY_WHITESPACE_CLASS;

/** Python's `s.split()`: split on runs of whitespace, no empty tokens. O(n). */
export function pySplit(text: string): string[] {
  if (text.length === 0) return [];
  if (!NEEDS_REGEX_RE.test(text)) {
    // Printable ASCII only: the space is the one separator.
    const out: string[] = [];
    let start = -1;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 32) {
        if (start >= 0) {
          out.push(text.slice(start, i));
          start = -1;
        }
      } else if (start < 0) start = i;
    }
    if (start >= 0) out.push(text.slice(start));
    return out;
  }
  const parts = text.split(SPLIT_RE);
  if (parts.length > 0 && parts[0] === "") parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Python's `s.strip()`. */
export function pyStrip(text: string): string {
  let begin = 0;
  let end = text.length;
  while (begin < end && isPythonWhitespace(text.charCodeAt(begin))) begin++;
  while (end > begin && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  return begin === 0 && end === text.length ? text : text.slice(begin, end);
}

/** Python's `s.rstrip()` (a code-unit loop; equal to removing the match of `pyTrailingWhitespace`). */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The regular expressions `pyStrip` / `pyRstrip` are equivalent to (kept for the property tests). */
export const pyLeadingWhitespace: RegExp = LEADING_RE;
export const pyTrailingWhitespace: RegExp = TRAILING_RE;

/** Python `str.isspace()` for one UTF-16 code unit (all Python whitespace is in the BMP). */
export function isPythonWhitespace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31)
    : c >= 0x85 &&
        (c === 0x85 ||
          c === 0xa0 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000);
}
