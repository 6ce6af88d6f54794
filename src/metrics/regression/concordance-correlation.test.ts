import { describe, expect, it } from "vitest";
import { concordanceCorrelation } from "./concordance-correlation.js";

describe("concordanceCorrelation", () => {
  it("is 1 for identical inputs and penalises a shift, unlike Pearson", () => {
    expect(concordanceCorrelation([1, 2, 3], [1, 2, 3])).toBe(1);
    // shift by 1: s_xy = s_x^2 = s_y^2 = 1 (n - 1 = 2), (mean diff)^2 = 1 -> 2 / (1 + 1 + 1)
    expect(concordanceCorrelation([2, 3, 4], [1, 2, 3])).toBeCloseTo(2 / 3, 15);
  });
});
