import { describe, expect, it } from "vitest";
import { classificationSuite, formatSuiteTable, inferTask, planSuite } from "./classification.js";

const col = (values: number[]) => ({ data: Float64Array.from(values), rows: values.length, cols: 1 });
const shape = (
  predsCols: number,
  targetCols: number,
  predsMax: number,
  targetMax: number,
  predsAllInteger = false,
) => ({
  predsCols,
  targetCols,
  predsMax,
  targetMax,
  predsAllInteger,
});

describe("eval classification", () => {
  it("infers binary, multiclass and multilabel tasks from shapes and values", () => {
    expect(inferTask(shape(1, 1, 0.9, 1), undefined, undefined)).toEqual({ task: "binary", numClasses: 2 });
    expect(inferTask(shape(1, 1, 2, 2, true), undefined, undefined)).toEqual({
      task: "multiclass",
      numClasses: 3,
    });
    expect(inferTask(shape(2, 1, 0.8, 1), undefined, undefined)).toEqual({
      task: "multiclass",
      numClasses: 2,
    });
    expect(inferTask(shape(2, 2, 0.8, 1), undefined, undefined)).toEqual({
      task: "multilabel",
      numClasses: 2,
    });
  });

  it("does not infer 10,001 classes from one stray label", () => {
    expect(() =>
      inferTask(
        { ...shape(1, 1, 2, 10000, true), targetLabels: new Set([0, 1, 10000]) },
        undefined,
        undefined,
      ),
    ).toThrow(
      "eval classification: the largest label is 10000 but --target holds only 3 distinct labels; labels are class indices 0..C-1, so pass --num-classes 10001 if that is right",
    );
  });

  it("says that one column of scores is not a multiclass input", () => {
    expect(() => inferTask(shape(1, 1, 0.9, 2), "multiclass", undefined)).toThrow(
      "eval classification: --preds has one column of non-integer values (scores?) but the task is multiclass, which needs class labels or one score column per class; for one score per sample use --task binary",
    );
  });

  it("rejects a row-count mismatch with one clear message", () => {
    expect(() => classificationSuite({ preds: col([0.2, 0.9]), target: col([0]) })).toThrow(
      "eval classification: --preds has 2 rows and --target has 1; they must match",
    );
  });

  it("prints the binary suite, squashing logits with a note", () => {
    // Logits -2, 3, 1, -1 -> probabilities < .5, > .5, > .5, < .5 against targets 0, 1, 0, 0.
    const result = classificationSuite({
      task: "binary",
      preds: col([-2, 3, 1, -1]),
      target: col([0, 1, 0, 0]),
    });
    const get = (m: string) => result.rows.find((r) => r.metric === m)?.value;
    expect(get("accuracy")).toBe(0.75);
    expect(get("auroc")).toBe(1);
    expect(result.notes).toEqual([
      "scores outside [0, 1] (-2) were read as logits: sigmoid applied for threshold and probability metrics",
    ]);
    expect(formatSuiteTable(result)).toContain("classification (binary, 4 samples)");
  });

  it("keeps probability rows that sum to 1 up to rounding as they are (no softmax, no note)", () => {
    // Rows sum to 1 - 2e-6 and 1 + 1e-6: log loss = -(ln(0.7/0.999998) + ln(0.8/1.000001)) / 2.
    const preds = { data: Float64Array.from([0.7, 0.299998, 0.200001, 0.8]), rows: 2, cols: 2 };
    const result = classificationSuite({ preds, target: col([0, 1]) });
    expect(result.notes).toEqual([]);
    const logLoss = result.rows.find((r) => r.metric === "log_loss")!.value;
    expect(logLoss).toBeCloseTo(-(Math.log(0.7 / 0.999998) + Math.log(0.8 / 1.000001)) / 2, 14);
  });

  it("checks the class count against the allocation budget before building the suite", () => {
    const profile = {
      rows: 2,
      predsCols: 1,
      targetCols: 1,
      predsMin: 0,
      predsMax: 1,
      predsAllInteger: true,
      targetMax: 1,
      targetLabels: new Set([0, 1]),
      rowSumDeviation: 0,
    };
    expect(() => planSuite(profile, { task: "multiclass", numClasses: 1e9, predsKind: "auto" })).toThrow(
      "eval classification: 1000000000 classes (a 1000000000 x 1000000000 confusion matrix) would need 7105 PiB, above the 1 GiB allocation limit",
    );
  });
});
