import { describeValue, fail } from "../../core/errors.js";
import { pyRstrip, pySplit, pyStrip } from "./python-strings.js";

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

// mteval-v13a punctuation rules, applied in order (TokenizerRegexp):
// 1. the ASCII symbols { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ / get spaces around them;
// 2. a period or comma after a non-digit is split off;
// 3. a period or comma before a non-digit is split off;
// 4. a dash after a digit is split off.
const RE_SYMBOLS = /([{-~[-` -&(-+:-@/])/gu;
const RE_PERIOD_AFTER = /([^0-9])([.,])/gu;
const RE_PERIOD_BEFORE = /([.,])([^0-9])/gu;
const RE_DIGIT_DASH = /([0-9])(-)/gu;

/** sacrebleu's `TokenizerRegexp`: the shared post-processing of `13a` and `zh`. */
export function tokenizeRegexp(line: string): string {
  let out = line.replace(RE_SYMBOLS, " $1 ");
  out = out.replace(RE_PERIOD_AFTER, "$1 $2 ");
  out = out.replace(RE_PERIOD_BEFORE, " $1 $2");
  out = out.replace(RE_DIGIT_DASH, "$1 $2 ");
  return pySplit(out).join(" ");
}

/** sacrebleu `13a`: drops `<skipped>`, joins hyphenated line breaks, unescapes four XML entities, then {@link tokenizeRegexp}. */
export function tokenize13a(line: string): string {
  let out = line.replaceAll("<skipped>", "").replaceAll("-\n", "").replaceAll("\n", " ");
  if (out.includes("&")) {
    out = out
      .replaceAll("&quot;", '"')
      .replaceAll("&amp;", "&")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">");
  }
  return tokenizeRegexp(` ${out} `);
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
