import { describeValue, fail } from "../../../core/errors.js";
import { pyRstrip, pySplit, pyStrip } from "./python-strings.js";
import type { SpanInterner } from "./span-interner.js";

/**
 * sacrebleu's tokenizers (sacrebleu 2.6.0, `sacrebleu/tokenizers/`), rewritten from their
 * definitions: `13a` (mteval-v13a, the WMT default), `intl` (mteval-v14 international),
 * `zh` (CJK characters split, the rest as `13a`), `char` (every character a token) and
 * `none`. Each returns the tokenized line with single spaces between tokens, as sacrebleu does.
 */
export type SacrebleuTokenizerName = "13a" | "intl" | "zh" | "char" | "none";

/** The tokenizer names sacrebleu's BLEU accepts that plumbline implements. */
export const sacrebleuTokenizerNames: readonly SacrebleuTokenizerName[] = [
  "13a",
  "intl",
  "zh",
  "char",
  "none",
];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isPeriodOrComma = (c: number): boolean => c === 46 || c === 44;
/** The ASCII symbols of rule 1: { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ / */
const isSymbol = (c: number): boolean =>
  (c >= 0x20 && c <= 0x26) ||
  (c >= 0x28 && c <= 0x2b) ||
  (c >= 0x3a && c <= 0x40) ||
  c === 0x2f ||
  (c >= 0x5b && c <= 0x60) ||
  (c >= 0x7b && c <= 0x7e);
/** Python `str.isspace()` for one UTF-16 code unit (all Python whitespace is in the BMP). */
const isPyWhitespace = (c: number): boolean =>
  c <= 32
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

/**
 * sacrebleu's `TokenizerRegexp` (mteval-v13a rules) as four left-to-right passes over UTF-16
 * code units, each equivalent to the global regex substitution sacrebleu applies (fixed
 * two-unit patterns, leftmost non-overlapping matches):
 * 1. `([{-~[-\` -&(-+:-@/])` -> " $1 ": the ASCII symbols get spaces around them;
 * 2. `([^0-9])([.,])` -> "$1 $2 ": a period or comma after a non-digit is split off;
 * 3. `([.,])([^0-9])` -> " $1 $2": a period or comma before a non-digit is split off;
 * 4. `([0-9])(-)` -> "$1 $2 ": a dash after a digit is split off;
 * then the result is split on Python whitespace. A unit matched as [^0-9] that is half of a
 * surrogate pair only gets spaces on its outer side, so pairs are never split.
 */
export function tokenizeRegexpTokens(line: string): string[] {
  const nb = regexpPasses(line);
  const b = passResult;
  const tokens: string[] = [];
  let start = -1;
  for (let p = 0; p <= nb; p++) {
    if (p === nb || isPyWhitespace(units[b[p]!]!)) {
      if (start >= 0) {
        tokens.push(line.slice(b[start]! - 1, b[p - 1]!));
        start = -1;
      }
    } else if (start < 0) start = p;
  }
  return tokens;
}

/**
 * The tokens of {@link tokenizeRegexpTokens} as ids of `interner` (equal tokens, equal ids),
 * written to `out.ids` from index `at` (grown when needed); returns the new end. No token
 * strings are built except the first occurrence of each distinct token.
 */
export function tokenizeRegexpIds(
  line: string,
  interner: SpanInterner,
  out: { ids: Int32Array },
  at: number,
): number {
  const nb = regexpPasses(line);
  const b = passResult;
  // Tokens are separated by at least one unit, so at most (nb + 1) / 2 of them.
  const need = at + ((nb + 1) >> 1) + 1;
  if (out.ids.length < need) {
    const grown = new Int32Array(Math.max(need, 2 * out.ids.length));
    grown.set(out.ids.subarray(0, at));
    out.ids = grown;
  }
  const ids = out.ids;
  let k = at;
  let start = -1;
  for (let p = 0; p <= nb; p++) {
    if (p === nb || isPyWhitespace(units[b[p]!]!)) {
      if (start >= 0) {
        ids[k++] = interner.internUnits(units, b[start]!, b[p - 1]! + 1, line, -1);
        start = -1;
      }
    } else if (start < 0) start = p;
  }
  return k;
}

// The output of the last regexpPasses call (a scratch buffer of indices into `units`).
let passResult: Int32Array = new Int32Array(0);
// The code units of the last line passed to regexpPasses, shifted by one (units[0] = space),
// and their character classes (bits below; 0 for the inserted space and non-ASCII units).
let units = new Uint16Array(1024);
let classes = new Uint8Array(1024);
const SYMBOL = 1;
const DIGIT = 2;
const PERIOD_OR_COMMA = 4;
const DASH = 8;
/** Class bits of the ASCII code units: rule-1 symbols (not the space), digits, period/comma, dash. */
const ASCII_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (c !== 32 && isSymbol(c)) t[c]! |= SYMBOL;
    if (isDigit(c)) t[c]! |= DIGIT;
    if (isPeriodOrComma(c)) t[c]! |= PERIOD_OR_COMMA;
    if (c === 45) t[c]! |= DASH;
  }
  return t;
})();

