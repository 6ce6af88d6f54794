import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { readNdArray, readNdFloat64, toFloat64, toMatrix, toMatrixOrColumn } from "./coerce.js";

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
      "f: `m` is ragged: expected 2 entries at [1] (shape [2, 2] from the first elements), got 1",
    );
    expectError(
      () => toMatrix({ data: [1, 2, 3], rows: 2, cols: 2 }, "f", "m"),
      "shape_mismatch",
      "f: `m.data` must hold 4 values for shape [2, 2], got 3",
    );
    expectError(
      () => toMatrix({ shape: [3], dataSync: () => [1, 2, 3] }, "f", "m"),
      "shape_mismatch",
      "f: `m` must be a matrix [rows, columns] (number[][], { data, rows, cols } or a rank-2 tensor), got shape [3]",
    );
  });

  it("reads every N-d form into row-major data and a shape, copying only nested arrays", () => {
    const nested = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const expected = { data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] };
    expect(readNdArray(nested, "f", "x")).toEqual(expected);
    expect(readNdArray([new Float32Array([1, 2, 3]), new Float32Array([4, 5, 6])], "f", "x")).toEqual(
      expected,
    );
    expect(readNdArray({ data: nested.flat(), shape: [2, 3] }, "f", "x")).toEqual({
      ...expected,
      data: nested.flat(),
    });
    expect(readNdArray({ data: nested.flat(), rows: 2, cols: 3 }, "f", "x").shape).toEqual([2, 3]);
    const tensor = { shape: [2, 3], dataSync: () => Float32Array.from(nested.flat()) };
    expect(readNdArray(tensor, "f", "x").shape).toEqual([2, 3]);
    const flat = [1, 2];
    expect(readNdArray(flat, "f", "x").data).toBe(flat);
    const typed = new Int8Array([1, 2]);
    expect(readNdArray(typed, "f", "x")).toEqual({ data: typed, shape: [2] });
    const typedRows = [
      [[1], [2]],
      [new Float32Array(1), new Float32Array([3])],
    ];
    expect(readNdArray(typedRows, "f", "x").shape).toEqual([2, 2, 1]);
    expect(readNdArray([[]], "f", "x")).toEqual({ data: new Float64Array(0), shape: [1, 0] });
    expect(readNdArray(nested, "f", "x", Int32Array).data).toBeInstanceOf(Int32Array);
    // Float64 views: the caller's Float64Array is read in place, anything else copied.
    const f64 = new Float64Array([1, 2]);
    expect(readNdFloat64(f64, "f", "x").data).toBe(f64);
    expect(readNdFloat64([1, 2], "f", "x").data).toEqual(f64);
  });

  it("refuses ragged arrays, non-numbers, bad shapes, deep nesting and huge shapes with one-line errors", () => {
    expectError(
      () => readNdArray([[1, 2], [3]], "f", "x"),
      "shape_mismatch",
      "f: `x` is ragged: expected 2 entries at [1] (shape [2, 2] from the first elements), got 1",
    );
    expectError(
      () => readNdArray([[1, 2], 3], "f", "x"),
      "shape_mismatch",
      "f: `x` is ragged: expected an array of 2 at [1] (shape [2, 2] from the first elements), got 3",
    );
    expectError(
      () => readNdArray([[[1], [2]], new Float32Array(2)], "f", "x"),
      "shape_mismatch",
      "f: `x` is ragged: expected nested arrays at [1] (shape [2, 2, 1] from the first elements), got a Float32Array",
    );
    expectError(
      () => readNdArray([1, [2]], "f", "x"),
      "invalid_value",
      "f: `x` must contain only numbers, got an array of length 1 at index 1",
    );
    for (const bad of ["0.5", null, true, undefined, {}, 1n])
      expectError(() => readNdArray([[1, bad]], "f", "x"), "invalid_value");
    expectError(
      () => readNdArray([[1, 2], "ab"], "f", "x"),
      "invalid_value",
      'f: `x` must contain only numbers, got "ab" at [1]',
    );
    expectError(() => readNdArray(new BigInt64Array(2), "f", "x"), "invalid_value");
    expectError(() => readNdArray("12", "f", "x"), "invalid_value");
    expectError(
      () => readNdArray({ data: [1, 2, 3], shape: [2, 2] }, "f", "x"),
      "shape_mismatch",
      "f: `x.data` must hold 4 values for shape [2, 2], got 3",
    );
    expectError(
      () => readNdArray({ data: [1, "2"], shape: [2] }, "f", "x"),
      "invalid_value",
      'f: `x.data` must contain only numbers, got "2" at index 1',
    );
    expectError(() => readNdArray({ data: [1], shape: [-1] }, "f", "x"), "invalid_value");
    expectError(
      () => readNdArray({ shape: [2, 2], dataSync: () => [1] }, "f", "x"),
      "shape_mismatch",
      "f: `x` holds 1 values for shape [2, 2]",
    );
    expectError(() => readNdArray({ shape: [2], dataSync: () => ["a", 1] }, "f", "x"), "invalid_value");
    let deep: unknown = [1];
    for (let i = 0; i < 100; i++) deep = [deep];
    expectError(
      () => readNdArray(deep, "f", "x"),
      "shape_mismatch",
      "f: `x` is nested deeper than 64 levels",
    );
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expectError(() => readNdArray(cyclic, "f", "x"), "shape_mismatch");
    // A sparse outer array holding one long row would claim 2^20 x 2^20 values.
    const sparse = new Array(2 ** 20);
    sparse[0] = new Array(2 ** 20).fill(0);
    expectError(
      () => readNdArray(sparse, "f", "x"),
      "invalid_value",
      "f: `x` of shape [1048576, 1048576] would need 8 TiB, above the 1 GiB allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
    );
  });
});
