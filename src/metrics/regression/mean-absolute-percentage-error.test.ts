import { describe, expect, it } from "vitest";
import { meanAbsolutePercentageError } from "./mean-absolute-percentage-error.js";

describe("meanAbsolutePercentageError", () => {
  it("is a fraction, not a percent: |10| / 100 twice -> 0.1", () => {
    expect(meanAbsolutePercentageError([110, 90], [100, 100])).toBeCloseTo(0.1, 15);
  });

  it("guards a zero target with scikit-learn's epsilon (huge, finite), or torchmetrics' 1.17e-6", () => {
    // |1 - 0| / max(0, eps)
    expect(meanAbsolutePercentageError([1], [0])).toBe(1 / Number.EPSILON);
    expect(meanAbsolutePercentageError([1], [0], { epsilon: 1.17e-6 })).toBe(1 / 1.17e-6);
  });

  it("rejects a negative epsilon", () => {
    expect(() => meanAbsolutePercentageError([1], [1], { epsilon: -1 })).toThrow(
      "meanAbsolutePercentageError: option `epsilon` must be a finite number in [0, inf), got -1",
    );
  });
});
