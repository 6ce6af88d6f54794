import { describeValue, invalidOption } from "../../../core/errors.js";
import { isPythonWhitespace, pyRstrip, pySplit, pyStrip } from "./python-strings.js";
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

/**
 * sacrebleu's `TokenizerRegexp` (mteval-v13a rules): four global regex substitutions, then a
 * split on Python whitespace:
 * 1. `([{-~[-\` -&(-+:-@/])` -> " $1 ": the ASCII symbols get spaces around them;
 * 2. `([^0-9])([.,])` -> "$1 $2 ": a period or comma after a non-digit is split off;
 * 3. `([.,])([^0-9])` -> " $1 $2": a period or comma before a non-digit is split off;
 * 4. `([0-9])(-)` -> "$1 $2 ": a dash after a digit is split off.
 *
 * Each substitution only inserts spaces, so every token is a slice of the line. The passes run
 * as one streaming pipeline over the UTF-16 code units: each stage holds one pending unit (its
 * pattern is two units long, matched leftmost and non-overlapping as the regex engine does) and
 * hands units, and the spaces it inserts, to the next; the last stage cuts tokens at whitespace.
 * A unit matched as [^0-9] that is half of a surrogate pair only gets spaces on its outer side,
 * so pairs are never split (as Python, which matches code points). O(n), no allocation.
 */
export function tokenizeRegexpTokens(line: string, pad = false): string[] {
  const count = regexpSpans(line, pad);
  const tokens: string[] = new Array(count);
  for (let t = 0; t < count; t++) tokens[t] = line.slice(spans[2 * t]!, spans[2 * t + 1]!);
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
  pad = false,
): number {
  const count = regexpSpans(line, pad);
  if (out.ids.length < at + count) {
    const grown = new Int32Array(Math.max(at + count, 2 * out.ids.length));
    grown.set(out.ids.subarray(0, at));
    out.ids = grown;
  }
  const ids = out.ids;
  for (let t = 0; t < count; t++) ids[at + t] = interner.intern(line, spans[2 * t]!, spans[2 * t + 1]!);
  return at + count;
}

const SYMBOL = 1;
const DIGIT = 2;
const PERIOD_OR_COMMA = 4;
const DASH = 8;
const SPACE = 16;
/** Class bits of the code units below 128: rule-1 symbols (not the space), digits, period/comma, dash, Python whitespace. */
const ASCII_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (c !== 32 && isSymbol(c)) t[c]! |= SYMBOL;
    if (isDigit(c)) t[c]! |= DIGIT;
    if (isPeriodOrComma(c)) t[c]! |= PERIOD_OR_COMMA;
    if (c === 45) t[c]! |= DASH;
    if (isPythonWhitespace(c)) t[c]! |= SPACE;
  }
  return t;
})();

/** The class bits of a code unit (an inserted space is unit 32). */
function classOf(c: number): number {
  return c < 128 ? ASCII_CLASS[c]! : isPythonWhitespace(c) ? SPACE : 0;
}

/** Token spans of the last regexpSpans call: [start, end) pairs of indices into the line. */
let spans = new Int32Array(512);

// Stage outputs for one input character as (line index or -1 for an inserted space, class)
// pairs: a character is at most 3 stage-1 units, and a stage emits at most 4 units per input.
const out2 = new Int32Array(32);
const out3 = new Int32Array(128);
const out4 = new Int32Array(16);

/**
 * The token spans of `line` in `spans[0 .. 2 * count)` (with `pad`, as if a space preceded and
 * followed the line, as 13a pads it). No stage can match across a whitespace unit except with its
 * immediate neighbours, and whitespace is a non-digit like the padding space, so every
 * whitespace-separated word tokenizes on its own as if padded with spaces: a word of plain units
 * (no digit, period, comma, dash, symbol) is one token; any other word runs through the pipeline.
 */
