import { describe, expect, it } from "vitest";
import { r2Score } from "./r2-score.js";

describe("r2Score", () => {
  it("matches the hand-worked example", () => {
    // mean target 2.875; SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; SS_res = 1.5
    expect(r2Score([2.5, 0, 2, 8], [3, -0.5, 2, 7])).toBeCloseTo(1 - 1.5 / 29.1875, 15);
  });

  it("adjusts for the number of regressors: 1 - (1 - R²)(n - 1)/(n - k - 1)", () => {
    const r2 = 1 - 1.5 / 29.1875;
    expect(r2Score([2.5, 0, 2, 8], [3, -0.5, 2, 7], { adjusted: 1 })).toBeCloseTo(1 - ((1 - r2) * 3) / 2, 15);
    // adjusted >= n - 1 falls back to the plain score (torchmetrics)
    expect(r2Score([2.5, 0, 2, 8], [3, -0.5, 2, 7], { adjusted: 3 })).toBeCloseTo(r2, 15);
  });

  it("combines outputs by uniform, raw or variance-weighted averaging", () => {
    // column 0: target [0, 2] (SS_tot 2), preds [0, 1] -> SS_res 1 -> 0.5
    // column 1: target [0, 4] (SS_tot 8), preds [0, 4] -> 1
    const preds = [
      [0, 0],
      [1, 4],
    ];
    const target = [
      [0, 0],
      [2, 4],
    ];
    expect(r2Score(preds, target, { multioutput: "raw_values" })).toEqual([0.5, 1]);
    expect(r2Score(preds, target)).toBe(0.75);
    expect(r2Score(preds, target, { multioutput: "variance_weighted" })).toBeCloseTo(
      (2 * 0.5 + 8 * 1) / 10,
      15,
    );
  });

  it("follows scikit-learn for a constant target (1 if exact, else 0) and one sample (NaN)", () => {
    expect(r2Score([3, 3], [3, 3])).toBe(1);
    expect(r2Score([2, 4], [3, 3])).toBe(0);
    expect(r2Score([1], [2])).toBeNaN();
  });
});
