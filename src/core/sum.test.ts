import { describe, expect, it } from "vitest";
import {
  accumulatorValue,
  addToAccumulator,
  compensatedSum,
  mergeAccumulators,
  newAccumulator,
} from "./sum.js";

describe("compensated summation", () => {
  it("compensatedSum keeps the small terms that naive summation loses", () => {
    // 1 + 1e100 + 1 - 1e100 = 2 exactly; naive left-to-right summation gives 0.
    expect(compensatedSum([1, 1e100, 1, -1e100])).toBe(2);
  });

  it("an accumulator split in two and merged equals one accumulator", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 1e16 : 1) * (i % 3 ? 1 : -1) + 0.1);
    const whole = newAccumulator();
    for (const v of values) addToAccumulator(whole, v);
    const left = newAccumulator();
    const right = newAccumulator();
    for (const v of values.slice(0, 437)) addToAccumulator(left, v);
    for (const v of values.slice(437)) addToAccumulator(right, v);
    expect(accumulatorValue(mergeAccumulators(left, right))).toBe(accumulatorValue(whole));
    expect(accumulatorValue(whole)).toBe(compensatedSum(values));
  });
});
