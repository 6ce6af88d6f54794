import { describe, expect, it } from "vitest";
import * as classification from "../metrics/classification/index.js";
import * as depth from "../metrics/depth/index.js";
import * as regression from "../metrics/regression/index.js";
import { catalog } from "./index.js";

/**
 * The catalog's range and direction checked against the code: a perfect prediction must score the
 * entry's ideal value (the end of the range its direction points to). Every metric of the
 * regression, depth and binary classification areas whose function takes (preds, target) is
 * called with preds equal to target; `CALLS` gives the others (groups, required options) their
 * inputs. Metrics without an ideal (direction "none": curves, likelihood ratios) are left out.
 */
type Call = (preds: unknown, target: unknown, options?: unknown) => unknown;

const positive = [1, 2, 3, 4.5, 7];
const distributions = [
  [0.2, 0.8],
  [0.5, 0.5],
];
const labels = [0, 1, 1, 0, 1, 0];

/** Options for the metrics that require one. */
const OPTIONS: Record<string, unknown> = {
  "classification/fbeta": { beta: 1 },
  "classification/recall_at_fixed_precision": { minPrecision: 0.5 },
  "classification/precision_at_fixed_recall": { minRecall: 0.5 },
  "classification/specificity_at_sensitivity": { minSensitivity: 0.5 },
  "classification/sensitivity_at_specificity": { minSpecificity: 0.5 },
};

/** [preds, target] for the metrics that need other data than preds equal to the area's target. */
const INPUT: Record<string, [unknown, unknown]> = {
  "regression/kl_divergence": [distributions, distributions],
  "regression/js_divergence": [distributions, distributions],
  // WHDR takes a reflectance image and human judgements: a reflectance that agrees with them.
  "depth/whdr": [
    [[0.2, 0.8]],
    {
      intrinsic_points: [
        { id: 1, x: 0.1, y: 0.5, opaque: true },
        { id: 2, x: 0.9, y: 0.5, opaque: true },
      ],
      intrinsic_comparisons: [{ point1: 1, point2: 2, darker: "1", darker_score: 1 }],
    },
  ],
  // A perfect margin classifier scores at least 1 on the right side of the boundary.
  "classification/hinge": [labels.map((y) => 2 * y - 1), labels],
};

/**
 * Entries whose functions need more than (preds, target[, options]): the call that scores a perfect
 * prediction, returning the value or a record of values (each must be the ideal).
 */
const CALLS: Partial<Record<string, () => unknown>> = {
  // Fairness compares groups: both groups have a positive rate of 1/2, so the perfect predictor is
  // at demographic parity and gives both the same true positive rate (DP = EO = 1).
  "classification/group_fairness": () => classification.binaryFairness(labels, labels, [0, 0, 1, 1, 1, 1]),
  // The threat score of thresholded fields: events are values >= threshold.
  "classification/critical_success_index": () =>
    classification.criticalSuccessIndex(labels, labels, { threshold: 0.5 }),
};

/** The numbers a call returned: a number, or each value of a record given by `CALLS`. */
function valuesOf(value: unknown, record: boolean): number[] | undefined {
  if (typeof value === "number") return [value];
  if (record && typeof value === "object" && value !== null) {
    const values = Object.values(value);
    if (values.length > 0 && values.every((v) => typeof v === "number")) return values as number[];
  }
  return undefined;
}

function firstFunction(module: Record<string, unknown>, names: readonly string[]): Call | undefined {
  for (const name of names) {
    const f = module[name];
    if (typeof f === "function" && !name.endsWith("Def")) return f as Call;
  }
  return undefined;
}

describe("a perfect prediction scores the catalog's ideal value", () => {
  const areas: [string, Record<string, unknown>, unknown][] = [
    ["regression", regression, positive],
    ["depth", depth, positive],
    ["classification", classification, labels],
  ];
  for (const [area, module, data] of areas) {
    const entries = catalog.filter(
      (e) => e.id.startsWith(`${area}/`) && e.kind === "metric" && e.ideal !== null,
    );
    it(`${area}: ${entries.length} metrics`, () => {
      const checked: string[] = [];
      for (const entry of entries) {
        // Classification: only the binary form takes (preds, target) without options.
        const names =
          area === "classification" ? entry.exports.filter((n) => n.startsWith("binary")) : entry.exports;
        const special = CALLS[entry.id];
        const call = firstFunction(module, names);
        if (!special && !call) continue;
        const [preds, target] = INPUT[entry.id] ?? [data, data];
        const values = valuesOf(special ? special() : call!(preds, target, OPTIONS[entry.id]), !!special);
        if (special) expect(values, `${entry.id}: CALLS must return numbers`).toBeDefined();
        if (!values) continue;
        for (const value of values) expect(value, entry.id).toBeCloseTo(entry.ideal!, 6);
        checked.push(entry.id);
      }
      // Most of the area is covered; the rest return structures (curves, tables).
      expect(checked.length, checked.join(", ")).toBeGreaterThanOrEqual(Math.floor(entries.length * 0.6));
    });
  }
});
