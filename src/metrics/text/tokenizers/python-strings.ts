/**
 * Python-compatible string helpers shared by the text metrics. The references
 * (sacrebleu, nltk, jiwer, torchmetrics) are Python programs: `str.split()` splits on Python's
 * whitespace set (which differs from JavaScript's `\s`: Python adds U+001C..U+001F and U+0085,
 * JavaScript adds U+FEFF), and Python indexes strings by code point, JavaScript by UTF-16 code
 * unit. These helpers make the text metrics see the same tokens and characters as the references.
 */

/** The characters for which Python's `str.isspace()` is true, as a character-class body. */
const PY_WHITESPACE_CLASS =
  "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const SPLIT_RE = new RegExp(`[${PY_WHITESPACE_CLASS}]+`);
const LEADING_RE = /* @__PURE__ */ new RegExp(`^[${PY_WHITESPACE_CLASS}]+`);
const TRAILING_RE = /* @__PURE__ */ new RegExp(`[${PY_WHITESPACE_CLASS}]+$`);
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

/** Compares strings by code point, as Python's `sorted()` does (JS `sort()` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Python's `format(x, ".{digits}f")`: like `toFixed`, but exact ties round half to even. */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const fixed = x.toFixed(digits);
  if (Math.abs(x) >= 1e21) return fixed;
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const tail = exact.slice(exact.indexOf(".") + 1 + digits);
  if (!/^50*$/.test(tail)) return fixed;
  // An exact tie: toFixed rounded away from zero; Python rounds to the even neighbour.
  const dot = exact.indexOf(".");
  const lastDigit = Number(exact[digits > 0 ? dot + digits : dot - 1]);
  if (lastDigit % 2 === 0) {
    const truncated = exact.slice(0, dot + (digits > 0 ? digits + 1 : 0));
    return (x < 0 ? "-" : "") + truncated;
  }
  return fixed;
}
