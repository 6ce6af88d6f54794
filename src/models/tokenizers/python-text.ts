/**
 * Python's character classes as the reference tokenizers use them (CPython `str` methods, the
 * `regex` module, `unicodedata`), where JavaScript's differ.
 */

/** The `regex` module's `\s` (Unicode White_Space; JavaScript's `\s` lacks U+0085 and adds U+FEFF). */
export const REGEX_WHITESPACE =
  "\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const PYTHON_SPACE = new RegExp(`[${REGEX_WHITESPACE}\\x1c-\\x1f]`, "u");

/** CPython's `str.isspace()` for one character (White_Space plus U+001C..U+001F). */
export function isPythonSpace(char: string): boolean {
  return PYTHON_SPACE.test(char);
}

/** CPython's `str.split()` without arguments: runs of `isspace` characters separate, none are kept. */
export function pythonSplit(text: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const char of text) {
    if (isPythonSpace(char)) {
      if (current !== "") out.push(current);
      current = "";
    } else current += char;
  }
  if (current !== "") out.push(current);
  return out;
}

/** CPython's `str.strip()` without arguments. */
export function pythonStrip(text: string): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && isPythonSpace(chars[start]!)) start++;
  while (end > start && isPythonSpace(chars[end - 1]!)) end--;
  return chars.slice(start, end).join("");
}

/** Lowercases one code point at a time, as Hugging Face's tokenizers do (final sigma stays σ). */
export function lowerPerCharacter(text: string): string {
  let out = "";
  for (const char of text) out += char.toLowerCase();
  return out;
}
