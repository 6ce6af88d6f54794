import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { rouge, rougeScore } from "./rouge.js";
import { rougeSkipBigram } from "./rouge-skip-bigram.js";
import { rougeWeightedLcs } from "./rouge-weighted-lcs.js";

const ids = (s: string) => Int32Array.from(s.split(" "), (w) => w.charCodeAt(0) - 97);

describe("ROUGE-W (ROUGE-1.5.5)", () => {
  it("scores runs of consecutive reference positions: Lin 2004's example with f(k) = k^2", () => {
    // X = a b c d e f g, Y1 = a b c d h i k: the WLCS path marks a b c d in X, one run of 4 ->
    // hit f(4) = 16. R = (16 / f(f(7)))^(1/2) = (16 / 49^2)^(1/2) = 4/49 (ROUGE-1.5.5 weighs the
    // reference length twice), P = (16 / f(7))^(1/2) = 4/7, F = 2PR/(P+R).
    const [p, r, f] = rougeWeightedLcs([ids("a b c d e f g")], [ids("a b c d h i k")], 26, 2);
    expect(p).toBeCloseTo(4 / 7, 15);
    expect(r).toBeCloseTo(4 / 49, 15);
    expect(f).toBeCloseTo((2 * (4 / 7) * (4 / 49)) / (4 / 7 + 4 / 49), 15);
    // Y2 = a h b k c i d: the same reference positions, so ROUGE-1.5.5 gives the same hit (the
    // WLCS table only picks the path; runs are counted on the reference side).
    expect(rougeWeightedLcs([ids("a b c d e f g")], [ids("a h b k c i d")], 26, 2)).toEqual([p, r, f]);
  });

  it("is reachable as the rougeW type with a weight factor", () => {
    const s = rougeScore("a b c d h i k", "a b c d e f g", { rougeTypes: ["rougeW"], weightFactor: 2 });
    expect(s.rougeW?.precision).toBeCloseTo(4 / 7, 15);
    expectError(
      () => rouge(["a"], ["a"], { rougeTypes: ["rougeW"], weightFactor: 0 }),
      "invalid_option",
      "rouge: option `weightFactor` must be a finite number in (0, inf), got 0",
    );
  });
});

describe("ROUGE-S and ROUGE-SU (ROUGE-1.5.5)", () => {
  it("counts skip-bigrams within the distance, and SU's unigrams without the last token", () => {
    // "a b c" has skip-bigrams ab, ac, bc (distance >= 1) or ab, bc (distance 0); SU adds a, b.
    // Candidate "a c": ac (and unigram a). rougeS1: hit 1 -> R 1/3, P 1/1.
    expect(rougeSkipBigram(ids("a b c"), ids("a c"), 26, 1, false)).toEqual([1, 1 / 3, 0.5]);
    // rougeS0: reference ab, bc; candidate ac: no hit.
    expect(rougeSkipBigram(ids("a b c"), ids("a c"), 26, 0, false)).toEqual([0, 0, 0]);
    // rougeSU1: reference a, b, ab, ac, bc (5); candidate a, ac (2): hit 2 -> R 2/5, P 1.
    const [p, r] = rougeSkipBigram(ids("a b c"), ids("a c"), 26, 1, true);
    expect([p, r]).toEqual([1, 2 / 5]);
  });

  it("takes rougeS<d>, rougeSU<d> and * through the rouge types", () => {
    const s = rougeScore("a c", "a b c", { rougeTypes: ["rougeS1", "rougeSU*"] });
    expect(s.rougeS1?.recall).toBeCloseTo(1 / 3, 15);
    expect(s["rougeSU*"]?.recall).toBeCloseTo(2 / 5, 15);
    expectError(
      () => rouge(["a"], ["a"], { rougeTypes: ["rougeS100" as "rougeS1"] }),
      "invalid_option",
      'rouge: option `rougeTypes` must contain rouge1..rouge9, rougeL, rougeLsum, rougeW, rougeS<d> or rougeSU<d> (d in 0..99 or *), got "rougeS100" at index 0',
    );
  });
});
