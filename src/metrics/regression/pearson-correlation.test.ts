import { describe, expect, it } from "vitest";
import { pearsonCorrelation } from "./pearson-correlation.js";

describe("pearsonCorrelation", () => {
  it("matches the hand-worked example", () => {
    // C_xy = 5, M2_x = 2, M2_y = 114 / 9
    expect(pearsonCorrelation([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt((2 * 114) / 9), 15);
  });

  it("is NaN for a constant input and -1 for a perfect decreasing line", () => {
    expect(pearsonCorrelation([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearsonCorrelation([1, 2, 3], [3, 2, 1])).toBe(-1);
  });
});
