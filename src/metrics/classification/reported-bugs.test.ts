/**
 * Regression tests of the classification bugs the ported peer tests found (issue 10 §3). The
 * reference values are in test/data/golden/classification_front_door.json (notes name them);
 * here they are pinned exactly, since the bugs lived in the last bits or in one tie.
 */
import { describe, expect, it } from "vitest";
import * as C from "./index.js";

describe("issue 10 §3", () => {
  it("binaryEqualErrorRate compares |FPR - FNR| exactly: two points tie at 1/6, the first wins (torchmetrics 0.5833)", () => {
    const eer = C.binaryEqualErrorRate([0.13, 0.26, 0.08, 0.19, 0.34], [0, 0, 1, 1, 1]);
    expect(eer).toBeCloseTo(7 / 12, 15);
    expect(eer).not.toBeCloseTo(5 / 12, 3);
  });

  it("multilabelRankingLoss counts tied scores as mis-ordered, whatever the column order (sklearn gives 1)", () => {
    expect(C.multilabelRankingLoss([[0.5, 0.5]], [[0, 1]], { numLabels: 2 })).toBe(1);
    expect(C.multilabelRankingLoss([[0.5, 0.5]], [[1, 0]], { numLabels: 2 })).toBe(1);
    // torchmetrics breaks ties by label index instead.
    expect(
      C.multilabelRankingLoss([[0.5, 0.5]], [[0, 1]], { numLabels: 2, convention: "torchmetrics" }),
    ).toBe(0);
  });

  it("the multiclass precision-recall curve of a class absent from the target has recall [NaN, 0] (torchmetrics 1.9)", () => {
    const curves = C.multiclassPrecisionRecallCurve(
      [
        [0.6, 0.3, 0.1],
        [0.2, 0.7, 0.1],
        [0.5, 0.4, 0.1],
      ],
      [0, 1, 0],
      { numClasses: 3 },
    );
    expect(curves[2]!.recall).toEqual([Number.NaN, 0]);
    // A binary problem without positives keeps recall 1 (both references).
    expect(C.binaryPrecisionRecallCurve([0.2, 0.7], [0, 0]).recall).toEqual([1, 1, 0]);
  });

  it("multilabel Hamming distance is errors / N (sklearn's hamming_loss to the last bit)", () => {
    const preds = [
      [0.9, 0.2, 0.7],
      [0.1, 0.8, 0.6],
    ];
    const target = [
      [1, 0, 1],
      [0, 1, 0],
    ];
    expect(C.multilabelHammingDistance(preds, target, { numLabels: 3, average: "micro" })).toBe(1 / 6);
    expect(C.binaryHammingDistance(preds.flat(), target.flat())).toBe(1 / 6);
  });

  it("multiclassMatthewsCorrcoef is 0 where undefined, with 2 classes as with 3 (sklearn); the binary metric keeps torchmetrics' 1", () => {
    expect(C.multiclassMatthewsCorrcoef([0, 0, 0, 0], [0, 0, 0, 0], { numClasses: 2 })).toBe(0);
    expect(C.multiclassMatthewsCorrcoef([0, 0, 0, 0], [0, 0, 0, 0], { numClasses: 3 })).toBe(0);
    expect(C.binaryMatthewsCorrcoef([0, 0, 0, 0], [0, 0, 0, 0])).toBe(1);
  });
});
