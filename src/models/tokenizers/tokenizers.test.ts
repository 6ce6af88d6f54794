import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { bpeMerge } from "./bpe.js";
import { byteLevelBpeTokenizer } from "./byte-level-bpe.js";
import { clipTokenizer } from "./clip-tokenizer.js";
import type { Tokenizer } from "./tokenizer.js";
import {
  loadBertScoreBaseline,
  loadByteLevelBpeTokenizer,
  loadClipTokenizer,
  loadWordPieceTokenizer,
} from "./vocabulary-files.js";
import { wordPieceTokenizer } from "./wordpiece.js";

const DATA = join(import.meta.dirname, "../../../test/data/models");
const read = (path: string) => readFileSync(join(DATA, path), "utf8");
const golden = JSON.parse(read("tokenizers.json")) as {
  cases: {
    tokenizer: string;
    lowercase?: boolean;
    maxLength: number;
    text: string;
    tokens: string[];
    ids: number[];
  }[];
};

function build(c: (typeof golden.cases)[number]): Tokenizer {
  if (c.tokenizer === "wordpiece")
    return wordPieceTokenizer(read("bert/vocab.txt"), { lowercase: c.lowercase!, maxLength: c.maxLength });
  if (c.tokenizer === "byte-level-bpe")
    return byteLevelBpeTokenizer(read("roberta/vocab.json"), read("roberta/merges.txt"), {
      maxLength: c.maxLength,
    });
  return clipTokenizer(read("clip/vocab.json"), read("clip/merges.txt"), { maxLength: c.maxLength });
}

describe("tokenizers equal the reference implementations on hand-built vocabularies", () => {
  for (const kind of ["wordpiece", "byte-level-bpe", "clip-bpe"]) {
    it(`${kind}: tokens and ids of every test text`, () => {
      const cases = golden.cases.filter((c) => c.tokenizer === kind);
      expect(cases.length).toBeGreaterThan(20);
      for (const c of cases) {
        const tokenizer = build(c);
        const label = `${JSON.stringify(c.text)} (${JSON.stringify({ lowercase: c.lowercase, maxLength: c.maxLength })})`;
        expect(tokenizer.tokenize(c.text), label).toEqual(c.tokens);
        expect(tokenizer.encode(c.text), label).toEqual(c.ids);
      }
    });
  }

  it("refuses vocabularies that are not of the tokenizer's kind", () => {
    expectError(
      () => wordPieceTokenizer("hello\nworld\n"),
      "invalid_value",
      "wordPieceTokenizer: the vocabulary has no [UNK] token; is it a BERT vocab.txt?",
    );
    expectError(
      () => byteLevelBpeTokenizer("[1, 2]", "#version\na b\n"),
      "invalid_value",
      "byteLevelBpeTokenizer: vocab.json must map tokens to ids, got an array of length 2",
    );
    expectError(
      () => byteLevelBpeTokenizer(read("clip/vocab.json"), read("clip/merges.txt")),
      "invalid_value",
      "byteLevelBpeTokenizer: vocab.json has no <s> token; is it a RoBERTa-family vocabulary?",
    );
    expectError(
      () => clipTokenizer(read("clip/vocab.json"), "#version: 0.2\n"),
      "invalid_value",
      "clipTokenizer: merges.txt has no merges",
    );
    expectError(
      () => wordPieceTokenizer(read("bert/vocab.txt"), { lower_case: true } as never),
      "invalid_option",
      "wordPieceTokenizer: unknown option `lower_case` (did you mean `lowercase`?); known: `lowercase`, `stripAccents`, `maxLength`",
    );
    expectError(
      () => wordPieceTokenizer(read("bert/vocab.txt")).tokenize(3 as never),
      "invalid_value",
      "wordPieceTokenizer: text must be a string, got 3",
    );
  });
});

describe("vocabulary files", () => {
  it("loads the same tokenizers from files and folders", () => {
    const text = "It's a naïve café, isn't it?";
    expect(loadWordPieceTokenizer(join(DATA, "bert")).encode(text)).toEqual(
      wordPieceTokenizer(read("bert/vocab.txt")).encode(text),
    );
    expect(loadWordPieceTokenizer(join(DATA, "bert/vocab.txt"), { lowercase: false }).tokenize(text)).toEqual(
      wordPieceTokenizer(read("bert/vocab.txt"), { lowercase: false }).tokenize(text),
    );
    expect(loadByteLevelBpeTokenizer(join(DATA, "roberta")).encode(text)).toEqual(
      byteLevelBpeTokenizer(read("roberta/vocab.json"), read("roberta/merges.txt")).encode(text),
    );
    expect(loadClipTokenizer(join(DATA, "clip")).encode(text)).toEqual(
      clipTokenizer(read("clip/vocab.json"), read("clip/merges.txt")).encode(text),
    );
    expect(loadBertScoreBaseline(join(DATA, "bertscore/baseline-bert.tsv"), 1)).toEqual({
      precision: 0.1,
      recall: 0.12,
      f1: 0.11,
    });
  });

  it("names a missing file", () => {
    expectError(
      () => loadClipTokenizer(join(DATA, "nowhere")),
      "io_error",
      `loadClipTokenizer: cannot read ${join(DATA, "nowhere/vocab.json")} (ENOENT)`,
    );
  });
});

/** The references' algorithm (GPT-2 encoder.py's bpe), rescanning after every round. */
function referenceBpe(symbols: string[], ranks: Map<string, number>): string[] {
  let word = symbols;
  while (word.length > 1) {
    let best: string | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i < word.length - 1; i++) {
      const r = ranks.get(`${word[i]} ${word[i + 1]}`);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = `${word[i]} ${word[i + 1]}`;
      }
    }
    if (best === undefined) break;
    const [first, second] = best.split(" ");
    const merged: string[] = [];
    for (let i = 0; i < word.length; i++) {
      if (i < word.length - 1 && word[i] === first && word[i + 1] === second) {
        merged.push(first + second!);
        i++;
      } else merged.push(word[i]!);
    }
    word = merged;
  }
  return word;
}

describe("bpeMerge", () => {
  it("equals the references' rescanning algorithm on random words and merge tables, odd ones included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "b", "c", "ab", "ba", "bc", "abc", "ca"), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(
          fc.tuple(
            fc.constantFrom("a", "b", "c", "ab", "ba", "abc", "bab"),
            fc.constantFrom("a", "b", "c", "ab", "bc", "ca"),
          ),
          {
            maxLength: 20,
          },
        ),
        (symbols, merges) => {
          const ranks = new Map<string, number>();
          merges.forEach(([x, y], rank) => {
            ranks.set(`${x} ${y}`, rank);
          });
          expect(bpeMerge(symbols, ranks)).toEqual(referenceBpe(symbols, ranks));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is not quadratic in the word's length", () => {
    const ranks = new Map([
      ["a a", 0],
      ["aa aa", 1],
      ["b a", 2],
    ]);
    const word = (length: number) => Array.from({ length }, (_, i) => (i % 7 === 0 ? "b" : "a"));
    expect(bpeMerge(word(3000), ranks)).toEqual(referenceBpe(word(3000), ranks));
    const start = performance.now();
    const out = bpeMerge(word(200_000), ranks);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(out.join("")).toBe(word(200_000).join(""));
  });
});
