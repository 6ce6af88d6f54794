import { describe, expect, it } from "vitest";
import { symmetricMeanAbsolutePercentageError } from "./symmetric-mean-absolute-percentage-error.js";

describe("symmetricMeanAbsolutePercentageError", () => {
  it("matches the hand-worked example", () => {
    // 2 * 10 / 210 = 0.0952381, 2 * 10 / 190 = 0.1052632, mean 0.1002506
    expect(symmetricMeanAbsolutePercentageError([110, 90], [100, 100])).toBeCloseTo(
      (20 / 210 + 20 / 190) / 2,
      15,
    );
  });

  it("is 2 for predictions of opposite sign and 0 when both are zero (epsilon guard)", () => {
    expect(symmetricMeanAbsolutePercentageError([-1], [1])).toBe(2);
    expect(symmetricMeanAbsolutePercentageError([0], [0])).toBe(0);
  });
});
