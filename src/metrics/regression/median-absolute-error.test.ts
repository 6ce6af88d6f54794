import { describe, expect, it } from "vitest";
import { medianAbsoluteError } from "./median-absolute-error.js";

describe("medianAbsoluteError", () => {
  it("takes the mean of the two middle errors for even n", () => {
    // errors 0.5, 0.5, 0, 1 -> sorted 0, 0.5, 0.5, 1 -> 0.5
    expect(medianAbsoluteError([2.5, 0, 2, 8], [3, -0.5, 2, 7])).toBe(0.5);
    // errors 1, 3 -> 2
    expect(medianAbsoluteError([1, 3], [0, 0])).toBe(2);
  });

  it("ignores one huge outlier", () => {
    expect(medianAbsoluteError([1, 1, 1e9], [0, 0, 0])).toBe(1);
  });

  it("gives one median per output for matrix input", () => {
    // column 0: errors 1, 3, 5 -> 3; column 1: errors 0, 0, 4 -> 0
    const preds = [
      [1, 0],
      [3, 0],
      [5, 4],
    ];
    const target = [
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    expect(medianAbsoluteError(preds, target, { multioutput: "raw_values" })).toEqual([3, 0]);
    expect(medianAbsoluteError(preds, target)).toBe(1.5);
  });
});
