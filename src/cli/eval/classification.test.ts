import { describe, expect, it } from "vitest";
import { classificationSuite, formatSuiteTable, inferTask } from "./classification.js";

const col = (values: number[]) => ({ data: Float64Array.from(values), rows: values.length, cols: 1 });
const mat = (rows: number[][]) => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  cols: rows[0]!.length,
});

describe("eval classification", () => {
  it("infers binary, multiclass and multilabel tasks from shapes and values", () => {
    expect(inferTask(col([0.2, 0.9]), col([0, 1]), undefined, undefined)).toEqual({
      task: "binary",
      numClasses: 2,
    });
    expect(inferTask(col([0, 2, 1]), col([0, 1, 2]), undefined, undefined)).toEqual({
      task: "multiclass",
      numClasses: 3,
    });
    expect(
      inferTask(
        mat([
          [0.2, 0.8],
          [0.6, 0.4],
        ]),
        col([1, 0]),
        undefined,
        undefined,
      ),
    ).toEqual({ task: "multiclass", numClasses: 2 });
    expect(
      inferTask(
        mat([
          [0.2, 0.8],
          [0.6, 0.4],
        ]),
        mat([
          [0, 1],
          [1, 1],
        ]),
        undefined,
        undefined,
      ),
    ).toEqual({ task: "multilabel", numClasses: 2 });
  });
  it("rejects a row-count mismatch with one clear message", () => {
    expect(() => inferTask(col([0.2, 0.9]), col([0]), undefined, undefined)).toThrow(
      "eval classification: --preds has 2 rows and --target has 1; they must match",
    );
  });
  it("prints the binary suite, squashing logits with a note", () => {
    // Logits -2, 3, 1, -1 -> probabilities < .5, > .5, > .5, < .5 against targets 0, 1, 0, 0.
    const result = classificationSuite({
      task: "binary",
      numClasses: 2,
      preds: col([-2, 3, 1, -1]),
      target: col([0, 1, 0, 0]),
    });
    const get = (m: string) => result.rows.find((r) => r.metric === m)?.value;
    expect(get("accuracy")).toBe(0.75);
    expect(get("auroc")).toBe(1);
    expect(result.notes[0]).toContain("sigmoid");
    expect(formatSuiteTable(result)).toContain("classification (binary, 4 samples)");
  });
});