/** Runs the four passes of {@link tokenizeRegexpTokens}; the result is `passResult[0 .. returned)`. */
function regexpPasses(line: string): number {
  // The passes only insert spaces, so every output token is a slice of `line`. The buffers hold,
  // per output unit, its index in `line` plus one (0 for an inserted space); `units` holds the
  // code units of `line` shifted by one, with units[0] = 32 (the inserted space). All reused.
  const n = line.length;
  if (units.length < n + 1) {
    units = new Uint16Array(Math.max(n + 1, 2 * units.length));
    classes = new Uint8Array(units.length);
  }
  const code = units;
  const cls = classes;
  code[0] = 32;
  cls[0] = 0;
  let a = scratch(0, 3 * n);
  let na = 0;
  let periodOrComma = false;
  let dash = false;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    code[i + 1] = c;
    const k = c < 128 ? ASCII_CLASS[c]! : 0;
    cls[i + 1] = k;
    if (k & SYMBOL) {
      a[na++] = 0;
      a[na++] = i + 1;
      a[na++] = 0;
    } else {
      a[na++] = i + 1;
      if (k & PERIOD_OR_COMMA) periodOrComma = true;
      else if (k & DASH) dash = true;
    }
  }
  let b = a;
  let nb = na;
  // Passes 2 and 3 only matter with a period or comma, pass 4 only with a dash.
  if (periodOrComma) {
    b = scratch(1, 2 * na);
    nb = 0;
    for (let p = 0; p < na; ) {
      if (p + 1 < na && (cls[a[p + 1]!]! & PERIOD_OR_COMMA) !== 0 && (cls[a[p]!]! & DIGIT) === 0) {
        b[nb++] = a[p]!;
        b[nb++] = 0;
        b[nb++] = a[p + 1]!;
        b[nb++] = 0;
        p += 2;
      } else b[nb++] = a[p++]!;
    }
    a = scratch(0, 2 * nb);
    na = 0;
    for (let p = 0; p < nb; ) {
      if (p + 1 < nb && (cls[b[p]!]! & PERIOD_OR_COMMA) !== 0 && (cls[b[p + 1]!]! & DIGIT) === 0) {
        a[na++] = 0;
        a[na++] = b[p]!;
        a[na++] = 0;
        a[na++] = b[p + 1]!;
        p += 2;
      } else a[na++] = b[p++]!;
    }
    b = a;
    nb = na;
  }
  if (dash) {
    const from = b;
    const nFrom = nb;
    b = scratch(from === buffers[1] ? 0 : 1, 2 * nFrom);
    nb = 0;
    for (let p = 0; p < nFrom; ) {
      if (p + 1 < nFrom && (cls[from[p + 1]!]! & DASH) !== 0 && (cls[from[p]!]! & DIGIT) !== 0) {
        b[nb++] = from[p]!;
        b[nb++] = 0;
        b[nb++] = from[p + 1]!;
        b[nb++] = 0;
        p += 2;
      } else b[nb++] = from[p++]!;
    }
  }
  passResult = b;
  return nb;
}

const buffers: Int32Array[] = [new Int32Array(1024), new Int32Array(1024)];

/** Reusable scratch buffer `k` with room for at least `size` entries. */
function scratch(k: number, size: number): Int32Array {
  if (buffers[k]!.length < size) buffers[k] = new Int32Array(Math.max(size, 2 * buffers[k]!.length));
  return buffers[k]!;
}

/** sacrebleu's `TokenizerRegexp`: the shared post-processing of `13a` and `zh` (see {@link tokenizeRegexpTokens}). */
export function tokenizeRegexp(line: string): string {
  return tokenizeRegexpTokens(line).join(" ");
}

/** The tokens of sacrebleu `13a` (what `tokenize13a(line).split()` gives). */
export function tokenize13aTokens(line: string): string[] {
  return tokenizeRegexpTokens(unescape13a(line));
}

/** 13a's line preprocessing before the regexp passes: `<skipped>`, line breaks, four XML entities, padding. */
function unescape13a(line: string): string {
  let out = line;
  if (out.includes("<skipped>")) out = out.replaceAll("<skipped>", "");
  if (out.includes("\n")) out = out.replaceAll("-\n", "").replaceAll("\n", " ");
  if (out.includes("&")) {
    out = out
      .replaceAll("&quot;", '"')
      .replaceAll("&amp;", "&")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">");
  }
  return ` ${out} `;
}

