import { describe, expect, it } from "vitest";
import { greedyMatch } from "./bertscore.js";
import { cosineSimilarity } from "./embedding-similarity.js";
import { meteor, singleMeteorScore } from "./meteor.js";
import { porterStem } from "./porter-stemmer.js";
import { rouge, rougeScore } from "./rouge.js";
import { rougeScoreTokenize } from "./rouge-tokenizer.js";
import { seqeval } from "./seqeval.js";
import { normalizeAnswer, squad, squadV2 } from "./squad.js";

describe("the @example lines of the TEXT-B doc comments hold", () => {
  it("porter, tokenizer, rouge", () => {
    expect(porterStem("connected")).toBe("connect");
    expect(porterStem("happiness")).toBe("happi");
    expect(rougeScoreTokenize("The café's 3.14!")).toEqual(["the", "caf", "s", "3", "14"]);
    expect(rougeScore("the cat sat", "the cat ran", { rougeTypes: ["rouge1"] }).rouge1?.fmeasure).toBeCloseTo(
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
    expect(singleMeteorScore(["the", "cat", "sat"], ["the", "cat", "sat"])).toBe(0.9814814814814815);
    expect(meteor([["the", "cat", "sat"]], [[["the", "cat", "sat"]]])).toBe(0.9814814814814815);
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
