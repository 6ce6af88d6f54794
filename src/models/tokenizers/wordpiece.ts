import { describeValue, fail } from "../../core/errors.js";
import { optBoolean, optInteger, optionNames, readOptions } from "../../core/options.js";
import { lowerPerCharacter, pythonSplit, pythonStrip } from "./python-text.js";
import type { Tokenizer } from "./tokenizer.js";

/** Options of {@link wordPieceTokenizer}. */
export interface WordPieceOptions {
  /** Lowercase (and strip accents): true for uncased models (bert-base-uncased), false for cased ones; default true (BertTokenizer's). */
  readonly lowercase?: boolean;
  /** Strip accents; default the value of `lowercase` (as BERT). */
  readonly stripAccents?: boolean;
  /** Longest `encode` result, special tokens included; default 512 (BERT's `model_max_length`). */
  readonly maxLength?: number;
}

const WORDPIECE_OPTIONS = optionNames<WordPieceOptions>()("lowercase", "stripAccents", "maxLength");

/** Words longer than this many characters become [UNK] (Hugging Face's `max_input_chars_per_word`). */
const MAX_WORD_CHARACTERS = 100;
const SPECIAL_TOKENS = ["[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]"] as const;

const CONTROL = /^\p{C}$/u;
const SPACE_SEPARATOR = /^\p{Zs}$/u;
const PUNCTUATION = /^\p{P}$/u;
const MARK_NONSPACING = /^\p{Mn}$/u;

function isControl(char: string): boolean {
  return char !== "\t" && char !== "\n" && char !== "\r" && CONTROL.test(char);
}

function isWhitespace(char: string): boolean {
  return char === " " || char === "\t" || char === "\n" || char === "\r" || SPACE_SEPARATOR.test(char);
}

function isPunctuation(char: string): boolean {
  const cp = char.codePointAt(0)!;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126))
    return true;
  return PUNCTUATION.test(char);
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/**
 * BERT's basic tokenizer: drops NUL, U+FFFD and control characters, turns whitespace into
 * spaces, isolates CJK ideographs, NFC-normalises, splits on whitespace, lowercases and strips
 * accents (NFD, combining marks removed) when asked, and splits off every punctuation character.
 */
function basicTokens(text: string, lowercase: boolean, stripAccents: boolean): string[] {
  let cleaned = "";
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp === 0 || cp === 0xfffd || isControl(char)) continue;
    if (isWhitespace(char)) cleaned += " ";
    else if (isCjk(cp)) cleaned += ` ${char} `;
    else cleaned += char;
  }
  const out: string[] = [];
  for (let token of pythonSplit(cleaned.normalize("NFC"))) {
    if (lowercase) token = token.toLowerCase();
    if (stripAccents)
      token = Array.from(token.normalize("NFD"))
        .filter((c) => !MARK_NONSPACING.test(c))
        .join("");
    let word = "";
    for (const char of token) {
      if (isPunctuation(char)) {
        if (word !== "") out.push(word);
        out.push(char);
        word = "";
      } else word += char;
    }
    if (word !== "") out.push(word);
  }
  return out;
}

/**
 * Splits `text` on exact occurrences of the special tokens (Hugging Face's added-tokens trie:
 * leftmost, then longest), keeping them as pieces.
 */
export function splitOnSpecialTokens(text: string, specials: readonly string[]): string[] {
  const pieces: string[] = [];
  let rest = text;
  for (;;) {
    let at = -1;
    let found = "";
    for (const special of specials) {
      const i = rest.indexOf(special);
      if (i >= 0 && (at < 0 || i < at || (i === at && special.length > found.length))) {
        at = i;
        found = special;
      }
    }
    if (at < 0) break;
    if (at > 0) pieces.push(rest.slice(0, at));
    pieces.push(found);
    rest = rest.slice(at + found.length);
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

/** Reads a WordPiece `vocab.txt` (one token per line, the line number is its id; a repeated token keeps its last id). */
function readVocabulary(fn: string, text: string): Map<string, number> {
  if (typeof text !== "string")
    fail("invalid_value", `${fn}: \`vocabulary\` must be the text of vocab.txt, got ${describeValue(text)}`);
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const vocab = new Map<string, number>();
  lines.forEach((token, id) => {
    vocab.set(token, id);
  });
  for (const special of SPECIAL_TOKENS)
    if (!vocab.has(special))
      fail("invalid_value", `${fn}: the vocabulary has no ${special} token; is it a BERT vocab.txt?`);
  return vocab;
}

/**
 * BERT's WordPiece tokenizer from the text of the model's `vocab.txt`, as Hugging Face's
 * `BertTokenizer` (transformers 4.x, the tokenizer bert_score uses): special tokens in the text
 * are kept whole; the rest is lowercased one character at a time (uncased models), split by the
 * basic tokenizer, then each word is split greedily into the longest vocabulary pieces from the
 * left (`##` marks a continuation); a word of more than 100 characters or with no split is
 * `[UNK]`. `encode` wraps the ids in `[CLS] ... [SEP]` and truncates to `maxLength`.
 *
 * @example wordPieceTokenizer(vocab).tokenize("Unaffable!") // ["una", "##ffa", "##ble", "!"] with BERT's vocabulary
 */
export function wordPieceTokenizer(vocabulary: string, options?: WordPieceOptions): Tokenizer {
  const fn = "wordPieceTokenizer";
  const o = readOptions<WordPieceOptions>(fn, options, WORDPIECE_OPTIONS);
  const lowercase = optBoolean(fn, "lowercase", o.lowercase, true);
  const stripAccents = optBoolean(fn, "stripAccents", o.stripAccents, lowercase);
  const maxLength = optInteger(fn, "maxLength", o.maxLength, 512, { min: 2, max: 1_000_000 });
  const vocab = readVocabulary(fn, vocabulary);
  const id = (token: string) => vocab.get(token) ?? vocab.get("[UNK]")!;

  const wordPieces = (word: string): string[] => {
    const chars = Array.from(word);
    if (chars.length > MAX_WORD_CHARACTERS) return ["[UNK]"];
    const pieces: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let piece: string | undefined;
      while (start < end) {
        const candidate = (start > 0 ? "##" : "") + chars.slice(start, end).join("");
        if (vocab.has(candidate)) {
          piece = candidate;
          break;
        }
        end--;
      }
      if (piece === undefined) return ["[UNK]"];
      pieces.push(piece);
      start = end;
    }
    return pieces;
  };

  const tokenize = (text: string): string[] => {
    if (typeof text !== "string")
      fail("invalid_value", `${fn}: text must be a string, got ${describeValue(text)}`);
    const out: string[] = [];
    for (const piece of splitOnSpecialTokens(text, SPECIAL_TOKENS)) {
      if ((SPECIAL_TOKENS as readonly string[]).includes(piece)) out.push(piece);
      else
        for (const word of basicTokens(lowercase ? lowerPerCharacter(piece) : piece, lowercase, stripAccents))
          out.push(...wordPieces(word));
    }
    return out;
  };

  const startId = vocab.get("[CLS]")!;
  const endId = vocab.get("[SEP]")!;
  return {
    kind: "wordpiece",
    tokenize,
    encode: (text) => [
      startId,
      ...tokenize(pythonStrip(text))
        .slice(0, maxLength - 2)
        .map(id),
      endId,
    ],
    startId,
    endId,
    padId: vocab.get("[PAD]")!,
    vocabularySize: vocab.size === 0 ? 0 : [...vocab.values()].reduce((a, b) => Math.max(a, b)) + 1,
    maxLength,
  };
}
