import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describeValue, fail } from "../../core/errors.js";
import type { BertScoreBaseline } from "../../metrics/text/index.js";
import { readBertScoreBaseline } from "../bertscore/bertscore-with-model.js";
import { type ByteLevelBpeOptions, byteLevelBpeTokenizer } from "./byte-level-bpe.js";
import { type ClipTokenizerOptions, clipTokenizer } from "./clip-tokenizer.js";
import type { Tokenizer } from "./tokenizer.js";
import { type WordPieceOptions, wordPieceTokenizer } from "./wordpiece.js";

/** Largest vocabulary file read (BERT's is 0.2 MB, RoBERTa's vocab.json 0.9 MB). */
const MAX_VOCABULARY_BYTES = 64 * 2 ** 20;

function readText(fn: string, path: string): string {
  if (typeof path !== "string" || path.length === 0)
    fail("invalid_value", `${fn}: expected a file path, got ${describeValue(path)}`);
  try {
    const size = statSync(path).size;
    if (size > MAX_VOCABULARY_BYTES)
      fail(
        "invalid_value",
        `${fn}: ${path} has ${size} bytes; vocabulary files up to ${MAX_VOCABULARY_BYTES} bytes are read`,
      );
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === undefined) throw error;
    return fail("io_error", `${fn}: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** BERT's WordPiece tokenizer from a `vocab.txt` file (or a folder holding one). */
export function loadWordPieceTokenizer(path: string, options?: WordPieceOptions): Tokenizer {
  const file = isDirectory(path) ? join(path, "vocab.txt") : path;
  return wordPieceTokenizer(readText("loadWordPieceTokenizer", file), options);
}

/** RoBERTa's byte-level BPE tokenizer from a folder holding `vocab.json` and `merges.txt`. */
export function loadByteLevelBpeTokenizer(folder: string, options?: ByteLevelBpeOptions): Tokenizer {
  const fn = "loadByteLevelBpeTokenizer";
  return byteLevelBpeTokenizer(
    readText(fn, join(folder, "vocab.json")),
    readText(fn, join(folder, "merges.txt")),
    options,
  );
}

/** CLIP's tokenizer from a folder holding `vocab.json` and `merges.txt`. */
export function loadClipTokenizer(folder: string, options?: ClipTokenizerOptions): Tokenizer {
  const fn = "loadClipTokenizer";
  return clipTokenizer(
    readText(fn, join(folder, "vocab.json")),
    readText(fn, join(folder, "merges.txt")),
    options,
  );
}

/** The baseline of one layer from a bert_score rescale file (`rescale_baseline/en/roberta-large.tsv`). */
export function loadBertScoreBaseline(path: string, layer: number): BertScoreBaseline {
  return readBertScoreBaseline(readText("loadBertScoreBaseline", path), layer);
}
