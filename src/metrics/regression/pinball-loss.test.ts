import { describe, expect, it } from "vitest";
import { meanAbsoluteError } from "./mean-absolute-error.js";
import { meanPinballLoss } from "./pinball-loss.js";

describe("meanPinballLoss", () => {
  it("matches the hand-worked example", () => {
    // under-prediction by 1 costs alpha = 0.9, over-prediction by 1 costs 1 - alpha = 0.1; mean 0.5
    expect(meanPinballLoss([0, 2], [1, 1], { alpha: 0.9 })).toBeCloseTo(0.5, 15);
  });

  it("is half the MAE at the median (alpha 0.5, the default)", () => {
    const preds = [1, 5, -2];
    const target = [0, 2, 2];
    expect(meanPinballLoss(preds, target)).toBeCloseTo(meanAbsoluteError(preds, target) / 2, 15);
  });

  it("rejects alpha outside [0, 1]", () => {
    expect(() => meanPinballLoss([1], [1], { alpha: 1.5 })).toThrow(
      "meanPinballLoss: option `alpha` must be a finite number in [0, 1], got 1.5",
    );
  });
});
