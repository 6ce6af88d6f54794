import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import * as C from "./index.js";

// scikit-learn's documented example (roc_auc_score, average_precision_score, roc_curve):
// y_true [0, 0, 1, 1], y_score [0.1, 0.4, 0.35, 0.8] gives AUROC 0.75 and AP 0.8333...
const scores = [0.1, 0.4, 0.35, 0.8];
const target = [0, 0, 1, 1];

describe("binaryAuroc", () => {
  it("matches sklearn's documented example (0.75) in exact and float32 input", () => {
    // Pairs (pos, neg): (0.35 > 0.1), (0.35 < 0.4), (0.8 > 0.1), (0.8 > 0.4) -> 3 of 4.
    expect(C.binaryAuroc(scores, target)).toBe(0.75);
    expect(C.binaryAuroc(Float32Array.from(scores), Uint8Array.from(target))).toBe(0.75);
  });
  it("gives ties half credit", () => {
    expect(C.binaryAuroc([0.5, 0.5], [0, 1])).toBe(0.5);
    // pos {0.5, 0.9}, neg {0.5, 0.1}: (0.5 = 0.5) 0.5 + (0.5 > 0.1) 1 + 1 + 1 = 3.5 of 4
    expect(C.binaryAuroc([0.5, 0.9, 0.5, 0.1], [1, 1, 0, 0])).toBe(0.875);
  });
  it("with one class returns 0 (torchmetrics) or NaN (convention sklearn)", () => {
    expect(C.binaryAuroc([0.2, 0.7], [1, 1])).toBe(0);
    expect(C.binaryAuroc([0.2, 0.7], [1, 1], { convention: "sklearn" })).toBeNaN();
  });
  it("maxFpr: perfect ranking stays 1 and a random-looking one is near 0.5 (McClish)", () => {
    expect(C.binaryAuroc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], { maxFpr: 0.5 })).toBeCloseTo(1, 12);
    // Worked: ROC of the sklearn example is (0,0),(0,0.5),(0.5,0.5),(0.5,1),(1,1). Up to FPR 0.5 the
    // area is 0.5 * 0.5 = 0.25 (the vertical jump at 0.5 adds nothing); m = 0.5, min = 0.125,
    // McClish 0.5 * (1 + (0.25 - 0.125) / (0.5 - 0.125)) = 2/3.
    expect(C.binaryAuroc(scores, target, { maxFpr: 0.5 })).toBeCloseTo(2 / 3, 12);
  });
  it("binned mode keeps constant state and approximates the exact value", () => {
    const m = createMetric(C.binaryAurocDef({ thresholds: 5 }));
    m.update(scores, target);
    expect(m.state.kind).toBe("binned");
    // Thresholds 0, .25, .5, .75, 1: positives reach 2 (0.35) and 4 (0.8) thresholds, negatives 1 (0.1)
    // and 2 (0.4). By descending threshold (FPR, TPR): (0,0), (0,.5), (0,.5), (.5,1), (1,1):
    // trapezoids .5 * (.5 + 1) / 2 + .5 * 1 = 0.875 (0.35 and 0.4 share a bin, so the binned value
    // exceeds the exact 0.75).
    expect(m.compute()).toBeCloseTo(0.875, 12);
  });
  it("sampleWeight: a weight of 2 on a sample counts it twice", () => {
    expect(createMetric(C.binaryAurocDef()).update(scores, target, [1, 2, 1, 1]).compute()).toBe(
      C.binaryAuroc([0.1, 0.4, 0.4, 0.35, 0.8], [0, 0, 0, 1, 1]),
    );
  });
});

describe("binaryAveragePrecision", () => {
  it("matches sklearn's documented example: (0.5)(1) + (0.5)(2/3) = 0.8333...", () => {
    expect(C.binaryAveragePrecision(scores, target)).toBeCloseTo(0.5 + 1 / 3, 15);
  });
  it("no positive gives 0 as torchmetrics and sklearn", () => {
    expect(C.binaryAveragePrecision([0.3, 0.6], [0, 0])).toBe(0);
  });
});

describe("multiclass and multilabel AUROC", () => {
  const probs = [
    [0.7, 0.2, 0.1],
    [0.2, 0.5, 0.3],
    [0.1, 0.3, 0.6],
    [0.3, 0.4, 0.3],
  ];
  const labels = [0, 1, 2, 1];
  it("a perfect ranking per class scores 1 in every average", () => {
    for (const average of ["macro", "weighted", "micro"] as const)
      expect(C.multiclassAuroc(probs, labels, { numClasses: 3, average })).toBe(1);
    expect(C.multiclassAuroc(probs, labels, { numClasses: 3, multiClass: "ovo" })).toBe(1);
  });
  it("a class without samples scores 0 (torchmetrics), NaN with convention sklearn", () => {
    const none = C.multiclassAuroc(probs, [0, 1, 1, 1], { numClasses: 3, average: "none" });
    expect(none[2]).toBe(0);
    expect(C.multiclassAuroc(probs, [0, 1, 1, 1], { numClasses: 3, convention: "sklearn" })).toBeNaN();
  });
  it("multilabel macro averages per-label AUROC", () => {
    expect(
      C.multilabelAuroc(
        [
          [0.9, 0.1],
          [0.1, 0.8],
          [0.2, 0.3],
        ],
        [
          [1, 0],
          [0, 1],
          [0, 0],
        ],
        { numLabels: 2 },
      ),
    ).toBe(1);
  });
});
