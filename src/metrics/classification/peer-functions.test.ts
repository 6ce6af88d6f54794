/**
 * The functions the peers had and plumbline lacked (issue 10 §4): hand-worked cases and errors
 * (their reference values are in the golden file that front-door.test.ts runs).
 */
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { createMetric, runOnce } from "../../metric.js";
import * as C from "./index.js";

describe("auc", () => {
  it("is the trapezoidal area, for increasing or decreasing x (sklearn's auc)", () => {
    // (0.5 * 0.8) / 2 + 0.5 * (0.8 + 1) / 2 = 0.2 + 0.45
    expect(C.auc([0, 0.5, 1], [0, 0.8, 1])).toBeCloseTo(0.65, 15);
    expect(C.auc([1, 0.5, 0], [1, 0.8, 0])).toBeCloseTo(0.65, 15);
    expect(C.auc([1, 0, 0.5], [1, 0, 0.8], { reorder: true })).toBeCloseTo(0.65, 15);
    expectError(
      () => C.auc([0, 1, 0.5], [0, 1, 0.8]),
      "invalid_value",
      "auc: `x` is neither increasing nor decreasing (sort it, or pass reorder: true)",
    );
    expectError(
      () => C.auc([1], [1]),
      "invalid_value",
      "auc: at least 2 points are needed to compute an area, got 1",
    );
  });
});

describe("critical success index", () => {
  it("counts events at or above the threshold (torchmetrics' docstring example: 1/3)", () => {
    const preds = [
      [0.2, 0.7],
      [0.9, 0.3],
    ];
    const target = [
      [0.4, 0.2],
      [0.8, 0.6],
    ];
    expect(C.criticalSuccessIndex(preds, target, { threshold: 0.5 })).toBeCloseTo(1 / 3, 15);
    expect(
      C.criticalSuccessIndex([preds, preds], [target, target], { threshold: 0.5, keepSequenceDim: 0 }),
    ).toEqual([1 / 3, 1 / 3]);
    expectError(
      () => C.criticalSuccessIndexDef({} as never),
      "invalid_option",
      "criticalSuccessIndex: option `threshold` is required",
    );
    const metric = createMetric(C.criticalSuccessIndexDef({ threshold: 0.5, keepSequenceDim: 0 })).update(
      [[1]],
      [[1]],
    );
    expectError(
      () => metric.update([[1], [1]], [[1], [0]]),
      "shape_mismatch",
      "criticalSuccessIndex: the kept dimension has 2 indices, earlier batches had 1",
    );
  });
});

describe("group fairness", () => {
  const preds = [0.11, 0.84, 0.22, 0.73, 0.33, 0.92];
  const target = [0, 1, 0, 1, 0, 1];
  const groups = [0, 1, 0, 1, 0, 1];

  it("gives torchmetrics' docstring values", () => {
    expect(C.binaryGroupStatRates(preds, target, groups, { numGroups: 2 })).toEqual({
      group_0: [0, 0, 1, 0],
      group_1: [1, 0, 0, 0],
    });
    expect(C.demographicParity(preds, groups)).toEqual({ DP_0_1: 0 });
    expect(C.equalOpportunity(preds, target, groups)).toEqual({ EO_0_1: 0 });
  });

  it("names groups by their rank among the groups present, as torchmetrics", () => {
    // Ids 0 and 2 are present: they are reported as group_0 and group_1.
    expect(Object.keys(C.binaryGroupStatRates(preds, target, [0, 2, 0, 2, 0, 2]))).toEqual([
      "group_0",
      "group_1",
    ]);
  });

  it("refuses group ids outside [0, numGroups) and merges exactly", () => {
    expectError(
      () => C.equalOpportunity(preds, target, [0, 1, 2, 0, 1, 0], { numGroups: 2 }),
      "invalid_value",
      "equalOpportunity: `groups` must hold group ids in [0, 2), got 2 at index 2",
    );
    const def = C.binaryFairnessDef({ numGroups: 2 });
    const a = createMetric(def).update(preds.slice(0, 3), target.slice(0, 3), groups.slice(0, 3));
    const b = createMetric(def).update(preds.slice(3), target.slice(3), groups.slice(3));
    expect(a.merge(b).compute()).toEqual(runOnce(def, preds, target, groups));
  });
});

describe("class likelihood ratios", () => {
  it("LR+ = TPR / FPR and LR- = FNR / TNR", () => {
    // TP 2, FN 1, FP 1, TN 2: LR+ = (2/3) / (1/3) = 2, LR- = (1/3) / (2/3) = 0.5.
    expect(C.binaryClassLikelihoodRatios([1, 1, 0, 1, 0, 0], [1, 1, 1, 0, 0, 0])).toEqual({
      positive: 2,
      negative: 0.5,
    });
  });
});

describe("log AUC", () => {
  it("is 1 for a perfect ranking and refuses a bad range", () => {
    expect(C.binaryLogAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expectError(
      () => C.binaryLogAucDef({ fprRange: [0.5, 0.1] as never }),
      "invalid_option",
      "binaryLogAuc: option `fprRange` must be [a, b] with 0 <= a < b <= 1, got an array of length 2",
    );
  });
});
