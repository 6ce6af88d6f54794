import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAscending, sortFloat64 } from "./sort-float64.js";

/** Bit patterns, so -0 and +0 are told apart. */
const bits = (values: Float64Array) =>
  Array.from(new BigUint64Array(values.buffer, values.byteOffset, values.length));

describe("sortFloat64", () => {
  it("equals Float64Array.prototype.sort bit for bit on any finite and infinite values (-0 before +0)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 0, maxLength: 3000 }),
        fc.constantFrom(1, 7, 300),
        (numbers, repeat) => {
          const values = Float64Array.from(
            numbers.flatMap((v) => Array(numbers.length > 500 ? 1 : repeat).fill(v)),
          );
          const sorted = sortFloat64(values);
          expect(bits(sorted)).toEqual(bits(values.slice().sort()));
          expect(isAscending(sorted)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("sorts scores that share their top digit (the skipped-digit path) and leaves the input as it was", () => {
    const values = new Float64Array(100_000);
    for (let i = 0; i < values.length; i++) values[i] = ((i * 7919) % 100_003) / 100_003;
    const copy = values.slice();
    expect(bits(sortFloat64(values))).toEqual(bits(values.slice().sort()));
    expect(bits(values)).toEqual(bits(copy));
  });

  it("isAscending tells sorted from unsorted", () => {
    expect(isAscending([1, 1, 2])).toBe(true);
    expect(isAscending(new Float64Array([2, 1]))).toBe(false);
    expect(isAscending([])).toBe(true);
  });
});
