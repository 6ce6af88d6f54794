/**
 * Issue 13 §3: merges are exact. For every sum-based metric of the regression, image and depth
 * modules, data split at random points into shards, updated separately and merged in a random
 * order, gives the same bits (Object.is) as one update over everything, at magnitudes from 1e-300
 * to 1e300. Metrics whose result depends on the order of the data by their reference's definition
 * (Inception Score's consecutive splits, KID's seeded subsets) and FID (Chan-merged covariances,
 * see docs/defaults.md) are not in this list.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnyMetricDef } from "../../src/metric.js";
import * as depth from "../../src/metrics/depth/index.js";
import * as image from "../../src/metrics/image/index.js";
import * as regression from "../../src/metrics/regression/index.js";
import { bitDifference, mergeTree } from "../support/merge-tree.js";

type Domain = "any" | "positive" | "aboveMinusOne" | "unit";

const regressionDefs: [string, AnyMetricDef, Domain][] = [
  ["meanSquaredError", regression.meanSquaredErrorDef(), "any"],
  ["rootMeanSquaredError", regression.rootMeanSquaredErrorDef(), "any"],
  ["meanAbsoluteError", regression.meanAbsoluteErrorDef(), "any"],
  ["meanAbsolutePercentageError", regression.meanAbsolutePercentageErrorDef(), "any"],
  ["symmetricMeanAbsolutePercentageError", regression.symmetricMeanAbsolutePercentageErrorDef(), "any"],
  ["weightedMeanAbsolutePercentageError", regression.weightedMeanAbsolutePercentageErrorDef(), "any"],
  ["meanSquaredLogError", regression.meanSquaredLogErrorDef(), "positive"],
  ["logCoshError", regression.logCoshErrorDef(), "unit"],
  ["meanPinballLoss", regression.meanPinballLossDef({ alpha: 0.3 }), "any"],
  ["tweedieDeviance 1.5", regression.tweedieDevianceDef({ power: 1.5 }), "positive"],
  ["minkowskiDistance", regression.minkowskiDistanceDef({ p: 3 }), "unit"],
  ["maxError", regression.maxErrorDef(), "any"],
  ["medianAbsoluteError", regression.medianAbsoluteErrorDef(), "any"],
  ["d2AbsoluteError", regression.d2AbsoluteErrorDef(), "any"],
  ["r2Score", regression.r2ScoreDef(), "any"],
  ["explainedVariance", regression.explainedVarianceDef(), "any"],
  ["pearsonCorrelation", regression.pearsonCorrelationDef(), "any"],
  ["concordanceCorrelation", regression.concordanceCorrelationDef(), "any"],
  ["spearmanCorrelation", regression.spearmanCorrelationDef(), "any"],
  ["kendallTau", regression.kendallTauDef(), "any"],
  [
    "normalizedRootMeanSquaredError",
    regression.normalizedRootMeanSquaredErrorDef({ normalization: "std" }),
    "any",
  ],
  ["relativeSquaredError", regression.relativeSquaredErrorDef(), "any"],
  ["cosineSimilarity", regression.cosineSimilarityDef(), "any"],
  ["regressionSuite", regression.regressionSuiteDef(), "any"],
  ["psnr", image.psnrDef(), "any"],
  ["absRel", depth.absRelDef(), "positive"],
  ["sqRel", depth.sqRelDef(), "positive"],
  ["depthRmse", depth.depthRmseDef(), "positive"],
  ["depthRmseLog", depth.depthRmseLogDef(), "positive"],
  ["log10Error", depth.log10ErrorDef(), "positive"],
  ["silog", depth.silogDef(), "positive"],
  ["deltaAccuracy", depth.deltaAccuracyDef(), "positive"],
  ["badPixelRate", depth.badPixelRateDef({ absThreshold: 0 }), "positive"],
];

/** Pairs at one magnitude 10^k (k in [-300, 300], or near 1 where the metric's terms need it). */
function data(domain: Domain) {
  const scale =
    domain === "unit" || domain === "aboveMinusOne"
      ? fc.constant(1)
      : fc.integer({ min: -300, max: 300 }).map((k) => 10 ** k);
  const unit = fc.double({ min: domain === "any" || domain === "unit" ? -2 : 0.01, max: 2, noNaN: true });
  return fc
    .tuple(scale, fc.array(fc.tuple(unit, unit), { minLength: 3, maxLength: 40 }))
    .map(([s, rows]) => ({
      preds: rows.map((r) => (domain === "positive" ? Math.max(r[0], 0.01) : r[0]) * s),
      target: rows.map((r) => (domain === "positive" ? Math.max(r[1], 0.01) : r[1]) * s),
    }));
}

function run(def: AnyMetricDef, preds: number[], target: number[], cuts: number[], order: number[]): unknown {
  const points = [...new Set(cuts.map((c) => c % (preds.length + 1)))].sort((a, b) => a - b);
  const bounds = [0, ...points, preds.length];
  const parts = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const state = def.init();
    def.update(state, preds.slice(bounds[i], bounds[i + 1]), target.slice(bounds[i], bounds[i + 1]));
    parts.push(state);
  }
  // Merge in a random order, pairing neighbours of the shuffled list (a random merge tree).
  return def.compute(mergeTree(def, parts, order));
}

describe("merged results are bit-identical for any split and merge order", () => {
  it.each(regressionDefs)(
    "%s",
    (_, def, domain) => {
      fc.assert(
        fc.property(
          data(domain),
          fc.array(fc.nat(), { maxLength: 6 }),
          fc.array(fc.nat(), { maxLength: 6 }),
          ({ preds, target }, cuts, order) => {
            const whole = run(def, preds, target, [], []);
            const merged = run(def, preds, target, cuts, order);
            expect(bitDifference(merged, whole)).toBeUndefined();
          },
        ),
        { numRuns: 40 },
      );
    },
    60_000,
  );
});
