import { describe, expect, it } from "vitest";
import { jsDivergence } from "./js-divergence.js";
import { klDivergence } from "./kl-divergence.js";

describe("klDivergence", () => {
  it("matches the hand-worked example", () => {
    // 0.5 log(0.5 / 0.25) + 0.5 log(0.5 / 0.75)
    expect(klDivergence([[0.5, 0.5]], [[0.25, 0.75]])).toBeCloseTo(
      0.5 * Math.log(2) + 0.5 * Math.log(2 / 3),
      15,
    );
  });

  it("renormalises rows, reads log-probabilities with logProb, and reduces over rows", () => {
    expect(klDivergence([[1, 1]], [[1, 3]])).toBeCloseTo(klDivergence([[0.5, 0.5]], [[0.25, 0.75]]), 15);
    const logP = [[Math.log(0.5), Math.log(0.5)]];
    const logQ = [[Math.log(0.25), Math.log(0.75)]];
    expect(klDivergence(logP, logQ, { logProb: true })).toBeCloseTo(
      klDivergence([[0.5, 0.5]], [[0.25, 0.75]]),
      15,
    );
    expect(
      klDivergence(
        [
          [1, 0],
          [0.5, 0.5],
        ],
        [
          [1, 0],
          [0.5, 0.5],
        ],
        { reduction: "none" },
      ),
    ).toEqual([0, 0]);
  });

  it("rejects negative weights", () => {
    expect(() => klDivergence([[-1, 2]], [[1, 1]])).toThrow(
      "klDivergence: `p` must be non-negative, got -1 at index 0",
    );
  });
});

describe("jsDivergence", () => {
  it("is log 2 for disjoint distributions and 0 for equal ones", () => {
    expect(jsDivergence([[1, 0]], [[0, 1]])).toBeCloseTo(Math.LN2, 15);
    expect(jsDivergence([[0.3, 0.7]], [[0.3, 0.7]])).toBe(0);
  });
});
