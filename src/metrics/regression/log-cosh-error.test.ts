import { describe, expect, it } from "vitest";
import { logCosh, logCoshError } from "./log-cosh-error.js";

describe("logCoshError", () => {
  it("matches the hand-worked example: log(cosh(1)) = 0.4337808...", () => {
    expect(logCoshError([1], [0])).toBeCloseTo(Math.log(Math.cosh(1)), 15);
  });

  it("does not overflow for large errors (log cosh x ~ |x| - log 2)", () => {
    expect(logCosh(1000)).toBeCloseTo(1000 - Math.LN2, 10);
    expect(logCoshError([-1000], [0])).toBeCloseTo(1000 - Math.LN2, 10);
  });
});
