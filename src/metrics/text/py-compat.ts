/**
 * Small string helpers that behave like Python 3's, for references written in Python.
 */

/** Characters Python's `str.isspace()` accepts (the separators of `str.split()` without arguments). */
export const PY_WHITESPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const SPLIT = new RegExp(`[${PY_WHITESPACE}]+`);

/** Python's `s.split()`: split on runs of whitespace, no empty strings. */
export function pySplit(text: string): string[] {
  const parts = text.split(SPLIT);
  let start = 0;
  let end = parts.length;
  if (end > 0 && parts[0] === "") start = 1;
  if (end > start && parts[end - 1] === "") end -= 1;
  return start === 0 && end === parts.length ? parts : parts.slice(start, end);
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
