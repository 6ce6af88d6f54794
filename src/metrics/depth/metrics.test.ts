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

  it("silog: a pure scale error costs nothing with lambda 1, (log 2)^2 / 2 with lambda 0.5", () => {
    expect(silog([2, 2], [1, 1], { lambda: 1 })).toBeCloseTo(0, 15);
    expect(silog([2, 2], [1, 1])).toBeCloseTo(Math.LN2 ** 2 / 2, 15);
    // KITTI form: 100 * sqrt(mean g^2 - mean(g)^2); g = [log 2, 0] -> sqrt(log2^2/2 - log2^2/4) = log 2 / 2
    expect(silog([2, 1], [1, 1], { lambda: 1, root: true, scale: 100 })).toBeCloseTo(50 * Math.LN2, 12);
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
