import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kendallTau } from "./kendall-tau.js";

/** O(n^2) tau-b straight from the definition, for cross-checking Knight's algorithm. */
function naiveTauB(x: number[], y: number[]): number {
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  return (
    (concordant - discordant) /
    Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY))
  );
}

describe("kendallTau", () => {
  it("matches the hand-worked example", () => {
    // 5 concordant, 1 discordant pair, no ties: (5 - 1) / 6
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 15);
  });

  it("agrees with the O(n^2) definition of tau-b on tied data", () => {
    const small = fc.integer({ min: 0, max: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(small, small), { minLength: 2, maxLength: 80 }), (rows) => {
        const x = rows.map((r) => r[0]);
        const y = rows.map((r) => r[1]);
        const expected = naiveTauB(x, y);
        const actual = kendallTau(x, y);
        if (Number.isNaN(expected)) expect(actual).toBeNaN();
        else expect(actual).toBeCloseTo(expected, 12);
      }),
      { numRuns: 100 },
    );
  });

  it("agrees with the definition beyond 512 values (radix sort path)", () => {
    const small = fc.integer({ min: -20, max: 20 });
    fc.assert(
      fc.property(fc.array(fc.tuple(small, small), { minLength: 513, maxLength: 700 }), (rows) => {
        const x = rows.map((r) => r[0] / 2);
        const y = rows.map((r) => r[1] / 2);
        expect(kendallTau(x, y)).toBeCloseTo(naiveTauB(x, y), 12);
      }),
      { numRuns: 5 },
    );
  });

  it("is NaN when one input is constant", () => {
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});
