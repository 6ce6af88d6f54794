import { describe, expect, it } from "vitest";
import { normalizedRootMeanSquaredError } from "./normalized-root-mean-squared-error.js";

describe("normalizedRootMeanSquaredError", () => {
  it("divides the RMSE by the target's mean, range, population std or L2 norm", () => {
    // RMSE = 1; target [2, 4]: mean 3, range 2, std 1, L2 sqrt(20)
    const p = [1, 3];
    const t = [2, 4];
    expect(normalizedRootMeanSquaredError(p, t)).toBeCloseTo(1 / 3, 15);
    expect(normalizedRootMeanSquaredError(p, t, { normalization: "range" })).toBe(0.5);
    expect(normalizedRootMeanSquaredError(p, t, { normalization: "std" })).toBe(1);
    expect(normalizedRootMeanSquaredError(p, t, { normalization: "l2" })).toBeCloseTo(1 / Math.sqrt(20), 15);
  });

  it("rejects an unknown normalization", () => {
    expect(() => normalizedRootMeanSquaredError([1], [1], { normalization: "max" as never })).toThrow(
      'normalizedRootMeanSquaredError: option `normalization` must be one of "mean", "range", "std", "l2", got "max"',
    );
  });
});
