import { describe, expect, it } from "vitest";
import * as C from "./index.js";

const scores = [0.1, 0.4, 0.35, 0.8];
const target = [0, 0, 1, 1];

describe("curves", () => {
  it("binaryRocCurve with convention sklearn matches sklearn's documented roc_curve example", () => {
    expect(C.binaryRocCurve(scores, target, { convention: "sklearn" })).toEqual({
      fpr: [0, 0, 0.5, 0.5, 1],
      tpr: [0, 0.5, 0.5, 1, 1],
      thresholds: [Number.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1],
    });
  });
  it("binaryRocCurve (torchmetrics) starts at threshold 1 and keeps every distinct score", () => {
    const roc = C.binaryRocCurve([0.1, 0.2, 0.3, 0.9], [0, 0, 0, 1]);
    expect(roc.thresholds).toEqual([1, 0.9, 0.3, 0.2, 0.1]);
    expect(roc.fpr).toEqual([0, 0, 1 / 3, 2 / 3, 1]);
    expect(roc.tpr).toEqual([0, 1, 1, 1, 1]);
    // sklearn drops the collinear points (1/3, 1) and (2/3, 1).
    expect(C.binaryRocCurve([0.1, 0.2, 0.3, 0.9], [0, 0, 0, 1], { convention: "sklearn" }).fpr).toEqual([
      0, 0, 1,
    ]);
  });
  it("binaryPrecisionRecallCurve matches sklearn's documented precision_recall_curve example", () => {
    const pr = C.binaryPrecisionRecallCurve(scores, target);
    expect(pr.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(pr.recall).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(pr.precision[0]).toBe(0.5);
    expect(pr.precision[1]).toBeCloseTo(2 / 3, 15);
    expect(pr.precision.slice(2)).toEqual([0.5, 1, 1]);
  });
  it("binned curves report the given thresholds", () => {
    const roc = C.binaryRocCurve(scores, target, { thresholds: [0, 0.5, 1] });
    expect(roc.thresholds).toEqual([1, 0.5, 0]);
    // At 0.5 only 0.8 is positive: TPR 1/2, FPR 0.
    expect(roc.tpr).toEqual([0, 0.5, 1]);
    expect(roc.fpr).toEqual([0, 0, 1]);
  });
});

describe("operating points", () => {
  it("recall at precision >= 0.6 and precision at recall >= 0.5 on sklearn's example", () => {
    // PR points (threshold, precision, recall): (0.1, .5, 1), (0.35, 2/3, 1), (0.4, .5, .5), (0.8, 1, .5).
    expect(C.binaryRecallAtFixedPrecision(scores, target, { minPrecision: 0.6 })).toEqual({
      value: 1,
      threshold: 0.35,
    });
    expect(C.binaryPrecisionAtFixedRecall(scores, target, { minRecall: 0.5 })).toEqual({
      value: 1,
      threshold: 0.8,
    });
  });
  it("specificity at sensitivity and sensitivity at specificity read the ROC curve", () => {
    // ROC points (threshold, FPR, TPR): (1, 0, 0), (0.8, 0, .5), (0.4, .5, .5), (0.35, .5, 1), (0.1, 1, 1).
    expect(C.binarySpecificityAtSensitivity(scores, target, { minSensitivity: 1 })).toEqual({
      value: 0.5,
      threshold: 0.35,
    });
    expect(C.binarySensitivityAtSpecificity(scores, target, { minSpecificity: 1 })).toEqual({
      value: 0.5,
      threshold: 0.8,
    });
  });
  it("equal error rate: the ROC point where FPR and 1 - TPR meet", () => {
    // |FPR - FNR| per point: 1, .5, 0 (at (.5, .5)), .5, 1 -> EER (0.5 + 0.5) / 2.
    expect(C.binaryEqualErrorRate(scores, target)).toBe(0.5);
  });
});
