import { describe, expect, it } from "vitest";
import { explainedVariance } from "./explained-variance.js";

describe("explainedVariance", () => {
  it("matches the hand-worked example", () => {
    // t - p = [0.5, -0.5, 0, -1], Var = 0.3125; Var(t) = 29.1875 / 4 = 7.296875
    expect(explainedVariance([2.5, 0, 2, 8], [3, -0.5, 2, 7])).toBeCloseTo(1 - 0.3125 / 7.296875, 15);
  });

  it("ignores a constant bias, unlike R²", () => {
    expect(explainedVariance([11, 12, 13], [1, 2, 3])).toBe(1);
  });
});
