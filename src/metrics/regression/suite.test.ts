import { describe, expect, it } from "vitest";
import { meanAbsoluteError } from "./mean-absolute-error.js";
import { r2Score } from "./r2-score.js";
import { regressionSuite } from "./suite.js";

describe("regressionSuite", () => {
  it("reports each member metric as the member computes it", () => {
    const p = [2.5, 0, 2, 8];
    const t = [3, -0.5, 2, 7];
    const suite = regressionSuite(p, t);
    expect(suite.mae).toBe(meanAbsoluteError(p, t));
    expect(suite.r2).toBe(r2Score(p, t));
    expect(suite.maxError).toBe(1);
    expect(suite.mse).toBe(0.375);
  });
});
