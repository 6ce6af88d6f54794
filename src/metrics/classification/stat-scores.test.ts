import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import * as C from "./index.js";

// Hand-worked binary example. preds > 0.5 gives labels [1, 1, 0, 1, 0, 0] (0.5 itself is negative,
// torchmetrics' strict `>`), so against target [1, 0, 1, 1, 0, 0]: TP = 2 (0, 3), FP = 1 (1),
// FN = 1 (2), TN = 2 (4, 5).
const preds = [0.9, 0.8, 0.3, 0.6, 0.1, 0.5];
const target = [1, 0, 1, 1, 0, 0];

describe("binary stat-score metrics (hand-worked)", () => {
  it("binaryStatScores counts TP 2, FP 1, TN 2, FN 1", () => {
    expect(C.binaryStatScores(preds, target)).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1, support: 3 });
  });
  it("derive every ratio from those counts", () => {
    expect(C.binaryAccuracy(preds, target)).toBeCloseTo(4 / 6, 15); // (TP + TN) / N
    expect(C.binaryPrecision(preds, target)).toBeCloseTo(2 / 3, 15); // 2 / (2 + 1)
    expect(C.binaryRecall(preds, target)).toBeCloseTo(2 / 3, 15); // 2 / (2 + 1)
    expect(C.binaryF1(preds, target)).toBeCloseTo(2 / 3, 15); // 2*2 / (2*2 + 1 + 1)
    expect(C.binaryFBeta(preds, target, { beta: 2 })).toBeCloseTo(2 / 3, 15); // 5*2 / (5*2 + 4*1 + 1)
    expect(C.binarySpecificity(preds, target)).toBeCloseTo(2 / 3, 15); // TN / (TN + FP)
    expect(C.binaryNegativePredictiveValue(preds, target)).toBeCloseTo(2 / 3, 15); // TN / (TN + FN)
    expect(C.binaryFalsePositiveRate(preds, target)).toBeCloseTo(1 / 3, 15); // FP / (FP + TN)
    expect(C.binaryFalseDiscoveryRate(preds, target)).toBeCloseTo(1 / 3, 15); // FP / (FP + TP)
    expect(C.binaryJaccardIndex(preds, target)).toBeCloseTo(0.5, 15); // 2 / (2 + 1 + 1)
    expect(C.binaryHammingDistance(preds, target)).toBeCloseTo(2 / 6, 15); // (FP + FN) / N
    expect(C.binaryBalancedAccuracy(preds, target)).toBeCloseTo(2 / 3, 15); // (2/3 + 2/3) / 2
    // MCC = (2*2 - 1*1) / sqrt(3 * 3 * 3 * 3) = 3 / 9
    expect(C.binaryMatthewsCorrcoef(preds, target)).toBeCloseTo(1 / 3, 15);
    // kappa: p_o = 4/6, p_e = (3/6)(3/6) + (3/6)(3/6) = 1/2, (2/3 - 1/2) / (1 - 1/2) = 1/3
    expect(C.binaryCohenKappa(preds, target)).toBeCloseTo(1 / 3, 15);
    expect(C.binaryConfusionMatrix(preds, target)).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(C.binaryConfusionMatrix(preds, target, { normalize: "true" })).toEqual([
      [2 / 3, 1 / 3],
      [1 / 3, 2 / 3],
    ]);
  });
  it("threshold moves the cut: at 0.45 the 0.5 score becomes a false positive", () => {
    expect(C.binaryStatScores(preds, target, { threshold: 0.45 })).toEqual({
      tp: 2,
      fp: 2,
      tn: 1,
      fn: 1,
      support: 3,
    });
  });
  it("sampleWeight weights the counts: recall = (2 * 1) / (2 * 1 + 3) with weight 3 on the missed positive", () => {
    expect(C.binaryRecall(preds, target, {})).toBeCloseTo(2 / 3, 15);
    const m = createMetric(C.binaryRecallDef()).update(preds, target, [1, 1, 3, 1, 1, 1]);
    expect(m.compute()).toBeCloseTo(2 / 5, 15);
  });
  it("ignoreIndex leaves samples out", () => {
    expect(C.binaryAccuracy([0.9, 0.9, 0.1], [1, -1, 0], { ignoreIndex: -1 })).toBe(1);
  });
  it("zeroDivision sets 0/0 (no positive prediction)", () => {
    expect(C.binaryPrecision([0.1, 0.2], [1, 0])).toBe(0);
    expect(C.binaryPrecision([0.1, 0.2], [1, 0], { zeroDivision: 1 })).toBe(1);
  });
  it("binaryMatthewsCorrcoef keeps torchmetrics' conventions: perfect 1, all wrong -1", () => {
    expect(C.binaryMatthewsCorrcoef([1, 0], [1, 0])).toBe(1);
    expect(C.binaryMatthewsCorrcoef([0, 1], [1, 0])).toBe(-1);
  });
});

