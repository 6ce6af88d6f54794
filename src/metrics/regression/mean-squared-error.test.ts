import { describe, expect, it } from "vitest";
import { meanSquaredError, rootMeanSquaredError } from "./mean-squared-error.js";

describe("meanSquaredError", () => {
  it("matches the hand-worked example", () => {
    // errors 0.5, 0.5, 0, 1 -> squares 0.25 + 0.25 + 0 + 1 = 1.5, / 4 = 0.375
    expect(meanSquaredError([2.5, 0, 2, 8], [3, -0.5, 2, 7])).toBe(0.375);
  });

  it("gives one value per output with multioutput raw_values, their mean by default", () => {
    // column 0: errors 1, 1 -> 1; column 1: errors 0, 2 -> (0 + 4) / 2 = 2
    const preds = [
      [1, 0],
      [2, 2],
    ];
    const target = [
      [0, 0],
      [1, 0],
    ];
    expect(meanSquaredError(preds, target, { multioutput: "raw_values" })).toEqual([1, 2]);
    expect(meanSquaredError(preds, target)).toBe(1.5);
  });

  it("names the function, argument and index for NaN, and both lengths on mismatch", () => {
    expect(() => meanSquaredError([1, Number.NaN], [1, 2])).toThrow(
      "meanSquaredError: `preds` must be finite, got NaN at index 1",
    );
    expect(() => meanSquaredError([1, 2], [1])).toThrow(
      "meanSquaredError: `preds` and `target` must have the same length, got 2 and 1",
    );
    expect(() => meanSquaredError([], [])).toThrow(
      "meanSquaredError: `preds` must not be empty, got 0 elements",
    );
  });

  it("rejects an unknown multioutput option", () => {
    expect(() => meanSquaredError([1], [1], { multioutput: "mean" as never })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
});

describe("rootMeanSquaredError", () => {
  it("is the square root of the MSE: sqrt((9 + 16) / 2) = sqrt(12.5)", () => {
    expect(rootMeanSquaredError([0, 0], [3, 4])).toBe(Math.sqrt(12.5));
  });

  it("averages per-output RMSEs (scikit-learn), not the RMSE of the pooled MSE", () => {
    // column 0: sqrt(1) = 1; column 1: sqrt(2); mean (1 + sqrt 2) / 2
    expect(
      rootMeanSquaredError(
        [
          [1, 0],
          [2, 2],
        ],
        [
          [0, 0],
          [1, 0],
        ],
      ),
    ).toBeCloseTo((1 + Math.SQRT2) / 2, 15);
  });

  it("keeps precision over many small terms (compensated sums)", () => {
    const n = 100_000;
    const preds = new Float64Array(n).fill(0.1);
    const target = new Float64Array(n);
    expect(rootMeanSquaredError(preds, target)).toBeCloseTo(0.1, 15);
  });
});
