import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bigToNumber } from "../../core/exact-sum.js";
import {
  concordanceCorrelation,
  cosineSimilarity,
  explainedVariance,
  meanAbsoluteError,
  meanSquaredError,
  normalizedRootMeanSquaredError,
  pearsonCorrelation,
  r2Score,
  relativeSquaredError,
  rootMeanSquaredError,
} from "./index.js";

/** Python's `float.hex()` (and "inf", "-inf", "nan") to a number. */
function fromHex(text: string): number {
  if (text === "nan") return Number.NaN;
  if (text === "inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  const match = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(text);
  if (!match) throw new Error(`not a hex float: ${text}`);
  const value = bigToNumber(BigInt(`0x${match[2]}${match[3]}`), Number(match[4]) - 4 * match[3]!.length);
  return match[1] ? -value : value;
}

interface Case {
  name: string;
  preds: string[];
  target: string[];
  [metric: string]: string | string[];
}

const golden = JSON.parse(
  readFileSync(new URL("../../../test/data/golden/regression_scale.json", import.meta.url), "utf8"),
) as { reference: string; cases: Case[] };

/**
 * Each metric with its tolerance against the exact value (relative, in units of 2^-52): 0 where the
 * result is the exact value rounded once; a few ulps where the per-element terms are float64's
 * (p - t, (p - t)², as the references compute them) before the exact sum.
 */
const metrics: [string, (p: number[], t: number[]) => number, number][] = [
  ["mse", (p, t) => meanSquaredError(p, t), 4],
  ["rmse", (p, t) => rootMeanSquaredError(p, t), 4],
  ["mae", (p, t) => meanAbsoluteError(p, t), 2],
  ["r2", (p, t) => r2Score(p, t), 8],
  ["explained_variance", (p, t) => explainedVariance(p, t), 8],
  ["pearson", (p, t) => pearsonCorrelation(p, t), 0],
  ["concordance", (p, t) => concordanceCorrelation(p, t), 0],
  ["relative_squared_error", (p, t) => relativeSquaredError(p, t), 4],
  ["nrmse_std", (p, t) => normalizedRootMeanSquaredError(p, t, { normalization: "std" }), 4],
  ["cosine", (p, t) => cosineSimilarity(p, t), 0],
];

describe(`regression metrics at every scale match exact rational arithmetic (${golden.reference})`, () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const p = c.preds.map(fromHex);
    const t = c.target.map(fromHex);
    for (const [name, f, ulps] of metrics) {
      const expected = fromHex(c[name] as string);
      const actual = f(p, t);
      if (ulps === 0 || !Number.isFinite(expected)) expect(actual, name).toBe(expected);
      else {
        const tolerance =
          ulps *
          2 ** -52 *
          Math.max(Math.abs(expected), name === "r2" || name === "explained_variance" ? 1 : 0);
        expect(Math.abs(actual - expected), `${name}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
          tolerance,
        );
      }
    }
  });

  it("covers the issue's reproductions: Pearson at 1e77 and 1e-84, R² at 1e154, sums past 1.8e308", () => {
    const names = golden.cases.map((c) => c.name);
    for (const name of ["scaled by 1e77", "scaled by 1e-84", "scaled by 1e154", "sum of errors past 1.8e308"])
      expect(names).toContain(name);
  });
});

describe("the other sum-based metrics past 1.8e308", () => {
  it("MAPE, SMAPE, WMAPE, log-cosh and pinball keep finite means of overflowing differences", async () => {
    const m = await import("./index.js");
    const p = [1.5e308, -1.7e308];
    const t = [-1e308, 1.6e308];
    // |p - t| = 2.5e308 and 3.3e308: mean 2.9e308 overflows, but ratios and halves do not.
    expect(m.meanAbsolutePercentageError(p, t)).toBeCloseTo((2.5 / 1 + 3.3 / 1.6) / 2, 12);
    expect(m.symmetricMeanAbsolutePercentageError(p, t)).toBeCloseTo(2, 12);
    expect(m.weightedMeanAbsolutePercentageError(p, t)).toBeCloseTo(5.8 / 2.6, 12);
    expect(m.meanAbsoluteError([1.5e308, 1e308], [-1e308, 0])).toBe(1.75e308);
    expect(m.logCoshError([1.5e308, 1e308], [-1e308, 0])).toBeCloseTo(1.75e308, -294);
    // one term (1.875e308) overflows float64, its mean over two elements does not
    expect(m.meanPinballLoss([1.5e308, 0], [-1e308, 0], { alpha: 0.25 })).toBe(0.9375e308);
  });
});
