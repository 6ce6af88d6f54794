import { fail } from "../../../core/errors.js";
import { cachedStemmer } from "./porter-stemmer.js";

/**
 * Which tokenizer ROUGE uses.
 *
 * - `"rouge-score"` (default, for parity with Google's rouge-score 0.1.2 and torchmetrics 1.9.0
 *   ROUGEScore): lowercase, every run of characters outside `[a-z0-9]` becomes a space, split on
 *   spaces. Accented letters and all non-Latin scripts act as separators, so Chinese, Russian or
 *   Thai text has no tokens and scores 0.
 * - `"unicode"`: lowercase, then the words of `Intl.Segmenter(undefined, { granularity: "word" })`
 *   (segments with `isWordLike`), so every script tokenizes (Chinese and Thai by dictionary
 *   segmentation). Not a reference behaviour: scores differ from rouge-score on any text with
 *   characters outside `[a-z0-9]`.
 */
export type RougeTokenizer = "rouge-score" | "unicode";

/** A tokenizer function: text to tokens. */
export type TokenizeFn = (text: string) => string[];

const CODE_a = 97;
const CODE_z = 122;
const CODE_0 = 48;
const CODE_9 = 57;

/**
 * rouge-score 0.1.2's `tokenize.tokenize`: lowercase, non-`[a-z0-9]` runs to spaces, split, and
 * (with `stem`) the Porter stem of each token longer than 3 characters.
 *
 * @example rougeScoreTokenize("The café's 3.14!") // ["the", "caf", "s", "3", "14"]
 */
export function rougeScoreTokenize(text: string, stem?: (word: string) => string): string[] {
  const lower = text.toLowerCase();
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    const alnum = (code >= CODE_a && code <= CODE_z) || (code >= CODE_0 && code <= CODE_9);
    if (alnum) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const token = lower.slice(start, i);
      tokens.push(stem !== undefined && token.length > 3 ? stem(token) : token);
      start = -1;
    }
  }
  return tokens;
}

let segmenter: Intl.Segmenter | undefined;

/** Lowercased word segments of `Intl.Segmenter` (`isWordLike` only); ASCII-alphanumeric tokens longer than 3 characters are stemmed. */
export function unicodeTokenize(text: string, stem?: (word: string) => string): string[] {
  if (typeof Intl === "undefined" || typeof Intl.Segmenter !== "function") {
    fail(
      "unsupported",
      'unicodeTokenize: this runtime has no Intl.Segmenter; use the "rouge-score" tokenizer',
    );
  }
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  const tokens: string[] = [];
  for (const segment of segmenter.segment(text.toLowerCase())) {
    if (!segment.isWordLike) continue;
    const token = segment.segment;
    tokens.push(stem !== undefined && token.length > 3 && /^[a-z0-9]+$/.test(token) ? stem(token) : token);
  }
  return tokens;
}

/** Builds the tokenize function for the options (one stem cache per function). */
export function makeRougeTokenizer(tokenizer: RougeTokenizer, useStemmer: boolean): TokenizeFn {
  const stem = useStemmer ? cachedStemmer() : undefined;
  if (tokenizer === "unicode") return (text) => unicodeTokenize(text, stem);
  return (text) => rougeScoreTokenize(text, stem);
}
