import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergedOverCuts, sliceStreams } from "../../../../test/support/text.js";
import { createMetric } from "../../../metric.js";
import { type ReferenceSet, toReferenceStreams } from "../shared/inputs.js";
import { chrf, chrfDef, chrfFromStatistics, chrfWords, sentenceChrf } from "./chrf.js";

const HYPS = ["the cat sat on the mat.", "quick brown fox", "", "naïve café", "東京タワー"];
const PER_HYPOTHESIS: ReferenceSet[] = [
  ["the cat is on the mat.", "a cat sat on the mat"],
  "the quick brown fox",
  "empty hypothesis",
  "naive cafe",
  "東京",
];
const REFS = toReferenceStreams(PER_HYPOTHESIS);

describe("chrf", () => {
  it("the single-reference character path gives the general path's statistics (a duplicated reference)", () => {
    // With [ref, ref] the general path runs and keeps the first of two equal F scores.
    const pieces = ["a", "b", "ab", " ", "\t", "é", "😀", "😁", ".", "\u3000", "Z"];
    const sentence = fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((p) => p.join(""));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, sentence), { minLength: 1, maxLength: 5 }),
        fc.record({
          charOrder: fc.integer({ min: 1, max: 7 }),
          whitespace: fc.boolean(),
          lowercase: fc.boolean(),
          epsSmoothing: fc.boolean(),
          beta: fc.constantFrom(0, 1, 2, 3),
        }),
        (pairs, options) => {
          const hyps = pairs.map((p) => p[0]);
          const fast = createMetric(chrfDef(options));
          const refs = pairs.map((p) => p[1]);
          fast.update(hyps, [refs]);
          const general = createMetric(chrfDef(options));
          general.update(hyps, [refs, refs]);
          expect(fast.state.stats).toEqual(general.state.stats);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("scores an exact match 100", () => {
    expect(chrf(["hello world"], [["hello world"]]).score).toBeCloseTo(100, 12);
  });

  it("matches the hand-worked character F-score", () => {
    // "ab" vs "ac", charOrder 2, beta 1: unigrams P = R = 1/2; bigrams P = R = 0.
    // Averaged over the 2 effective orders: P = R = 1/4, F1 = 1/4 -> 25.
    expect(chrf(["ab"], [["ac"]], { charOrder: 2, beta: 1 }).score).toBeCloseTo(25, 12);
    expect(chrfFromStatistics([2, 2, 1, 1, 1, 0], 1)).toBeCloseTo(25, 12);
  });

  it("names chrF++ and gives the sacrebleu signature", () => {
    const r = chrf(HYPS, REFS, { wordOrder: 2 });
    expect(r.name).toBe("chrF2++");
    expect(r.signature).toBe("nrefs:var|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0");
  });

  it("splits one leading or trailing punctuation mark off words", () => {
    expect(chrfWords("(hello) world! a")).toEqual(["(hello", ")", "world", "!", "a"]);
  });

  it("equals one update after any split and merge", () => {
    const def = chrfDef({ wordOrder: 2 });
    const whole = chrf(HYPS, REFS, { wordOrder: 2 });
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: HYPS.length, maxLength: HYPS.length }), (cuts) => {
        const merged = mergedOverCuts(def, HYPS.length, cuts, (start, i) => [
          HYPS.slice(start, i),
          sliceStreams(REFS, start, i),
        ]);
        expect(merged).toEqual(whole);
      }),
    );
  });

  it("survives toJSON/fromJSON mid-stream and stays in [0, 100]", () => {
    const m = createMetric(chrfDef());
    m.update(HYPS.slice(0, 2), sliceStreams(REFS, 0, 2));
    const restored = createMetric(chrfDef()).fromJSON(JSON.stringify(m.toJSON()));
    restored.update(HYPS.slice(2), sliceStreams(REFS, 2));
    const r = restored.compute();
    expect(r).toEqual(chrf(HYPS, REFS));
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(100);
  });

  it("scores an empty hypothesis 0", () => {
    expect(sentenceChrf("", "abc").score).toBe(0);
  });

  it("rejects mismatched counts and bad options", () => {
    expect(() => chrf(["a"], [["a", "b"]])).toThrow(
      "chrf: reference stream 0 has 2 entries, the hypotheses 1;",
    );
    expect(() => chrf(["a"], [["a"]], { charOrder: 0 })).toThrow(
      "chrf: options `charOrder` + `wordOrder` must be >= 1, got 0",
    );
  });
});