function regexpSpans(line: string, pad: boolean): number {
  const n = line.length;
  if (spans.length < 2 * n + 4) spans = new Int32Array(2 * n + 4);
  let count = 0;
  let i = 0;
  while (i < n) {
    let cls = classOf(line.charCodeAt(i));
    if ((cls & SPACE) !== 0) {
      i++;
      continue;
    }
    const start = i;
    let all = 0;
    while (i < n && (cls & SPACE) === 0) {
      all |= cls;
      i++;
      if (i < n) cls = classOf(line.charCodeAt(i));
    }
    if (all === 0) {
      spans[2 * count] = start;
      spans[2 * count + 1] = i;
      count++;
    } else count = pipelineSpans(line, start, i, start > 0 || pad, i < n || pad, count);
  }
  return count;
}

/**
 * Runs the pipeline over `line[from .. to)` (a space fed before and after when asked), appending
 * token spans to `spans` after the first `count`; returns the new count. Every stage is a few
 * local variables: the unit it holds back (its index, -2 for none, and class) and the pairs it
 * emitted for the current input.
 */
function pipelineSpans(
  line: string,
  from: number,
  to: number,
  padBefore: boolean,
  padAfter: boolean,
  count: number,
): number {
  const n = to;
  const sp = spans;
  let tokenStart = -1;
  let tokenEnd = -1;
  let p2 = -2;
  let k2 = 0;
  let p3 = -2;
  let k3 = 0;
  let p4 = -2;
  let k4 = 0;
  // Input positions -1 and n are the padding spaces; the extra round flushes the pending units.
  for (let i = padBefore ? from - 1 : from; i <= n + 1; i++) {
    if (i >= from && i < n) {
      // Fast path: a unit that is neither a period/comma nor a symbol, with every stage holding a
      // unit and no stage able to match, just shifts the held units one stage on (the common case
      // inside words and at spaces).
      const cls = classOf(line.charCodeAt(i));
      if (
        (cls & (PERIOD_OR_COMMA | SYMBOL)) === 0 &&
        p4 !== -2 &&
        p3 !== -2 &&
        p2 !== -2 &&
        (k3 & PERIOD_OR_COMMA) === 0 &&
        ((k4 & DIGIT) === 0 || (k3 & DASH) === 0)
      ) {
        if (p4 < 0 || (k4 & SPACE) !== 0) {
          if (tokenStart >= 0) {
            sp[2 * count] = tokenStart;
            sp[2 * count + 1] = tokenEnd + 1;
            count++;
            tokenStart = -1;
          }
        } else {
          if (tokenStart < 0) tokenStart = p4;
          tokenEnd = p4;
        }
        p4 = p3;
        k4 = k3;
        p3 = p2;
        k3 = k2;
        p2 = i;
        k2 = cls;
        if (k2 === 0 && k3 === 0 && k4 === 0) {
          // Three plain units held (positions i-2, i-1, i): a following run of plain units only
          // extends the current token, so skip to its end and hold its last three.
          let j = i + 1;
          while (j < n && classOf(line.charCodeAt(j)) === 0) j++;
          if (j > i + 1) {
            if (tokenStart < 0) tokenStart = p4;
            tokenEnd = j - 4;
            p4 = j - 3;
            p3 = j - 2;
            p2 = j - 1;
            i = j - 1;
          }
        }
        continue;
      }
    }
    // Stage 1: a symbol becomes space, symbol, space; everything else passes as is.
    let n2 = 0;
    if ((i >= from && i < n) || (i === n && padAfter) || i < from) {
      const cls = i < from || i === n ? SPACE : classOf(line.charCodeAt(i));
      const index = i < from || i === n ? -1 : i;
      // Stage 2, `([^0-9])([.,])` -> "$1 $2 ", fed with the stage-1 units.
      const feed2 = (cls & SYMBOL) !== 0 ? 3 : 1;
      for (let f = 0; f < feed2; f++) {
        const ix = feed2 === 3 && f !== 1 ? -1 : index;
        const kx = feed2 === 3 && f !== 1 ? SPACE : cls;
        if (p2 === -2) {
          p2 = ix;
          k2 = kx;
        } else if ((k2 & DIGIT) === 0 && (kx & PERIOD_OR_COMMA) !== 0) {
          out2[n2++] = p2;
          out2[n2++] = k2;
          out2[n2++] = -1;
          out2[n2++] = SPACE;
          out2[n2++] = ix;
          out2[n2++] = kx;
          out2[n2++] = -1;
          out2[n2++] = SPACE;
          p2 = -2;
        } else {
          out2[n2++] = p2;
          out2[n2++] = k2;
          p2 = ix;
          k2 = kx;
        }
      }
    } else if (i === n + 1 && p2 !== -2) {
      out2[n2++] = p2;
      out2[n2++] = k2;
      p2 = -2;
    }
    // Stage 3, `([.,])([^0-9])` -> " $1 $2".
    let n3 = 0;
    for (let a = 0; a < n2; a += 2) {
      const ix = out2[a]!;
      const kx = out2[a + 1]!;
      if (p3 === -2) {
        p3 = ix;
        k3 = kx;
      } else if ((k3 & PERIOD_OR_COMMA) !== 0 && (kx & DIGIT) === 0) {
        out3[n3++] = -1;
        out3[n3++] = SPACE;
        out3[n3++] = p3;
        out3[n3++] = k3;
        out3[n3++] = -1;
        out3[n3++] = SPACE;
        out3[n3++] = ix;
        out3[n3++] = kx;
        p3 = -2;
      } else {
        out3[n3++] = p3;
        out3[n3++] = k3;
        p3 = ix;
        k3 = kx;
      }
    }
    if (i === n + 1 && p3 !== -2) {
      out3[n3++] = p3;
      out3[n3++] = k3;
      p3 = -2;
    }
    // Stage 4, `([0-9])(-)` -> "$1 $2 ", then the tokens (cut at whitespace and inserted spaces).
    for (let a = 0; a <= n3; a += 2) {
      let n4 = 0;
      if (a < n3) {
        const ix = out3[a]!;
        const kx = out3[a + 1]!;
        if (p4 === -2) {
          p4 = ix;
          k4 = kx;
        } else if ((k4 & DIGIT) !== 0 && (kx & DASH) !== 0) {
          out4[n4++] = p4;
          out4[n4++] = k4;
          out4[n4++] = -1;
          out4[n4++] = SPACE;
          out4[n4++] = ix;
          out4[n4++] = kx;
          out4[n4++] = -1;
          out4[n4++] = SPACE;
          p4 = -2;
        } else {
          out4[n4++] = p4;
          out4[n4++] = k4;
          p4 = ix;
          k4 = kx;
        }
      } else if (i === n + 1 && p4 !== -2) {
        out4[n4++] = p4;
        out4[n4++] = k4;
        p4 = -2;
      }
      for (let b = 0; b < n4; b += 2) {
        const ix = out4[b]!;
        if (ix < 0 || (out4[b + 1]! & SPACE) !== 0) {
          if (tokenStart >= 0) {
            sp[2 * count] = tokenStart;
            sp[2 * count + 1] = tokenEnd + 1;
            count++;
            tokenStart = -1;
          }
        } else {
          if (tokenStart < 0) tokenStart = ix;
          tokenEnd = ix;
        }
      }
    }
  }
  if (tokenStart >= 0) {
    sp[2 * count] = tokenStart;
    sp[2 * count + 1] = tokenEnd + 1;
    count++;
  }
  return count;
}

/** sacrebleu's `TokenizerRegexp`: the shared post-processing of `13a` and `zh` (see {@link tokenizeRegexpTokens}). */
export function tokenizeRegexp(line: string): string {
  return tokenizeRegexpTokens(line).join(" ");
}

/** The tokens of sacrebleu `13a` (what `tokenize13a(line).split()` gives). */
export function tokenize13aTokens(line: string): string[] {
  return tokenizeRegexpTokens(unescape13a(line), true);
}

/** 13a's line preprocessing before the regexp passes: `<skipped>`, line breaks, four XML entities (the padding spaces come from the pipeline). */
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
  return out;
}

/** {@link tokenize13aTokens} as interned ids (see {@link tokenizeRegexpIds}); returns the new end. */
export function tokenize13aIds(
  line: string,
  interner: SpanInterner,
  out: { ids: Int32Array },
  at: number,
): number {
  return tokenizeRegexpIds(unescape13a(line), interner, out, at, true);
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
    invalidOption(
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
