import { describe, expect, it } from "vitest";
import { createMetric } from "../../../metric.js";
import { whitespaceBleu, whitespaceBleuDef } from "./whitespace-bleu.js";

describe("whitespaceBleu", () => {
  it("scores an exact match 1 and no 4-gram match 0", () => {
    expect(whitespaceBleu(["a b c d"], [["a b c d"]])).toBe(1);
    expect(whitespaceBleu(["a b c d"], [["a b c e"]])).toBe(0);
  });

  it("matches the hand-worked add-one smoothed value", () => {
    // "a b c d e" vs "a b c d f": p1 = 4/5 (unsmoothed), p2 = (3+1)/(4+1), p3 = (2+1)/(3+1), p4 = (1+1)/(2+1); BP = 1.
    const expected = Math.exp(0.25 * (Math.log(4 / 5) + Math.log(4 / 5) + Math.log(3 / 4) + Math.log(2 / 3)));
    expect(whitespaceBleu(["a b c d e"], [["a b c d f"]], { smooth: true })).toBeCloseTo(expected, 14);
    // torchmetrics returns 0 when any order has no match, even with smoothing.
    expect(whitespaceBleu(["a b c d"], [["a b c e"]], { smooth: true })).toBe(0);
  });

  it("merges by adding counts and round-trips through JSON", () => {
    const def = whitespaceBleuDef({ smooth: true });
    const m = createMetric(def).update(["the cat sat on the mat"], [["the cat is on the mat"]]);
    const r = createMetric(def)
      .fromJSON(m.toJSON())
      .update(["a b c d e"], [["a b c d"]]);
    expect(r.compute()).toBe(
      whitespaceBleu(["the cat sat on the mat", "a b c d e"], [["the cat is on the mat"], ["a b c d"]], {
        smooth: true,
      }),
    );
  });

  it("rejects weights of the wrong length", () => {
    expect(() => whitespaceBleu(["a"], ["a"], { weights: [1] })).toThrow(
      "whitespaceBleu: option `weights` must have nGram (4) entries, got 1",
    );
  });
});
