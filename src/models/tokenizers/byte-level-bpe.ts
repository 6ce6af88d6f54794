import { describeValue, fail } from "../../core/errors.js";
import { optBoolean, optInteger, optionNames, readOptions } from "../../core/options.js";
import { bpeMerge, byteCharacters, readJsonVocabulary, readMerges } from "./bpe.js";
import { isPythonSpace, pythonStrip, REGEX_WHITESPACE } from "./python-text.js";
import type { Tokenizer } from "./tokenizer.js";
import { splitOnSpecialTokens } from "./wordpiece.js";

/** Options of {@link byteLevelBpeTokenizer}. */
export interface ByteLevelBpeOptions {
  /** Put a space before the text, as bert_score does for RoBERTa and GPT-2 (`add_prefix_space=True`); default true. */
  readonly addPrefixSpace?: boolean;
  /** Longest `encode` result, special tokens included; default 512 (RoBERTa's `model_max_length`). */
  readonly maxLength?: number;
}

const BYTE_LEVEL_OPTIONS = optionNames<ByteLevelBpeOptions>()("addPrefixSpace", "maxLength");

/** GPT-2's pre-tokenizer: contractions, letter runs, digit runs, other runs (each with one leading space), spaces. */
const GPT2_PATTERN = new RegExp(
  `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^${REGEX_WHITESPACE}\\p{L}\\p{N}]+|[${REGEX_WHITESPACE}]+(?![^${REGEX_WHITESPACE}])|[${REGEX_WHITESPACE}]+`,
  "gu",
);

const SPECIAL_TOKENS = ["<s>", "</s>", "<unk>", "<pad>", "<mask>"] as const;

/**
 * GPT-2's byte-level BPE as RoBERTa's tokenizer applies it (Hugging Face's slow
 * `RobertaTokenizer`, which bert_score uses), from the texts of the model's `vocab.json` and
 * `merges.txt`: special tokens in the text are kept whole; with `addPrefixSpace` a text that does
 * not start with whitespace gets one space; the text is cut by GPT-2's pattern, each piece's UTF-8
 * bytes become GPT-2's byte characters and are merged by rank. `encode` wraps the ids in
 * `<s> ... </s>` and truncates to `maxLength`.
 */
export function byteLevelBpeTokenizer(
  vocabulary: string,
  merges: string,
  options?: ByteLevelBpeOptions,
): Tokenizer {
  const fn = "byteLevelBpeTokenizer";
  const o = readOptions<ByteLevelBpeOptions>(fn, options, BYTE_LEVEL_OPTIONS);
  const addPrefixSpace = optBoolean(fn, "addPrefixSpace", o.addPrefixSpace, true);
  const maxLength = optInteger(fn, "maxLength", o.maxLength, 512, { min: 2, max: 1_000_000 });
  const vocab = readJsonVocabulary(fn, vocabulary);
  const ranks = readMerges(fn, merges, "gpt2");
  for (const special of SPECIAL_TOKENS)
    if (!vocab.has(special))
      fail("invalid_value", `${fn}: vocab.json has no ${special} token; is it a RoBERTa-family vocabulary?`);
  const cache = new Map<string, string[]>();
  const tokenize = (text: string): string[] => {
    if (typeof text !== "string")
      fail("invalid_value", `${fn}: text must be a string, got ${describeValue(text)}`);
    const prefixed =
      addPrefixSpace && text.length > 0 && !isPythonSpace(Array.from(text)[0]!) ? ` ${text}` : text;
    const out: string[] = [];
    for (const piece of splitOnSpecialTokens(prefixed, SPECIAL_TOKENS)) {
      if ((SPECIAL_TOKENS as readonly string[]).includes(piece)) {
        out.push(piece);
        continue;
      }
      for (const match of piece.matchAll(GPT2_PATTERN)) {
        const word = match[0];
        let pieces = cache.get(word);
        if (pieces === undefined) {
          pieces = bpeMerge(byteCharacters(word), ranks);
          if (cache.size < 100_000) cache.set(word, pieces);
        }
        out.push(...pieces);
      }
    }
    return out;
  };
  const unk = vocab.get("<unk>")!;
  const startId = vocab.get("<s>")!;
  const endId = vocab.get("</s>")!;
  return {
    kind: "byte-level-bpe",
    tokenize,
    encode: (text) => [
      startId,
      ...tokenize(pythonStrip(text))
        .slice(0, maxLength - 2)
        .map((t) => vocab.get(t) ?? unk),
      endId,
    ],
    startId,
    endId,
    padId: vocab.get("<pad>")!,
    vocabularySize: [...vocab.values()].reduce((a, b) => Math.max(a, b), -1) + 1,
    maxLength,
  };
}
