import { describe, expect, it } from "vitest";
import { meanGammaDeviance, meanPoissonDeviance, tweedieDeviance } from "./tweedie-deviance.js";

describe("tweedieDeviance", () => {
  it("is the MSE at power 0", () => {
    expect(tweedieDeviance([1, 3], [2, 2])).toBe(1);
  });

  it("is the Poisson deviance at power 1", () => {
    // 2 (1 log(1/2) - 1 + 2) = 2 (1 - log 2)
    expect(meanPoissonDeviance([2], [1])).toBeCloseTo(2 * (1 - Math.LN2), 15);
    // a zero count contributes 2 (0 - 0 + y) = 2y
    expect(meanPoissonDeviance([3], [0])).toBe(6);
  });

  it("is the Gamma deviance at power 2", () => {
    // 2 (log(2/1) + 1/2 - 1)
    expect(meanGammaDeviance([2], [1])).toBeCloseTo(2 * (Math.LN2 - 0.5), 15);
  });

  it("enforces each power's domain", () => {
    expect(() => tweedieDeviance([0], [1], { power: 1 })).toThrow(
      "tweedieDeviance: `preds` must be > 0, got 0 at index 0",
    );
    expect(() => tweedieDeviance([1], [-1], { power: 1.5 })).toThrow(
      "tweedieDeviance: `target` must be >= 0, got -1 at index 0",
    );
    expect(() => tweedieDeviance([1], [0], { power: 2 })).toThrow(
      "tweedieDeviance: `target` must be > 0, got 0 at index 0",
    );
    expect(() => tweedieDeviance([1], [1], { power: 0.5 })).toThrow(
      "tweedieDeviance: option `power` must be <= 0 or >= 1, got 0.5",
    );
  });
});
