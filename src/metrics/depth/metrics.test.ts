import { describe, expect, it } from "vitest";
import { absRel, deltaAccuracy, depthRmse, depthRmseLog, log10Error, silog, sqRel } from "./index.js";

describe("depth metrics (Eigen et al. 2014)", () => {
  it("absRel: (|2 - 1| / 1 + |4 - 4| / 4) / 2 = 0.5", () => {
    expect(absRel([2, 4], [1, 4])).toBe(0.5);
  });

  it("sqRel: ((3 - 1)^2 / 1 + 0) / 2 = 2", () => {
    expect(sqRel([3, 4], [1, 4])).toBe(2);
  });

  it("depthRmse: sqrt((4 + 0) / 2) and depthRmseLog: sqrt((log e - log 1)^2) = 1", () => {
    expect(depthRmse([3, 4], [1, 4])).toBe(Math.SQRT2);
    expect(depthRmseLog([Math.E], [1])).toBeCloseTo(1, 15);
  });

  it("log10Error: (|1 - 0| + 0) / 2 = 0.5", () => {
    expect(log10Error([10, 1], [1, 1])).toBe(0.5);
  });

  it("deltaAccuracy: ratios 1 and 2, one below 1.25 (strict) -> 0.5; 1.25 itself does not count", () => {
    expect(deltaAccuracy([1, 2], [1, 1])).toBe(0.5);
    expect(deltaAccuracy([1.25], [1])).toBe(0);
    expect(deltaAccuracy([1, 2], [1, 1], { threshold: 1.25 ** 3 })).toBe(0.5);
  });

  it("silog defaults to the KITTI benchmark's 100 sqrt(mean g² - mean(g)²): a pure scale error costs nothing", () => {
    expect(silog([2, 2], [1, 1])).toBe(0);
    // g = [log 2, 0] -> 100 sqrt(log2²/2 - log2²/4) = 50 log 2
    expect(silog([2, 1], [1, 1])).toBeCloseTo(50 * Math.LN2, 12);
    // Eigen et al.'s training setting: mean g² - 0.5 mean(g)² = (log 2)² / 2
    expect(silog([2, 2], [1, 1], { lambda: 0.5, root: false })).toBeCloseTo(Math.LN2 ** 2 / 2, 15);
  });

  it("accepts depth maps of any rank and skips missing ground truth only when asked", () => {
    expect(
      absRel(
        [
          [2, 4],
          [1, 1],
        ],
        [
          [1, 4],
          [1, 1],
        ],
      ),
    ).toBe(0.25);
    expect(() => absRel([1, 2], [1, 0])).toThrow(
      "absRel: `target` must be positive and finite, got 0 at flat index 1",
    );
    expect(absRel([2, 9], [1, 0], { ignoreInvalidTarget: true })).toBe(1);
    expect(() => absRel([1, 2], [1])).toThrow(
      "absRel: `preds` and `target` must have the same shape, got [2] and [1]",
    );
  });
});
