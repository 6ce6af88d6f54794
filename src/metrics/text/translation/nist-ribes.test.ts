import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { createMetric } from "../../../metric.js";
import { corpusNist, corpusNistDef, sentenceNist } from "./nist.js";
import { corpusRibes, sentenceRibes, wordRankAlignment } from "./ribes.js";

// nltk 3.8's doctest sentences (nist_score.sentence_nist, ribes_score.corpus_ribes).
const HYP1 = "It is a guide to action which ensures that the military always obeys the commands of the party";
const HYP2 = "It is to insure the troops forever hearing the activity guidebook that party direct";
const REF1 = "It is a guide to action that ensures that the military will forever heed Party commands";
const REF2 =
  "It is the guiding principle which guarantees the military forces always being under the command of the Party";
const REF3 = "It is the practical guide for the army always to heed the directions of the party";

describe("NIST (nltk 3.8)", () => {
  it("gives nltk's doctest values", () => {
    // sentence_nist([reference1, reference2, reference3], hypothesis1) == 3.3709... in the doctest;
    // the full values printed by nltk 3.8: 3.3709935957649324 and 1.4619035460750132.
    expect(sentenceNist(HYP1, [REF1, REF2, REF3])).toBe(3.3709935957649324);
    expect(sentenceNist(HYP2, [REF1, REF2, REF3])).toBe(1.4619035460750132);
  });

  it("weighs a hand-worked unigram match by its information", () => {
    // One reference "a b", hypothesis "a", n = 1: Info(a) = log2(2 words / 1) = 1; precision
    // 1/1; length ratio 1/2 -> penalty exp(beta log(1/2)^2), beta = log(0.5) / log(1.5)^2.
    const beta = Math.log(0.5) / Math.log(1.5) ** 2;
    expect(sentenceNist("a", ["a b"], { n: 1 })).toBeCloseTo(Math.exp(beta * Math.log(0.5) ** 2), 15);
  });

  it("is a corpus statistic: merged shards give the one-pass value", () => {
    const hyps = [HYP1, HYP2];
    const refs = [[REF1, REF2], [REF3]];
    const a = createMetric(corpusNistDef()).update(hyps.slice(0, 1), refs.slice(0, 1));
    const b = createMetric(corpusNistDef()).update(hyps.slice(1), refs.slice(1));
    expect(a.merge(b).compute()).toBe(corpusNist(hyps, refs));
  });

  it("refuses what nltk divides by zero", () => {
    expectError(
      () => sentenceNist("a b", ["a b c"], { n: 3 }),
      "invalid_value",
      "sentenceNist: no hypothesis has 3-grams, so NIST's precision of that order is 0/0 (nltk raises ZeroDivisionError); lower `n`",
    );
    expectError(
      () => corpusNist([], []),
      "empty_input",
      "corpusNist: no segments to score (nltk raises ZeroDivisionError on an empty corpus)",
    );
    expectError(
      () => corpusNist(["a"], [["a"]], { n: 0 }),
      "invalid_option",
      "corpusNist: option `n` must be an integer in [1, inf), got 0",
    );
  });
});

describe("RIBES (nltk 3.8)", () => {
  it("gives nltk's doctest values", () => {
    // word_rank_alignment examples (H0, R0), (H1, R1), (H2, R2) of Isozaki et al. 2010, 0-indexed.
    const split = (s: string) => s.split(" ");
    expect(
      wordRankAlignment(
        split("he was interested in world history because he read the book"),
        split("he read the book because he was interested in world history"),
      ),
    ).toEqual([7, 8, 9, 10, 6, 0, 1, 2, 3, 4, 5]);
    expect(wordRankAlignment(split("John hit Bob yesterday"), split("Bob hit John yesterday"))).toEqual([
      2, 1, 0, 3,
    ]);
    expect(wordRankAlignment(split("the boy read the book"), split("the book was read by the boy"))).toEqual([
      3, 4, 2, 0, 1,
    ]);
    // round(corpus_ribes([[ref1a, ref1b, ref1c], [ref2a]], [hyp1, hyp2]), 4) == 0.3597
    expect(
      corpusRibes(
        [HYP1, "he read the book because he was interested in world history"],
        [[REF1, REF2, REF3], ["he was interested in world history because he read the book"]],
      ),
    ).toBeCloseTo(0.3597, 4);
  });

  it("scores an exact copy 1 and a reversed sentence 0", () => {
    // NKT = 1, P1 = 1, BP = 1 for a copy; reversed: every aligned pair decreasing, tau = -1.
    expect(sentenceRibes("a b c d", ["a b c d"])).toBe(1);
    expect(sentenceRibes("d c b a", ["a b c d"])).toBe(0);
  });

  it("refuses an empty hypothesis as nltk cannot score it", () => {
    expectError(
      () => sentenceRibes("", ["a"]),
      "invalid_value",
      "sentenceRibes: RIBES of an empty hypothesis divides by its length 0 (nltk raises ZeroDivisionError)",
    );
  });
});
