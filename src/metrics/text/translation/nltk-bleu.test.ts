import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergedOverCuts } from "../../../../test/support/text.js";
import { createMetric } from "../../../metric.js";
import { nltkCorpusBleu, nltkCorpusBleuDef, nltkSentenceBleu } from "./nltk-bleu.js";

const HYPS = ["the cat sat on the mat", "a fast brown fox jumps", "hello world", "x"];
const REFS = [
  ["the cat is on the mat", "a cat sat on the mat"],
  ["the quick brown fox jumps"],
  ["hello there world"],
  ["x y"],
];

describe("nltkCorpusBleu", () => {
  it("scores an exact match 1", () => {
    expect(nltkSentenceBleu("a b c d", ["a b c d"])).toBe(1);
  });

  it("matches the hand-worked method1 value", () => {
    // hyp "a b c d" vs ref "a b c e": p1 = 3/4, p2 = 2/3, p3 = 1/2, p4 = 0 -> method1: 0.1/1.
    // BLEU = exp(0.25 * (ln .75 + ln 2/3 + ln .5 + ln .1)).
    const expected = Math.exp(0.25 * (Math.log(0.75) + Math.log(2 / 3) + Math.log(0.5) + Math.log(0.1)));
    expect(nltkSentenceBleu("a b c d", ["a b c e"], { smoothing: "method1" })).toBeCloseTo(expected, 14);
  });

  it("gives 0 without a unigram match and raises for method6 without trigrams, as nltk", () => {
    expect(nltkSentenceBleu("q", ["a b"])).toBe(0);
    expect(() => nltkSentenceBleu("a b", ["a b"], { smoothing: "method6" })).toThrow(/method6/);
  });

  it("equals one update after any split and merge (method0-2 use only summed counts)", () => {
    for (const smoothing of ["method0", "method1", "method2"] as const) {
      const def = nltkCorpusBleuDef({ smoothing });
      const whole = nltkCorpusBleu(HYPS, REFS, { smoothing });
      fc.assert(
        fc.property(fc.array(fc.boolean(), { minLength: HYPS.length, maxLength: HYPS.length }), (cuts) => {
          const merged = mergedOverCuts(def, HYPS.length, cuts, (start, i) => [
            HYPS.slice(start, i),
            REFS.slice(start, i),
          ]);
          expect(merged).toBe(whole);
        }),
      );
    }
  });

  it("survives toJSON/fromJSON mid-stream, keeping the last pair for method7", () => {
    const def = nltkCorpusBleuDef({ smoothing: "method7" });
    const m = createMetric(def).update(HYPS.slice(0, 2), REFS.slice(0, 2));
    const restored = createMetric(def)
      .fromJSON(JSON.stringify(m.toJSON()))
      .update(HYPS.slice(2), REFS.slice(2));
    expect(restored.compute()).toBe(nltkCorpusBleu(HYPS, REFS, { smoothing: "method7" }));
  });

  it("rejects bad options", () => {
    expect(() => nltkCorpusBleu(["a"], ["a"], { smoothing: "method9" as never })).toThrow(
      /option `smoothing` must be one of/,
    );
    expect(() => nltkCorpusBleu(["a"], ["a"], { weights: [] })).toThrow(
      "nltkCorpusBleu: option `weights` must be a non-empty array of finite numbers",
    );
  });
});
