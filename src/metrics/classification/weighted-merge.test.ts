import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitDifference, splitAndMerge } from "../../../test/support/merge-tree.js";
import type { AnyMetricDef } from "../../metric.js";
import * as m from "./index.js";

/**
 * Issue 13 §3 for the weighted confusion counts (every stat-score and confusion-matrix metric,
 * binary, multiclass and multilabel), the weighted binned curves and the weighted exact curves
 * (scores often tied, so that tie groups span shards): data cut into batches at
 * random points, updated separately and merged as a random tree, give the same bits as one
 * update over everything. Weights are full 53-bit doubles from 2^-40 to 2^40 (and zeros), where
 * float64 sums of a cell depend on the order of their terms.
 */
const C = 4;
const L = 3;
type Task = "binary" | "multiclass" | "multiclassLabels" | "multilabel";
const defs: [string, Task, () => AnyMetricDef][] = [
  ["binaryAccuracy", "binary", () => m.binaryAccuracyDef()],
  ["binaryF1", "binary", () => m.binaryF1Def()],
  ["binaryStatScores", "binary", () => m.binaryStatScoresDef()],
  ["binaryConfusionMatrix normalize true", "binary", () => m.binaryConfusionMatrixDef({ normalize: "true" })],
  ["binaryMatthewsCorrcoef", "binary", () => m.binaryMatthewsCorrcoefDef()],
  ["binaryCohenKappa", "binary", () => m.binaryCohenKappaDef()],
  ["binaryJaccardIndex", "binary", () => m.binaryJaccardIndexDef()],
  ["binaryClassLikelihoodRatios", "binary", () => m.binaryClassLikelihoodRatiosDef()],
  ["binaryAuroc binned", "binary", () => m.binaryAurocDef({ thresholds: 7 })],
  ["binaryAveragePrecision binned", "binary", () => m.binaryAveragePrecisionDef({ thresholds: 7 })],
  ["binaryRocCurve binned", "binary", () => m.binaryRocCurveDef({ thresholds: 5 })],
  ["binaryAuroc exact", "binary", () => m.binaryAurocDef()],
  ["binaryAveragePrecision exact", "binary", () => m.binaryAveragePrecisionDef()],
  ["binaryPrecisionRecallCurve exact", "binary", () => m.binaryPrecisionRecallCurveDef()],
  [
    "multiclassAccuracy micro",
    "multiclass",
    () => m.multiclassAccuracyDef({ numClasses: C, average: "micro" }),
  ],
  ["multiclassF1 macro", "multiclass", () => m.multiclassF1Def({ numClasses: C })],
  [
    "multiclassFBeta weighted",
    "multiclass",
    () => m.multiclassFBetaDef({ numClasses: C, beta: 2, average: "weighted" }),
  ],
  [
    "multiclassPrecision none",
    "multiclass",
    () => m.multiclassPrecisionDef({ numClasses: C, average: "none" }),
  ],
  ["multiclassRecall top-2", "multiclass", () => m.multiclassRecallDef({ numClasses: C, topK: 2 })],
  ["multiclassSpecificity", "multiclass", () => m.multiclassSpecificityDef({ numClasses: C })],
  ["multiclassStatScores", "multiclass", () => m.multiclassStatScoresDef({ numClasses: C })],
  ["multiclassConfusionMatrix", "multiclass", () => m.multiclassConfusionMatrixDef({ numClasses: C })],
  [
    "multiclassConfusionMatrix normalize all",
    "multiclass",
    () => m.multiclassConfusionMatrixDef({ numClasses: C, normalize: "all" }),
  ],
  ["multiclassMatthewsCorrcoef", "multiclass", () => m.multiclassMatthewsCorrcoefDef({ numClasses: C })],
  [
    "multiclassCohenKappa quadratic",
    "multiclass",
    () => m.multiclassCohenKappaDef({ numClasses: C, weights: "quadratic" }),
  ],
  ["multiclassBalancedAccuracy", "multiclass", () => m.multiclassBalancedAccuracyDef({ numClasses: C })],
  ["multiclassJaccardIndex", "multiclass", () => m.multiclassJaccardIndexDef({ numClasses: C })],
  ["multiclassF1 labels subset", "multiclassLabels", () => m.multiclassF1Def({ labels: [0, 1, 2] })],
  ["multilabelF1 macro", "multilabel", () => m.multilabelF1Def({ numLabels: L })],
  ["multilabelF1 samples", "multilabel", () => m.multilabelF1Def({ numLabels: L, average: "samples" })],
  [
    "multilabelPrecision micro",
    "multilabel",
    () => m.multilabelPrecisionDef({ numLabels: L, average: "micro" }),
  ],
  ["multilabelAccuracy", "multilabel", () => m.multilabelAccuracyDef({ numLabels: L })],
  ["multilabelExactMatch", "multilabel", () => m.multilabelExactMatchDef({ numLabels: L })],
  ["multiclassExactMatch", "multiclassLabels", () => m.multiclassExactMatchDef({ numClasses: C })],
  [
    "multilabelF1 samples, zeroDivision NaN",
    "multilabel",
    () => m.multilabelF1Def({ numLabels: L, average: "samples", zeroDivision: Number.NaN }),
  ],
  ["multilabelHammingDistance", "multilabel", () => m.multilabelHammingDistanceDef({ numLabels: L })],
  ["multilabelConfusionMatrix", "multilabel", () => m.multilabelConfusionMatrixDef({ numLabels: L })],
  ["multilabelMatthewsCorrcoef", "multilabel", () => m.multilabelMatthewsCorrcoefDef({ numLabels: L })],
  ["multilabelStatScores", "multilabel", () => m.multilabelStatScoresDef({ numLabels: L })],
];

/** Weights from 2^-40 to 2^40 with full significands, ones and zeros. */
const spreadWeight = fc.oneof(
  fc.constant(0),
  fc.constant(1),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc
    .tuple(fc.double({ min: 1, max: 2, noNaN: true, maxExcluded: true }), fc.integer({ min: -40, max: 40 }))
    .map(([s, k]) => s * 2 ** k),
);

interface Row {
  preds: number | number[];
  target: number | number[];
  w: number;
}

const rowOf = (task: Task) =>
  fc.record({
    preds:
      task === "binary"
        ? fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.25, 0.5, 0.75))
        : task === "multiclass"
          ? fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: C, maxLength: C })
          : task === "multiclassLabels"
            ? fc.integer({ min: 0, max: C - 1 })
            : fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: L, maxLength: L }),
    target:
      task === "binary"
        ? fc.integer({ min: 0, max: 1 })
        : task === "multiclass" || task === "multiclassLabels"
          ? fc.integer({ min: 0, max: C - 1 })
          : fc.array(fc.integer({ min: 0, max: 1 }), { minLength: L, maxLength: L }),
    w: spreadWeight,
  });

describe("weighted confusion counts merge to the same bits in any split and order", () => {
  for (const [name, task, make] of defs) {
    it(name, () => {
      fc.assert(
        fc.property(
          fc.array(rowOf(task), { minLength: 2, maxLength: 60 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(), { maxLength: 8 }),
          (rows, cuts, order) => {
            const args = (shard: readonly Row[]) => [
              shard.map((r) => r.preds),
              shard.map((r) => r.target),
              shard.map((r) => r.w),
            ];
            const { sequential, merged } = splitAndMerge(make(), args, rows, cuts, order);
            expect(bitDifference(merged, sequential)).toBeUndefined();
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
