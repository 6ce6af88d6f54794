import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageRanks } from "./ranks.js";
import { spearmanCorrelation } from "./spearman-correlation.js";

describe("spearmanCorrelation", () => {
  it("matches the hand-worked example", () => {
    // rank differences 0, -1, 1, 0: 1 - 6 * 2 / (4 * 15) = 0.8
    expect(spearmanCorrelation([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
  });

  it("gives tied values the average of their ranks", () => {
    expect(Array.from(averageRanks(Float64Array.from([10, 20, 10, 30])))).toEqual([1.5, 3, 1.5, 4]);
  });

  it("is invariant under monotone transforms", () => {
    const x = [0.3, 1.2, -4, 8, 2.2];
    const y = [1, 5, 2, 7, 3];
    expect(spearmanCorrelation(x.map(Math.exp), y)).toBeCloseTo(spearmanCorrelation(x, y), 15);
  });

  it("ranks like the O(n^2) definition beyond 512 values (radix path), with ties, negatives and -0", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 513, maxLength: 900 }), (ints) => {
        const values = Float64Array.from(ints, (v) => (v === 0 ? -0 : v / 4));
        const ranks = averageRanks(values);
        for (let i = 0; i < values.length; i += 37) {
          let below = 0;
          let equal = 0;
          for (const v of values) {
            if (v < values[i]!) below++;
            else if (v === values[i]) equal++;
          }
          expect(ranks[i]).toBe(below + (equal + 1) / 2);
        }
      }),
      { numRuns: 10 },
    );
  });
});
