import { describe, expect, it } from "vitest";
import { d2AbsoluteError } from "./d2-absolute-error.js";

describe("d2AbsoluteError", () => {
  it("matches the hand-worked example", () => {
    // sum |t - p| = 1; median(t) = 2, sum |t - 2| = 1 + 0 + 2 = 3
    expect(d2AbsoluteError([1, 2, 3], [1, 2, 4])).toBeCloseTo(2 / 3, 15);
  });

  it("follows scikit-learn's edge conventions", () => {
    expect(d2AbsoluteError([1], [1])).toBeNaN();
    expect(d2AbsoluteError([2, 2], [2, 2])).toBe(1);
    expect(d2AbsoluteError([1, 3], [2, 2])).toBe(0);
  });
});
