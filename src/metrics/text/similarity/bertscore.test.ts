import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { createMetric } from "../../../metric.js";
import {
  bertScore,
  bertScoreDef,
  bertScoreFromEmbeddings,
  greedyMatch,
  idfWeights,
  type TokenEmbeddings,
} from "./bertscore.js";
import {
  cosineSimilarity,
  embeddingSimilarity,
  embeddingSimilarityDef,
  sentenceSimilarity,
} from "./embedding-similarity.js";

/** A deterministic toy embedder: one-hot-ish vectors from a fixed table, whitespace tokens. */
const table: Record<string, number[]> = {
  cat: [1, 0, 0],
  kitten: [0.8, 0.6, 0],
  sat: [0, 0, 1],
  dog: [0, 1, 0],
};
const tokenize = (text: string): string[] => text.split(" ").filter((t) => t.length > 0);
const embed = (texts: readonly string[]): TokenEmbeddings[] =>
  texts.map((t) => tokenize(t).map((w) => table[w] ?? [1, 1, 1]));

describe("greedyMatch (BERTScore)", () => {
  it("scores a hand-worked pair", () => {
    // candidate [kitten, sat], reference [cat, sat]
    // cos(kitten, cat) = 0.8, cos(kitten, sat) = 0, cos(sat, sat) = 1
    // P = (0.8 + 1)/2 = 0.9, R = (0.8 + 1)/2 = 0.9, F = 0.9
    const s = greedyMatch(
      embed(["kitten sat"])[0] as TokenEmbeddings,
      embed(["cat sat"])[0] as TokenEmbeddings,
    );
    expect(s.precision).toBeCloseTo(0.9, 15);
    expect(s.recall).toBeCloseTo(0.9, 15);
    expect(s.f1).toBeCloseTo(0.9, 15);
  });

  it("weights tokens by IDF computed over the references", () => {
    // references "cat sat", "dog sat": M = 2; df(sat) = 2 -> idf ln(3/3) = 0; df(cat) = 1 -> ln(3/2)
    const idf = idfWeights([tokenize("cat sat"), tokenize("dog sat")]);
    expect(idf("sat")).toBe(0);
    expect(idf("cat")).toBeCloseTo(Math.log(1.5), 15);
    expect(idf("unseen")).toBeCloseTo(Math.log(3), 15);
  });

  it("bertScore with idf and baseline rescale", async () => {
    // candidate "kitten sat" vs reference "cat sat" with idf: sat has weight 0 -> P = R = 0.8 (kitten/cat only)
    const r = await bertScore(["kitten sat", "dog"], ["cat sat", "dog sat"], { embed, idf: true, tokenize });
    expect(r.scores[0]?.precision).toBeCloseTo(0.8, 15);
    expect(r.scores[0]?.recall).toBeCloseTo(0.8, 15);
    const rescaled = await bertScore(["kitten sat"], ["cat sat"], {
      embed,
      baseline: { precision: 0.5, recall: 0.5, f1: 0.5 },
    });
    // (0.9 - 0.5) / 0.5 = 0.8
    expect(rescaled.mean.f1).toBeCloseTo(0.8, 15);
  });

  it("takes the max over several references, per component", async () => {
    const r = await bertScore(["cat sat"], [["dog", "cat sat"]], { embed: async (t) => embed(t) });
    expect(r.scores[0]).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it("merging batches equals one update; JSON round trip; empty sides score 0", () => {
    const vec = fc.array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 });
    const emb = fc.array(vec, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(emb, emb), { minLength: 1, maxLength: 6 }), fc.nat(), (pairs, cut) => {
        const c = pairs.map((p) => p[0]);
        const r = pairs.map((p) => p[1]);
        const k = cut % (pairs.length + 1);
        const m = createMetric(bertScoreDef());
        m.update(c.slice(0, k), r.slice(0, k));
        const copy = createMetric(bertScoreDef()).fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
        copy.update(c.slice(k), r.slice(k));
        const once = bertScoreFromEmbeddings(c, r);
        expect(copy.compute().f1).toBeCloseTo(once.f1, 12);
        expect(once.f1).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
    expect(greedyMatch([], [[1, 0]])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it("rejects bad input", () => {
    expectError(
      () => greedyMatch([[0, 0]], [[1, 0]]),
      "invalid_value",
      "greedyMatch: `candidate` has a zero vector at token 0; its cosine is undefined",
    );
    expectError(
      () => greedyMatch([[1, 0]], [[1, 0, 0]]),
      "shape_mismatch",
      "greedyMatch: `reference` vectors must all have dimension 2, got 3 at index 0",
    );
    expectError(
      () => greedyMatch([[1, Number.NaN]], [[1, 0]]),
      "invalid_value",
      "greedyMatch: `candidate` must contain finite numbers, got NaN at index 0.1",
    );
    expectError(
      () => bertScoreFromEmbeddings([[[1]]], []),
      "shape_mismatch",
      "bertScore: `candidates` and `references` must have the same length, got 1 and 0",
    );
    expectError(
      () => bertScoreDef({ baseline: { precision: 1, recall: 0, f1: 0 } }),
      "invalid_option",
      "bertScore: `baseline.precision` must be a finite number below 1, got 1",
    );
  });
});

describe("embedding similarity", () => {
  it("cosine of sentence embeddings, hand-worked", async () => {
    // cos([1,0],[1,1]) = 1/sqrt(2); cos([0,2],[0,1]) = 1 -> mean (1/sqrt(2) + 1)/2
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(
      embeddingSimilarity(
        [
          [1, 0],
          [0, 2],
        ],
        [
          [1, 1],
          [0, 1],
        ],
      ),
    ).toBeCloseTo((Math.SQRT1_2 + 1) / 2, 15);
    const r = await sentenceSimilarity(["a", "b"], ["a", "c"], {
      embed: (t) => t.map((s) => (s === "a" ? [1, 0] : s === "b" ? [0, 1] : [1, 1])),
    });
    expect(r.scores[0]).toBe(1);
    expect(r.scores[1]).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it("merges like one update and rejects zero vectors and mismatched counts", () => {
    const def = embeddingSimilarityDef();
    const a = def.init();
    def.update(a, [[1, 0]], [[1, 1]]);
    const b = def.init();
    def.update(b, [[0, 1]], [[0, 1]]);
    expect(def.compute(def.merge(a, b))).toBeCloseTo((Math.SQRT1_2 + 1) / 2, 15);
    expectError(
      () => cosineSimilarity([0, 0], [1, 0]),
      "invalid_value",
      "cosineSimilarity: `a` is a zero vector; the cosine is undefined",
    );
    expectError(
      () => embeddingSimilarity([[1, 0]], []),
      "shape_mismatch",
      "embeddingSimilarity: `predictions` and `references` must have the same length, got 1 and 0",
    );
  });
});
