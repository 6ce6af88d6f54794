import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { expectSuiteEquivalence } from "../../../test/support/suites.js";
import { computeGroups } from "../../collection/metric-collection.js";
import {
  explainedVariance,
  kendallTau,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  pearsonCorrelation,
  r2Score,
  rootMeanSquaredError,
  spearmanCorrelation,
} from "./index.js";
import { regressionSuite, regressionSuiteDef } from "./suite.js";

const column = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => Number(line.split(",").at(-1)));
const p = column("data/samples/regression/preds.csv");
const t = column("data/samples/regression/target.csv");

describe("regressionSuite", () => {
  it("equals each member's one-shot function on the delivery-time sample", async () => {
    await expectSuiteEquivalence(
      regressionSuiteDef(),
      [
        [p.slice(0, 100), t.slice(0, 100)],
        [p.slice(100), t.slice(100)],
      ],
      [p, t],
      {
        mse: () => meanSquaredError(p, t),
        rmse: () => rootMeanSquaredError(p, t),
        mae: () => meanAbsoluteError(p, t),
        mape: () => meanAbsolutePercentageError(p, t),
        medianAbsoluteError: () => medianAbsoluteError(p, t),
        maxError: () => maxError(p, t),
        r2: () => r2Score(p, t),
        explainedVariance: () => explainedVariance(p, t),
        pearson: () => pearsonCorrelation(p, t),
        spearman: () => spearmanCorrelation(p, t),
        kendallTau: () => kendallTau(p, t),
      },
    );
  });

  it("reports the hand-worked case", () => {
    const suite = regressionSuite([2.5, 0, 2, 8], [3, -0.5, 2, 7]);
    expect(suite.maxError).toBe(1);
    // (0.25 + 0.25 + 0 + 1) / 4
    expect(suite.mse).toBe(0.375);
    expect(computeGroups(regressionSuiteDef())).toHaveLength(11);
  });

  it("takes no options", () => {
    expectError(() => regressionSuiteDef({ multioutput: "raw_values" } as never), "invalid_option");
  });
});
