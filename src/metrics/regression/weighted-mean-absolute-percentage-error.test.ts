import { describe, expect, it } from "vitest";
import { weightedMeanAbsolutePercentageError } from "./weighted-mean-absolute-percentage-error.js";

describe("weightedMeanAbsolutePercentageError", () => {
  it("divides the summed absolute error by the summed absolute target", () => {
    // (10 + 10) / (100 + 100) = 0.1; a zero target alone does not explode: (1 + 0) / (0 + 10) = 0.1
    expect(weightedMeanAbsolutePercentageError([110, 90], [100, 100])).toBeCloseTo(0.1, 15);
    expect(weightedMeanAbsolutePercentageError([1, 10], [0, 10])).toBeCloseTo(0.1, 15);
  });

  it("pools all outputs of a matrix", () => {
    // |errors| 1 + 1 = 2 over |targets| 2 + 2 = 4
    expect(weightedMeanAbsolutePercentageError([[1, 3]], [[2, 2]])).toBe(0.5);
  });
});
