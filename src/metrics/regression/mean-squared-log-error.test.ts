import { describe, expect, it } from "vitest";
import { meanSquaredLogError, rootMeanSquaredLogError } from "./mean-squared-log-error.js";

describe("meanSquaredLogError", () => {
  it("matches the hand-worked example", () => {
    // (log1p(0) - log1p(e - 1))^2 = (0 - 1)^2 = 1
    expect(meanSquaredLogError([Math.E - 1], [0])).toBeCloseTo(1, 15);
  });

  it("accepts values above -1 (scikit-learn 1.9) and rejects -1 or below", () => {
    expect(meanSquaredLogError([-0.5], [-0.5])).toBe(0);
    expect(() => meanSquaredLogError([-1], [0])).toThrow(
      "meanSquaredLogError: `preds` must be > -1, got -1 at index 0",
    );
    expect(() => meanSquaredLogError([0], [-2])).toThrow(
      "meanSquaredLogError: `target` must be > -1, got -2 at index 0",
    );
  });
});

describe("rootMeanSquaredLogError", () => {
  it("is the square root of the MSLE: sqrt((1 + 0) / 2)", () => {
    expect(rootMeanSquaredLogError([Math.E - 1, 0], [0, 0])).toBeCloseTo(Math.sqrt(0.5), 15);
  });
});