// Hand-worked multiclass example: target [0, 1, 2, 2, 1], preds [0, 2, 2, 2, 1] give the
// confusion matrix rows (truth) [1, 0, 0], [0, 1, 1], [0, 0, 2].
// Per class: precision 1, 1, 2/3; recall 1, 1/2, 1; F1 1, 2/3, 4/5.
const mcPreds = [0, 2, 2, 2, 1];
const mcTarget = [0, 1, 2, 2, 1];
const k3 = { numClasses: 3 };

describe("multiclass stat-score metrics (hand-worked)", () => {
  it("confusion matrix and averages", () => {
    expect(C.multiclassConfusionMatrix(mcPreds, mcTarget, k3)).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 2],
    ]);
    expect(C.multiclassAccuracy(mcPreds, mcTarget, { ...k3, average: "micro" })).toBeCloseTo(4 / 5, 15);
    expect(C.multiclassPrecision(mcPreds, mcTarget, k3)).toBeCloseTo((1 + 1 + 2 / 3) / 3, 15);
    expect(C.multiclassRecall(mcPreds, mcTarget, k3)).toBeCloseTo((1 + 0.5 + 1) / 3, 15);
    expect(C.multiclassF1(mcPreds, mcTarget, k3)).toBeCloseTo(37 / 45, 15); // (1 + 2/3 + 4/5) / 3
    expect(C.multiclassF1(mcPreds, mcTarget, { ...k3, average: "none" })).toEqual([1, 2 / 3, 0.8]);
    // weighted by support 1, 2, 2: (1 + 2*(2/3) + 2*0.8) / 5
    expect(C.multiclassF1(mcPreds, mcTarget, { ...k3, average: "weighted" })).toBeCloseTo(
      (1 + 4 / 3 + 1.6) / 5,
      15,
    );
    expect(C.multiclassBalancedAccuracy(mcPreds, mcTarget, k3)).toBeCloseTo(2.5 / 3, 15);
  });
  it("macro leaves out a class absent from both target and prediction (torchmetrics)", () => {
    // Class 3 never occurs: macro precision over classes 0..2 only.
    expect(C.multiclassPrecision(mcPreds, mcTarget, { numClasses: 4 })).toBeCloseTo((1 + 1 + 2 / 3) / 3, 15);
    expect(C.multiclassPrecision(mcPreds, mcTarget, { numClasses: 4, average: "none" })).toEqual([
      1,
      1,
      2 / 3,
      0,
    ]);
  });
  it("topK counts a hit when the target is among the k best scores", () => {
    const scores = [
      [0.5, 0.3, 0.2],
      [0.5, 0.3, 0.2],
    ];
    // Target 1 is second best: a miss at top-1, a hit at top-2.
    expect(C.multiclassAccuracy(scores, [1, 2], { numClasses: 3, average: "micro" })).toBe(0);
    expect(C.multiclassAccuracy(scores, [1, 2], { numClasses: 3, average: "micro", topK: 2 })).toBe(0.5);
  });
  it("quadratic kappa weights disagreements by squared distance", () => {
    // Perfect agreement is 1 whatever the weights.
    expect(C.multiclassCohenKappa([0, 1, 2], [0, 1, 2], { numClasses: 3, weights: "quadratic" })).toBe(1);
  });
});

describe("multilabel stat-score metrics (hand-worked)", () => {
  // Rows: preds > 0.5 gives [1, 0, 1], [0, 1, 0]; targets [1, 0, 0], [0, 1, 0].
  const p = [
    [0.9, 0.2, 0.7],
    [0.1, 0.6, 0.4],
  ];
  const t = [
    [1, 0, 0],
    [0, 1, 0],
  ];
  it("exact match, Hamming distance and sample-averaged F1", () => {
    expect(C.multilabelExactMatch(p, t, { numLabels: 3 })).toBe(0.5); // row 2 only
    expect(C.multilabelHammingDistance(p, t, { numLabels: 3 })).toBeCloseTo(1 / 6, 15); // one wrong label of six
    // Per-sample F1: row 1 = 2*1 / (2*1 + 1) = 2/3, row 2 = 1; mean 5/6.
    expect(C.multilabelF1(p, t, { numLabels: 3, average: "samples" })).toBeCloseTo(5 / 6, 15);
    // Micro F1 over all entries: TP 2, FP 1, FN 0: 4/5.
    expect(C.multilabelF1(p, t, { numLabels: 3, average: "micro" })).toBeCloseTo(0.8, 15);
  });
});
