import { describe, expect, it } from "vitest";
import { isPlumblineError } from "../core/errors.js";
import { seededRandom } from "../core/random.js";
import { bootstrapInterval, pairedBootstrapTest, permutationTest } from "./bootstrap.js";
import { quantileSorted } from "./quantile.js";

const meanOf = (values: number[]) => (indices: Uint32Array) => {
  let s = 0;
  for (const i of indices) s += values[i]!;
  return s / indices.length;
};

describe("bootstrap", () => {
  it("quantileSorted interpolates linearly as numpy.quantile does", () => {
    // numpy.quantile([1, 2, 3, 4], 0.25) = 1 + 0.75 * (2 - 1) = 1.75
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
  });

  it("bootstrapInterval returns the full-sample estimate inside a seeded, repeatable interval", () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 400 }, () => random.normal() + 3);
    const a = bootstrapInterval(values.length, meanOf(values), { seed: 1, resamples: 500 });
    const b = bootstrapInterval(values.length, meanOf(values), { seed: 1, resamples: 500 });
    expect(a).toEqual(b);
    expect(a.estimate).toBeCloseTo(meanOf(values)(new Uint32Array(400).map((_, i) => i)), 12);
    expect(a.low).toBeLessThan(a.estimate);
    expect(a.high).toBeGreaterThan(a.estimate);
    // The standard error of the mean of 400 unit normals is 0.05: a 95% interval is about ±0.1.
    expect(a.high - a.low).toBeGreaterThan(0.15);
    expect(a.high - a.low).toBeLessThan(0.25);
  });

  it("pairedBootstrapTest finds a real difference and not an absent one", () => {
    const random = seededRandom(3);
    const base = Array.from({ length: 300 }, () => random.normal());
    const better = base.map((x) => x + 0.5 + 0.1 * random.normal());
    const same = base.map((x) => x + 0.1 * random.normal());
    expect(pairedBootstrapTest(300, meanOf(better), meanOf(base)).pValue).toBeLessThan(0.01);
    expect(pairedBootstrapTest(300, meanOf(same), meanOf(base)).pValue).toBeGreaterThan(0.05);
  });

  it("permutationTest gives p near 1 for identical systems", () => {
    const values = Array.from({ length: 50 }, (_, i) => i % 7);
    const result = permutationTest(50, () => [
      meanOf(values)(new Uint32Array(50).map((_, i) => i)),
      meanOf(values)(new Uint32Array(50).map((_, i) => i)),
    ]);
    expect(result.difference).toBe(0);
    expect(result.pValue).toBe(1);
  });

  it("rejects a non-positive sample count and bad options", () => {
    try {
      bootstrapInterval(0, () => 0);
      expect.unreachable();
    } catch (error) {
      expect(isPlumblineError(error, "empty_input")).toBe(true);
      expect((error as Error).message).toBe("bootstrapInterval: `n` must be a positive integer, got 0");
    }
    expect(() => bootstrapInterval(3, () => 0, { confidence: 2 })).toThrow(
      "bootstrapInterval: option `confidence` must be a finite number in (0, 1), got 2",
    );
  });
});
