import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactSumOf } from "./exact-sum.js";
import { ExactPartials } from "./partials.js";

const sumOf = (terms: readonly number[]) => {
  const s = new ExactPartials();
  for (const t of terms) s.add(t);
  return s.value();
};

/** Doubles spread over a wide exponent range, with exact ties and cancellations likely. */
const term = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
  fc.integer({ min: -1000, max: 1000 }).map((k) => k * 2 ** -60),
  fc.constantFrom(1, -1, 2 ** 53, -(2 ** 53), 2 ** -1074, 0.1, 1e16, -1e16, 0.5, 2 ** -53),
);

describe("ExactPartials", () => {
  it("rounds the exact sum once: the superaccumulator's value, for any order of the terms", () => {
    fc.assert(
      fc.property(fc.array(term, { maxLength: 60 }), fc.integer(), (terms, seed) => {
        const expected = exactSumOf(Float64Array.from(terms));
        expect(sumOf(terms) === expected).toBe(true);
        // Another order: a rotation and a reversal.
        const k = terms.length === 0 ? 0 : Math.abs(seed) % terms.length;
        const other = [...terms.slice(k), ...terms.slice(0, k)].reverse();
        expect(sumOf(other)).toBe(sumOf(terms));
      }),
      { numRuns: 3000 },
    );
  });

  it("gets the half-way cases that a plain or compensated sum gets wrong", () => {
    // 1 + 2^-53 + 2^-106: the tie 1 + 2^-53 is broken upward by the tiny term.
    expect(sumOf([1, 2 ** -53, 2 ** -106])).toBe(1 + 2 ** -52);
    expect(sumOf([1e100, 1, -1e100])).toBe(1);
    expect(sumOf([0.1, 0.2, 0.3, -0.6])).toBe(exactSumOf(Float64Array.of(0.1, 0.2, 0.3, -0.6)));
    expect(sumOf([])).toBe(0);
  });
});
