import { describe, expect, it } from "vitest";
import * as C from "./index.js";

describe("probabilistic metrics (hand-worked)", () => {
  it("binaryLogLoss = -mean(log p for positives, log(1 - p) for negatives)", () => {
    // -(ln 0.8 + ln(1 - 0.3)) / 2
    expect(C.binaryLogLoss([0.8, 0.3], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
    // p = 0 for a positive is clipped to 2^-52 (sklearn), so the loss is finite: 52 ln 2.
    expect(C.binaryLogLoss([0], [1])).toBeCloseTo(52 * Math.LN2, 12);
  });
  it("multiclassLogLoss reads the probability of the true class", () => {
    expect(C.multiclassLogLoss([[0.2, 0.7, 0.1]], [1], { numClasses: 3 })).toBeCloseTo(-Math.log(0.7), 15);
  });
  it("Brier score: mean squared error of probabilities", () => {
    // ((0.8 - 1)^2 + (0.3 - 0)^2) / 2 = (0.04 + 0.09) / 2
    expect(C.binaryBrierScore([0.8, 0.3], [1, 0])).toBeCloseTo(0.065, 15);
    // Multiclass: (0.2^2 + 0.3^2 + 0.1^2) = 0.14 (no halving for 3 classes).
    expect(C.multiclassBrierScore([[0.2, 0.7, 0.1]], [1], { numClasses: 3 })).toBeCloseTo(0.14, 15);
  });
  it("hinge losses", () => {
    // max(0, 1 - 0.5) = 0.5 and max(0, 1 - 0.2) = 0.8 (target 0 flips the sign of -0.2): mean 0.65.
    expect(C.binaryHingeLoss([0.5, -0.2], [1, 0])).toBeCloseTo(0.65, 15);
    // Crammer-Singer: margin 0.7 - 0.2 = 0.5, loss 0.5.
    expect(C.multiclassHingeLoss([[0.2, 0.7, 0.1]], [1], { numClasses: 3 })).toBeCloseTo(0.5, 15);
  });
});

describe("calibration error (hand-worked)", () => {
  it("two bins, each a quarter off: ECE 0.25, MCE 0.25, l2 0.25", () => {
    // 0.25 falls in [0, 0.5) with accuracy 0; 0.75 in [0.5, 1) with accuracy 1.
    for (const norm of ["l1", "l2", "max"] as const)
      expect(C.binaryCalibrationError([0.25, 0.75], [0, 1], { nBins: 2, norm })).toBeCloseTo(0.25, 12);
  });
  it("a confidence of exactly 1.0 sits in its own bin (torchmetrics)", () => {
    expect(C.binaryCalibrationError([1, 1], [1, 1], { nBins: 10 })).toBe(0);
    // With 0.95 and 1.0 in separate bins: gaps |1 - 0.95| and |1 - 1|, weights 1/2 each.
    expect(C.binaryCalibrationError([0.95, 1], [1, 1], { nBins: 10 })).toBeCloseTo(0.025, 7);
  });
  it("multiclass uses the top-label confidence", () => {
    // Confidence 0.6 (argmax 0, right) and 0.7 (argmax 1, wrong) with 1 bin: |0.5 - 0.65| = 0.15.
    expect(
      C.multiclassCalibrationError(
        [
          [0.6, 0.4],
          [0.3, 0.7],
        ],
        [0, 0],
        { numClasses: 2, nBins: 1 },
      ),
    ).toBeCloseTo(0.15, 7);
  });
});

describe("label ranking metrics (sklearn's documented examples)", () => {
  const yTrue = [
    [1, 0, 0],
    [0, 0, 1],
  ];
  const yScore = [
    [0.75, 0.5, 1],
    [1, 0.2, 0.1],
  ];
  it("label ranking average precision 0.416...", () => {
    // Row 1: the relevant label ranks 2nd -> 1/2; row 2: 3rd -> 1/3; mean 5/12.
    expect(C.multilabelRankingAveragePrecision(yScore, yTrue, { numLabels: 3 })).toBeCloseTo(5 / 12, 15);
  });
  it("label ranking loss 0.75", () => {
    // Row 1: 1 of 2 irrelevant labels above the relevant one; row 2: 2 of 2; mean 3/4.
    expect(C.multilabelRankingLoss(yScore, yTrue, { numLabels: 3 })).toBe(0.75);
  });
  it("coverage error 2.5", () => {
    // Row 1: scores >= 0.75 are 0.75 and 1 -> 2; row 2: all 3 -> mean 2.5.
    expect(C.multilabelCoverageError(yScore, yTrue, { numLabels: 3 })).toBe(2.5);
  });
});
