import { describe, expect, it } from "vitest";
import { minkowskiDistance } from "./minkowski-distance.js";

describe("minkowskiDistance", () => {
  it("is the Euclidean distance for p = 2 and the L1 distance for p = 1", () => {
    expect(minkowskiDistance([0, 0], [3, 4], { p: 2 })).toBe(5);
    expect(minkowskiDistance([0, 0], [3, 4], { p: 1 })).toBe(7);
  });

  it("rejects p < 1", () => {
    expect(() => minkowskiDistance([1], [1], { p: 0.5 })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
});
