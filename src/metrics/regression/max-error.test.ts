import { describe, expect, it } from "vitest";
import { maxError } from "./max-error.js";

describe("maxError", () => {
  it("is the largest absolute error", () => {
    expect(maxError([9, 2, 7, 1], [3, 2, 7, 1])).toBe(6);
  });
});
