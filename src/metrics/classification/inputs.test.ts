/** The input layouts of the front door (issue 10 §1): N-d inputs, sklearn labels, and their errors. */
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import * as C from "./index.js";

describe("N-d inputs", () => {
  it("nested arrays, { data, shape } and tensor-likes are the same input", () => {
    const nested = [
      [0.2, 0.8, 0.6],
      [0.9, 0.1, 0.4],
    ];
    const target = [
      [0, 1, 1],
      [1, 0, 1],
    ];
    const flat = { data: nested.flat(), shape: [2, 3] };
    const tensor = { shape: [2, 3], dataSync: () => Float32Array.from(nested.flat()) };
    const expected = C.binaryAccuracy(nested.flat(), target.flat());
    expect(C.binaryAccuracy(nested, target)).toBe(expected);
    expect(C.binaryAccuracy(flat, target)).toBe(expected);
    expect(C.binaryAccuracy(tensor, target)).toBe(expected);
    // Samplewise: one value per sample (row) of an (N, D) input.
    expect(C.binaryAccuracy(nested, target, { multidimAverage: "samplewise" })).toEqual([1, 2 / 3]);
  });

  it("a ragged array, a non-number at depth and shapes that disagree are named", () => {
    expectError(
      () => C.binaryAccuracy([[0.2, 0.8], [0.9]], [[0, 1], [1]]),
      "shape_mismatch",
      "binaryAccuracy: `target` is ragged: expected 2 entries at [1] (shape [2, 2] from the first elements), got 1",
    );
    expectError(
      () => C.binaryAccuracy([[0.2, "x"]] as never, [[0, 1]]),
      "invalid_value",
      'binaryAccuracy: `preds` must contain only numbers, got "x" at [0][1]',
    );
    expectError(
      () => C.binaryAccuracy([[0.2, 0.3]], [[0, 1, 1]]),
      "shape_mismatch",
      "binaryAccuracy: `preds` and `target` must have the same shape, got [1, 2] and [1, 3]",
    );
    expectError(
      () => C.multiclassF1([[[0.2, 0.8]]], [[1, 0]], { numClasses: 2 }),
      "shape_mismatch",
      "multiclassF1: `preds` must be labels of `target`'s shape [1, 2] or scores [1, 2, 2], got [1, 1, 2]",
    );
    expectError(
      () => C.binaryMatthewsCorrcoef([0.5], [1], { multidimAverage: "samplewise" } as never),
      "invalid_option",
      'binaryMatthewsCorrcoef: option `multidimAverage: "samplewise"` is not supported by this metric',
    );
  });
});

describe("scikit-learn labels", () => {
  it("uniqueLabels sorts as sklearn's unique_labels (numbers ascending, strings by code point)", () => {
    expect(C.uniqueLabels([3, 1], [2, 1])).toEqual([1, 2, 3]);
    expect(C.uniqueLabels(["b", "a", "B"], ["é", "z"])).toEqual(["B", "a", "b", "z", "é"]);
    expect(C.uniqueLabels(["\u{1F600}", "\uFFFD"])).toEqual(["\uFFFD", "\u{1F600}"]);
    expectError(
      () => C.uniqueLabels(["a", 1] as never),
      "invalid_value",
      "uniqueLabels: labels mix strings and numbers; use one type",
    );
  });

  it("string labels: one-shots infer them, defs need `labels`", () => {
    const p = ["cat", "dog", "cat"];
    const t = ["cat", "cat", "dog"];
    expect(C.multiclassAccuracy(p, t, { average: "micro" })).toBeCloseTo(1 / 3, 15);
    expect(C.multiclassAccuracy(p, t, { labels: ["dog", "cat"], average: "none" })).toEqual([0, 0.5]);
    expectError(
      () => {
        const def = C.multiclassAccuracyDef({ numClasses: 2 });
        def.update(def.init(), p, t);
      },
      "invalid_value",
      'multiclassAccuracy: `target` holds string labels ("cat" at index 0); map them with option `labels`',
    );
    expectError(
      () => C.multiclassAccuracy(["cat", 1] as never, t, { labels: ["cat", "dog"] }),
      "invalid_value",
      "multiclassAccuracy: `preds` mixes string labels with other values (1 at index 1); labels must be all strings or all numbers",
    );
    expectError(
      () => C.multiclassF1Def({ labels: ["a", "a"] }),
      "invalid_option",
      'multiclassF1: option `labels` lists "a" twice',
    );
    expectError(
      () => C.multiclassF1Def({ labels: [0, 1], numClasses: 3 }),
      "invalid_option",
      "multiclassF1: option `numClasses` (3) disagrees with the 2 `labels`",
    );
  });

  it("a labels subset: other labels are negatives of every listed class (sklearn)", () => {
    // Class 2 is left out: its sample predicted 0 is a false positive of class 0.
    expect(C.multiclassPrecision([0, 0, 1], [0, 2, 1], { labels: [0, 1], average: "none" })).toEqual([
      0.5, 1,
    ]);
    // The confusion matrix leaves those samples out (sklearn's confusion_matrix).
    expect(C.multiclassConfusionMatrix([0, 0, 1], [0, 2, 1], { labels: [0, 1] })).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it("posLabel maps binary labels; a third label or an absent positive is an error", () => {
    expect(C.binaryRecall(["spam", "ham", "spam"], ["spam", "spam", "ham"], { posLabel: "spam" })).toBe(0.5);
    expect(C.binaryRecall([-1, 1, 1], [1, 1, -1], { posLabel: -1 })).toBe(0);
    expectError(
      () => C.binaryRecall(["a", "b", "c"], ["a", "b", "a"], { posLabel: "a" }),
      "invalid_value",
      'binaryRecall: `preds` holds a third label "c" at index 2 (labels seen: "a", "b", "c"); a binary problem has two',
    );
    expectError(
      () => C.binaryRecall(["a", "b"], ["a", "b"], { posLabel: "z" }),
      "invalid_value",
      'binaryRecall: option `posLabel` is "z", which is not among the labels "a", "b"',
    );
  });

  it("hinge loss takes sklearn's {-1, 1} labels as well as 0/1", () => {
    const scores = [0.5, -2, 1.5];
    expect(C.binaryHingeLoss(scores, [1, -1, 1])).toBe(C.binaryHingeLoss(scores, [1, 0, 1]));
  });
});
