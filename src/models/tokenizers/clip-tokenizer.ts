import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import { bpeMerge, byteCharacters, readJsonVocabulary, readMerges } from "./bpe.js";
import { lowerPerCharacter, REGEX_WHITESPACE } from "./python-text.js";
import type { Tokenizer } from "./tokenizer.js";
import { splitOnSpecialTokens } from "./wordpiece.js";

/** Options of {@link clipTokenizer}. */
export interface ClipTokenizerOptions {
  /** Longest `encode` result (CLIP's context length); default 77. */
  readonly maxLength?: number;
}

const CLIP_OPTIONS = optionNames<ClipTokenizerOptions>()("maxLength");

const START = "<|startoftext|>";
const END = "<|endoftext|>";

/** CLIP's pre-tokenizer: its special tokens, contractions, letter runs, single digits, other runs. */
const CLIP_PATTERN = new RegExp(
  `<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^${REGEX_WHITESPACE}\\p{L}\\p{N}]+`,
  "gu",
);
const WHITESPACE_RUN = new RegExp(`[${REGEX_WHITESPACE}]+`, "gu");

/**
 * CLIP's BPE tokenizer, as Hugging Face's `CLIPTokenizerFast` (which `CLIPProcessor`, and so
 * torchmetrics' CLIPScore, loads) from the texts of the model's `vocab.json` and `merges.txt`:
 * NFC, whitespace runs to one space, lowercase, CLIP's pattern, UTF-8 bytes as GPT-2's byte
 * characters, BPE with `</w>` closing each word (the first 48,894 merges, as CLIP). `encode` gives
 * `<|startoftext|> ... <|endoftext|>` cut to `maxLength` ids, as torchmetrics cuts captions
 * longer than the text tower's 77 positions (the end token is cut with them).
 *
 * Differences from OpenAI's `clip.tokenize`, which runs ftfy and unescapes HTML first: text with
 * mojibake or HTML entities (`&amp;`) tokenizes differently.
 */
export function clipTokenizer(vocabulary: string, merges: string, options?: ClipTokenizerOptions): Tokenizer {
  const fn = "clipTokenizer";
  const o = readOptions<ClipTokenizerOptions>(fn, options, CLIP_OPTIONS);
  const maxLength = optInteger(fn, "maxLength", o.maxLength, 77, { min: 2, max: 1_000_000 });
  const vocab = readJsonVocabulary(fn, vocabulary);
  const ranks = readMerges(fn, merges, "clip");
  for (const special of [START, END])
    if (!vocab.has(special))
      fail("invalid_value", `${fn}: vocab.json has no ${special} token; is it a CLIP vocabulary?`);
  const cache = new Map<string, string[]>();
  const tokenize = (text: string): string[] => {
    if (typeof text !== "string")
      fail("invalid_value", `${fn}: text must be a string, got ${describeValue(text)}`);
    const out: string[] = [];
    for (const piece of splitOnSpecialTokens(text, [START, END])) {
      if (piece === START || piece === END) {
        out.push(piece);
        continue;
      }
      const normalized = lowerPerCharacter(piece.normalize("NFC").replace(WHITESPACE_RUN, " "));
      for (const match of normalized.matchAll(CLIP_PATTERN)) {
        const word = match[0];
        let pieces = cache.get(word);
        if (pieces === undefined) {
          const symbols = byteCharacters(word);
          symbols[symbols.length - 1] += "</w>";
          pieces = bpeMerge(symbols, ranks);
          if (cache.size < 100_000) cache.set(word, pieces);
        }
        out.push(...pieces);
      }
    }
    return out;
  };
  const startId = vocab.get(START)!;
  const endId = vocab.get(END)!;
  return {
    kind: "clip-bpe",
    tokenize,
    encode: (text) =>
      [startId, ...tokenize(text).map((t) => vocab.get(t) ?? endId), endId].slice(0, maxLength),
    startId,
    endId,
    padId: endId,
    vocabularySize: [...vocab.values()].reduce((a, b) => Math.max(a, b), -1) + 1,
    maxLength,
  };
}
