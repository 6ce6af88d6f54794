import { describeValue, fail } from "../../core/errors.js";
import { pythonSplit, pythonStrip } from "./python-text.js";

/** Merge ranks of a BPE model: `"a b"` → rank (lower merges first). */
export type MergeRanks = ReadonlyMap<string, number>;

/**
 * Reads a `merges.txt` (a `#version` header line, then one `left right` pair per line) into
 * ranks, the rank of a pair being its line's index as the references number them: GPT-2/RoBERTa's
 * tokenizer reads `text.split("\n")[1:-1]` (the last line is dropped, so files end with a newline),
 * CLIP's reads `text.strip().split("\n")[1:48895]`. Lines that are not two symbols take a rank but
 * match nothing; a repeated pair keeps its last rank (Python's `dict`).
 */
export function readMerges(fn: string, text: string, flavour: "gpt2" | "clip"): Map<string, number> {
  if (typeof text !== "string")
    fail("invalid_value", `${fn}: \`merges\` must be the text of merges.txt, got ${describeValue(text)}`);
  const lines =
    flavour === "gpt2" ? text.split("\n").slice(1, -1) : pythonStrip(text).split("\n").slice(1, 48_895);
  const ranks = new Map<string, number>();
  lines.forEach((line, rank) => {
    const parts = pythonSplit(line);
    if (parts.length === 2) ranks.set(`${parts[0]} ${parts[1]}`, rank);
  });
  if (ranks.size === 0) fail("invalid_value", `${fn}: merges.txt has no merges`);
  return ranks;
}

/**
 * Byte-pair encoding of one pre-token given as symbols (GPT-2's and CLIP's `bpe`): while some
 * adjacent pair has a merge rank, take the pair of lowest rank and merge all its occurrences from
 * left to right (non-overlapping); return the final symbols. O(len^2) per word, which is short.
 */
export function bpeMerge(symbols: string[], ranks: MergeRanks): string[] {
  let word = symbols;
  while (word.length > 1) {
    let best = Number.POSITIVE_INFINITY;
    let first = "";
    let second = "";
    for (let i = 0; i < word.length - 1; i++) {
      const rank = ranks.get(`${word[i]} ${word[i + 1]}`);
      if (rank !== undefined && rank < best) {
        best = rank;
        first = word[i]!;
        second = word[i + 1]!;
      }
    }
    if (best === Number.POSITIVE_INFINITY) break;
    const next: string[] = [];
    for (let i = 0; i < word.length; i++) {
      if (i < word.length - 1 && word[i] === first && word[i + 1] === second) {
        next.push(first + second);
        i++;
      } else next.push(word[i]!);
    }
    word = next;
  }
  return word;
}

/** GPT-2's reversible byte-to-character table: printable Latin-1 bytes map to themselves, the rest to U+0100 onwards. */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const table = new Array<string>(256);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    table[b] = String.fromCodePoint(printable ? b : 256 + next++);
  }
  return table;
})();

const encoder = new TextEncoder();

/** A string's UTF-8 bytes as GPT-2's byte characters. */
export function byteCharacters(text: string): string[] {
  return Array.from(encoder.encode(text), (b) => BYTE_TO_CHAR[b]!);
}

/** Reads a `vocab.json` (token → id). */
export function readJsonVocabulary(fn: string, text: string): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(
      "invalid_value",
      `${fn}: \`vocabulary\` must be the JSON text of vocab.json (${(error as Error).message})`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    fail("invalid_value", `${fn}: vocab.json must map tokens to ids, got ${describeValue(parsed)}`);
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(parsed)) {
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) > 2 ** 31)
      fail(
        "invalid_value",
        `${fn}: vocab.json maps ${describeValue(token)} to ${describeValue(id)}, not a token id`,
      );
    vocab.set(token, id as number);
  }
  return vocab;
}
