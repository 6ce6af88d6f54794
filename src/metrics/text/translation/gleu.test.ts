import { describe, expect, it } from "vitest";
import { createMetric } from "../../../metric.js";
import { corpusGleu, corpusGleuDef, sentenceGleu } from "./gleu.js";

describe("gleu", () => {
  it("matches the hand-worked value", () => {
    // hyp "a b", ref "a c", orders 1-2: hyp n-grams {a, b, a b} = 3, ref {a, c, a c} = 3, 1 match -> 1/3.
    expect(sentenceGleu("a b", ["a c"], { maxLen: 2 })).toBeCloseTo(1 / 3, 15);
  });

  it("takes the best reference per sentence and pools counts", () => {
    // Sentence 1: refs "a b" (2/3... exact: 3/3) and "x" -> picks 3/3; sentence 2: "c" vs "d": 0/1.
    expect(corpusGleu(["a b", "c"], [["x", "a b"], ["d"]], { maxLen: 2 })).toBeCloseTo(3 / 4, 15);
  });

  it("is 0 for an empty corpus of n-grams and merges by adding counts", () => {
    expect(corpusGleu([""], [""])).toBe(0);
    const def = corpusGleuDef();
    const a = createMetric(def).update(["a b c"], ["a b d"]);
    const b = createMetric(def).fromJSON(a.toJSON()).update(["x"], ["x"]);
    expect(b.compute()).toBe(corpusGleu(["a b c", "x"], ["a b d", "x"]));
  });

  it("rejects mismatched counts", () => {
    expect(() => corpusGleu(["a"], [])).toThrow(
      "corpusGleu: `references` must have one entry per hypothesis (1), got 0",
    );
  });
});
