import { describe, expect, it } from "vitest";
import { wordNet30 } from "./node.js";
import { normalizeAnswer, squad, squadV2 } from "./question-answering/squad.js";
import { greedyMatch } from "./similarity/bertscore.js";
import { cosineSimilarity } from "./similarity/embedding-similarity.js";
import { rouge, rougeScore } from "./summarization/rouge.js";
import { seqeval } from "./tagging/seqeval.js";
import { porterStem } from "./tokenizers/porter-stemmer.js";
import { rougeScoreTokenize } from "./tokenizers/rouge-score.js";
import { meteor, singleMeteorScore } from "./translation/meteor.js";

describe("the @example lines of the ROUGE, METEOR, seqeval, SQuAD and similarity doc comments hold", () => {
  it("porter, tokenizer, rouge", () => {
    expect(porterStem("connected")).toBe("connect");
    expect(porterStem("happiness")).toBe("happi");
    expect(rougeScoreTokenize("The café's 3.14!")).toEqual(["the", "caf", "s", "3", "14"]);
    expect(rougeScore("the cat ran", "the cat sat", { rougeTypes: ["rouge1"] }).rouge1?.fmeasure).toBeCloseTo(
      2 / 3,
      15,
    );
    expect(rouge(["the cat sat"], ["the cat ran"]).rouge1?.fmeasure).toBeCloseTo(2 / 3, 15);
  });

  it("seqeval, squad, meteor, embeddings", () => {
    expect(seqeval([["B-PER", "I-PER", "O"]], [["B-PER", "I-PER", "O"]]).micro.f1).toBe(1);
    expect(normalizeAnswer("The  Eiffel Tower!")).toBe("eiffel tower");
    expect(
      squad([{ id: "q", predictionText: "the Eiffel Tower" }], [{ id: "q", answers: ["Eiffel Tower"] }]),
    ).toEqual({ exactMatch: 100, f1: 100 });
    expect(squadV2([{ id: "q", predictionText: "" }], [{ id: "q", answers: [] }]).exact).toBe(100);
    const wordnet = wordNet30();
    expect(singleMeteorScore(["the", "cat", "sat"], ["the", "cat", "sat"], { wordnet })).toBe(
      0.9814814814814815,
    );
    expect(meteor([["the", "cat", "sat"]], [[["the", "cat", "sat"]]], { wordnet })).toBe(0.9814814814814815);
    expect(
      greedyMatch(
        [[1, 0]],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toEqual({ precision: 1, recall: 0.5, f1: 0.6666666666666666 });
    expect(cosineSimilarity([1, 0], [1, 1])).toBe(0.7071067811865475);
  });
});
