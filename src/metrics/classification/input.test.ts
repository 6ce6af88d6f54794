import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { readWeights } from "./input.js";

describe("readWeights (sampleWeight of the classification metrics)", () => {
  it("reads n weights from a list, a typed array, { data, shape } or nested lists, in row-major order", () => {
    const expected = [0.5, 2, 0];
    for (const value of [
      [0.5, 2, 0],
      Float32Array.of(0.5, 2, 0),
      Float64Array.of(0.5, 2, 0),
      { data: [0.5, 2, 0], shape: [3] },
      [[0.5], [2], [0]],
      [[0.5, 2, 0]],
    ])
      expect(Array.from(readWeights(value, 3, "f")!)).toEqual(expected);
    expect(readWeights(undefined, 3, "f")).toBeUndefined();
  });

  it("returns a Float64Array as given (no copy)", () => {
    const w = Float64Array.of(1, 2);
    expect(readWeights(w, 2, "f")).toBe(w);
  });

  it("refuses a count other than the samples', non-numbers, negatives and non-finite weights", () => {
    expectError(() => readWeights([1, 2], 3, "f"), "shape_mismatch");
    const square = [
      [1, 2],
      [3, 4],
    ];
    expectError(() => readWeights(square, 2, "f"), "shape_mismatch");
    expectError(() => readWeights([[1, 2], [3]], 3, "f"), "shape_mismatch");
    expectError(() => readWeights(["1", 2, 3], 3, "f"), "invalid_value");
    expectError(() => readWeights(BigInt64Array.of(1n), 1, "f"), "invalid_value");
    expectError(() => readWeights("weights", 1, "f"), "invalid_value");
    expectError(
      () => readWeights([1, -1, 2], 3, "f"),
      "invalid_value",
      "f: `sampleWeight` must be finite and non-negative, got -1 at index 1",
    );
    expectError(() => readWeights([1, Number.NaN], 2, "f"), "invalid_value");
    expectError(() => readWeights([Number.POSITIVE_INFINITY], 1, "f"), "invalid_value");
  });
});
