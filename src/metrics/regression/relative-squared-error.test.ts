import { describe, expect, it } from "vitest";
import { relativeSquaredError } from "./relative-squared-error.js";

describe("relativeSquaredError", () => {
  it("is 1 for predicting the mean, and its root with squared: false", () => {
    // SSE = 1 + 1 = 2, SS_tot = 1 + 1 = 2
    expect(relativeSquaredError([2, 2], [1, 3])).toBe(1);
    // SSE = 0.5, SS_tot = 2: 0.25, root 0.5
    expect(relativeSquaredError([1.5, 2.5], [1, 3])).toBe(0.25);
    expect(relativeSquaredError([1.5, 2.5], [1, 3], { squared: false })).toBe(0.5);
  });
});