/** {@link tokenize13aTokens} as interned ids (see {@link tokenizeRegexpIds}); returns the new end. */
export function tokenize13aIds(
  line: string,
  interner: SpanInterner,
  out: { ids: Int32Array },
  at: number,
): number {
  return tokenizeRegexpIds(unescape13a(line), interner, out, at);
}

/** sacrebleu `13a`: drops `<skipped>`, joins hyphenated line breaks, unescapes four XML entities, then {@link tokenizeRegexp}. */
export function tokenize13a(line: string): string {
  return tokenize13aTokens(line).join(" ");
}

const RE_INTL_1 = /(\P{N})(\p{P})/gu;
const RE_INTL_2 = /(\p{P})(\P{N})/gu;
const RE_INTL_3 = /(\p{S})/gu;

/**
 * sacrebleu `intl` (mteval-v14 international): punctuation is split off unless it sits between
 * digits, and every symbol (Unicode category S) gets spaces around it.
 */
export function tokenizeIntl(line: string): string {
  let out = line.replace(RE_INTL_1, "$1 $2 ");
  out = out.replace(RE_INTL_2, " $1 $2");
  out = out.replace(RE_INTL_3, " $1 ");
  return pySplit(out).join(" ");
}

/**
 * The code-point ranges sacrebleu's `zh` tokenizer treats as Chinese characters. sacrebleu
 * writes two of its ranges as `'\u20000'`..`'\u2a6d6'` and `'\u2f800'`..`'\u2fa1d'`, which Python
 * reads as two-character strings; compared with one character they select U+2001..U+2A6D and
 * U+2F81..U+2FA1 (not the supplementary CJK planes). Reproduced as sacrebleu behaves.
 */
const ZH_RANGES: readonly (readonly [number, number])[] = [
  [0x3400, 0x4db5],
  [0x4e00, 0x9fa5],
  [0x9fa6, 0x9fbb],
  [0xf900, 0xfa2d],
  [0xfa30, 0xfa6a],
  [0xfa70, 0xfad9],
  [0x2001, 0x2a6d],
  [0x2f81, 0x2fa1],
  [0xff00, 0xffef],
  [0x2e80, 0x2eff],
  [0x3000, 0x303f],
  [0x31c0, 0x31ef],
  [0x2f00, 0x2fdf],
  [0x2ff0, 0x2fff],
  [0x3100, 0x312f],
  [0x31a0, 0x31bf],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe4f],
  [0x2600, 0x26ff],
  [0x2700, 0x27bf],
  [0x3200, 0x32ff],
  [0x3300, 0x33ff],
];

/** True when sacrebleu's `zh` tokenizer splits this code point off as a Chinese character. */
export function isSacrebleuChineseChar(codePoint: number): boolean {
  for (const [start, end] of ZH_RANGES) if (codePoint >= start && codePoint <= end) return true;
  return false;
}

/** sacrebleu `zh`: strip, put spaces around each Chinese character, then {@link tokenizeRegexp}. */
export function tokenizeZh(line: string): string {
  const stripped = pyStrip(line);
  let out = "";
  for (const ch of stripped) {
    if (isSacrebleuChineseChar(ch.codePointAt(0)!)) out += ` ${ch} `;
    else out += ch;
  }
  return tokenizeRegexp(out);
}

/** sacrebleu `char`: every code point separated by a space. */
export function tokenizeChar(line: string): string {
  return Array.from(line).join(" ");
}

/** sacrebleu `none`: the line unchanged. */
export function tokenizeNone(line: string): string {
  return line;
}

const TOKENIZERS: Readonly<Record<SacrebleuTokenizerName, (line: string) => string>> = {
  "13a": tokenize13a,
  intl: tokenizeIntl,
  zh: tokenizeZh,
  char: tokenizeChar,
  none: tokenizeNone,
};

/** The tokenizer function for a sacrebleu tokenizer name; `invalid_option` for an unknown one. */
export function sacrebleuTokenizer(name: unknown, fn = "sacrebleuTokenizer"): (line: string) => string {
  if (typeof name !== "string" || !Object.hasOwn(TOKENIZERS, name)) {
    fail(
      "invalid_option",
      `${fn}: option \`tokenize\` must be one of ${sacrebleuTokenizerNames.map((n) => JSON.stringify(n)).join(", ")}, got ${describeValue(name)}`,
    );
  }
  return TOKENIZERS[name as SacrebleuTokenizerName];
}

/** sacrebleu's BLEU preprocessing of one segment: optional lowercasing, right strip, tokenize. */
export function preprocessBleuSegment(
  line: string,
  tokenize: (line: string) => string,
  lowercase: boolean,
): string {
  return tokenize(pyRstrip(lowercase ? line.toLowerCase() : line));
}
