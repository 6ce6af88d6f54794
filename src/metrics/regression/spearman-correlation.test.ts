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

  it("uses the radix argsort beyond 512 values and still matches the comparison path", () => {
    const n = 2000;
    const x = Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
    const y = Array.from({ length: n }, (_, i) => Math.round(Math.sin(i) * 10 + Math.cos(i * 7)));
    const small = spearmanCorrelation(x.slice(0, 500), y.slice(0, 500));
    expect(spearmanCorrelation(x, y)).toBeGreaterThan(0.9);
    expect(small).toBeGreaterThan(0.9);
  });
});
