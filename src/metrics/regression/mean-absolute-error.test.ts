import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import { meanAbsoluteError, meanAbsoluteErrorDef } from "./mean-absolute-error.js";

describe("meanAbsoluteError", () => {
  it("matches the hand-worked example", () => {
    // |errors| 0.5 + 0.5 + 0 + 1 = 2, / 4 = 0.5
    expect(meanAbsoluteError([2.5, 0, 2, 8], [3, -0.5, 2, 7])).toBe(0.5);
  });

  it("accepts typed arrays and { data, rows, cols } matrices", () => {
    expect(meanAbsoluteError(Float32Array.from([1, 2]), Int32Array.from([0, 0]))).toBe(1.5);
    expect(
      meanAbsoluteError(
        { data: [1, 2, 3, 4], rows: 2, cols: 2 },
        { data: [0, 0, 0, 0], rows: 2, cols: 2 },
        { multioutput: "raw_values" },
      ),
    ).toEqual([2, 3]);
  });

  it("rejects matrices of different shapes", () => {
    expect(() => meanAbsoluteError([[1, 2]], [[1, 2, 3]])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });

  it("rejects batches with a different number of outputs than earlier ones", () => {
    const metric = createMetric(meanAbsoluteErrorDef());
    metric.update([[1, 2]], [[1, 2]]);
    expect(() => metric.update([[1, 2, 3]], [[1, 2, 3]])).toThrow(
      "meanAbsoluteError: every batch must have 2 output column(s), got 3",
    );
  });
});
