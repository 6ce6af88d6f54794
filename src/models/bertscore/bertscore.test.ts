import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { expectRejection } from "../../../test/support/expect-rejection.js";
import { byteLevelBpeTokenizer } from "../tokenizers/byte-level-bpe.js";
import { clipTokenizer } from "../tokenizers/clip-tokenizer.js";
import { wordPieceTokenizer } from "../tokenizers/wordpiece.js";
import { bertScoreWithModel, readBertScoreBaseline } from "./bertscore-with-model.js";

const DATA = join(import.meta.dirname, "../../../test/data/models");
const read = (p: string) => readFileSync(join(DATA, p), "utf8");
const golden = JSON.parse(read("bertscore.json")) as {
  candidates: string[];
  cases: {
    model: "bert" | "roberta";
    idf: boolean;
    baseline: string | null;
    layer: number;
    references: (string | string[])[];
    precision: number[];
    recall: number[];
    f1: number[];
  }[];
};

const setups = {
  bert: {
    model: join(DATA, "bertscore/tiny-bert-L2.onnx"),
    tokenizer: wordPieceTokenizer(read("bert/vocab.txt")),
  },
  roberta: {
    model: join(DATA, "bertscore/tiny-roberta-L3.onnx"),
    tokenizer: byteLevelBpeTokenizer(read("roberta/vocab.json"), read("roberta/merges.txt")),
  },
};

describe("bertScoreWithModel equals bert_score 0.3.13 on tiny encoders", () => {
  for (const model of ["bert", "roberta"] as const) {
    it(`${model}: idf, baseline rescaling, several references, empty sentences`, async () => {
      for (const c of golden.cases.filter((x) => x.model === model)) {
        const result = await bertScoreWithModel(golden.candidates, c.references, {
          ...setups[model],
          idf: c.idf,
          ...(c.baseline === null
            ? {}
            : { baseline: readBertScoreBaseline(read(`bertscore/${c.baseline}`), c.layer) }),
          batchSize: 4,
          threads: 1,
        });
        const label = JSON.stringify({
          idf: c.idf,
          baseline: c.baseline,
          multi: Array.isArray(c.references[0]),
        });
        for (const key of ["precision", "recall", "f1"] as const) {
          c[key].forEach((v, i) => {
            expect(Math.abs(result[key][i]! - v), `${label} ${key}[${i}]`).toBeLessThan(2e-6);
          });
          const mean = c[key].reduce((a, b) => a + b, 0) / c[key].length;
          expect(Math.abs(result.mean[key] - mean)).toBeLessThan(2e-6);
        }
      }
    });
  }

  it("gives the same scores whatever the batch size", async () => {
    const a = await bertScoreWithModel(golden.candidates, golden.candidates, {
      ...setups.bert,
      batchSize: 1,
      threads: 1,
    });
    const b = await bertScoreWithModel(golden.candidates, golden.candidates, {
      ...setups.bert,
      batchSize: 64,
      threads: 1,
    });
    a.f1.forEach((v, i) => {
      expect(Math.abs(v - b.f1[i]!)).toBeLessThan(1e-6);
    });
  });

  it("refuses what it cannot score", async () => {
    await expectRejection(
      () => bertScoreWithModel(["a"], ["b", "c"], setups.bert),
      "shape_mismatch",
      "bertScoreWithModel: `references` must have one entry per candidate, got 2 for 1 candidates",
    );
    await expectRejection(
      () => bertScoreWithModel(["a"], [[]], setups.bert),
      "invalid_value",
      "bertScoreWithModel: `references` must hold strings or non-empty string arrays, got an array of length 0 at index 0",
    );
    await expectRejection(
      () =>
        bertScoreWithModel(["a"], ["b"], {
          ...setups.bert,
          tokenizer: clipTokenizer(read("clip/vocab.json"), read("clip/merges.txt")),
        }),
      "invalid_option",
      "bertScoreWithModel: option `tokenizer` must be a WordPiece or byte-level BPE tokenizer, got an object (Object)",
    );
    await expectRejection(
      () =>
        bertScoreWithModel(["a"], ["b"], { ...setups.bert, baseline: { precision: 1, recall: 0, f1: 0 } }),
      "invalid_option",
      "bertScoreWithModel: `baseline.precision` must be a finite number below 1, got 1",
    );
    await expectRejection(
      () =>
        bertScoreWithModel(["a"], ["b"], { ...setups.bert, model: join(DATA, "clip/tiny-clip-text.onnx") }),
      "invalid_option",
      /^bertScoreWithModel: model ".*tiny-clip-text.onnx" does not fit the BERTScore encoder .*: it has no output `last_hidden_state`/,
    );
    await expectRejection(
      () => bertScoreWithModel(["a"], ["b"], { ...setups.bert, num_layers: 9 } as never),
      "invalid_option",
      /^bertScoreWithModel: unknown option `num_layers`/,
    );
  });

  it("reads bert_score baseline files", () => {
    expect(readBertScoreBaseline("LAYER,P,R,F\n0,0.1,0.2,0.3\n1,0.4,0.5,0.6\n", 1)).toEqual({
      precision: 0.4,
      recall: 0.5,
      f1: 0.6,
    });
    expectError(
      () => readBertScoreBaseline("LAYER,P,R,F\n0,0.1,0.2,0.3\n", 3),
      "invalid_value",
      "readBertScoreBaseline: the baseline has 1 layers (0 to 0), not layer 3",
    );
    expectError(
      () => readBertScoreBaseline("P,R,F\n", 0),
      "invalid_value",
      'readBertScoreBaseline: a bert_score baseline starts with the header LAYER,P,R,F, got "P,R,F"',
    );
  });
});
