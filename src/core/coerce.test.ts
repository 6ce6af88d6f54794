import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { toFloat64, toMatrix, toMatrixOrColumn } from "./coerce.js";

describe("input coercion", () => {
  it("reads number arrays, typed arrays and tensor-likes as Float64Array", () => {
    expect(toFloat64([1, 2], "f", "x")).toEqual(new Float64Array([1, 2]));
    expect(toFloat64(new Int32Array([3]), "f", "x")).toEqual(new Float64Array([3]));
    const tensor = { shape: [2], dataSync: () => new Float32Array([0.5, 1.5]) };
    expect(toFloat64(tensor, "f", "x")).toEqual(new Float64Array([0.5, 1.5]));
    const same = new Float64Array([1]);
    expect(toFloat64(same, "f", "x")).toBe(same);
  });

  it("reads number[][], { data, rows, cols } and rank-2 tensors as row-major matrices", () => {
    expect(
      toMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        "f",
        "m",
      ),
    ).toEqual({ data: new Float64Array([1, 2, 3, 4]), rows: 2, cols: 2 });
    expect(toMatrix({ data: [1, 2, 3], rows: 1, cols: 3 }, "f", "m").cols).toBe(3);
    expect(toMatrix({ shape: [1, 2], dataSync: () => [5, 6] }, "f", "m")).toEqual({
      data: new Float64Array([5, 6]),
      rows: 1,
      cols: 2,
    });
    expect(toMatrixOrColumn([1, 2, 3], "f", "m")).toEqual({
      data: new Float64Array([1, 2, 3]),
      rows: 3,
      cols: 1,
    });
  });

  it("names the function, argument, expectation and what arrived on bad input", () => {
    expectError(
      () => toFloat64([1, "2"], "binaryAuroc", "preds"),
      "invalid_value",
      'binaryAuroc: `preds` must contain only numbers, got "2" at index 1',
    );
    expectError(
      () => toFloat64("12", "mse", "target"),
      "invalid_value",
      'mse: `target` must be an array of numbers, a typed array or a tensor, got "12"',
    );
    expectError(
      () => toMatrix([[1, 2], [3]], "f", "m"),
      "shape_mismatch",
      "f: `m` rows must all have 2 columns, got 1 in row 1",
    );
    expectError(
      () => toMatrix({ data: [1, 2, 3], rows: 2, cols: 2 }, "f", "m"),
      "shape_mismatch",
      "f: `m.data` must have rows * cols = 4 elements, got 3",
    );
    expectError(
      () => toMatrix({ shape: [3], dataSync: () => [1, 2, 3] }, "f", "m"),
      "shape_mismatch",
      "f: `m` must be a rank-2 tensor, got shape [3]",
    );
  });
});
