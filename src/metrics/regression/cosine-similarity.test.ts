import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import { cosineSimilarity, cosineSimilarityDef } from "./cosine-similarity.js";

describe("cosineSimilarity", () => {
  it("matches the hand-worked example, positive (not negated as the Keras loss)", () => {
    // 1 / (1 * sqrt 2)
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it("gives one value per row of a matrix, reduced by sum (default), mean or none", () => {
    const p = [
      [1, 0],
      [0, 1],
    ];
    const t = [
      [1, 0],
      [0, -1],
    ];
    expect(cosineSimilarity(p, t, { reduction: "none" })).toEqual([1, -1]);
    expect(cosineSimilarity(p, t)).toBe(0);
    expect(cosineSimilarity(p, t, { reduction: "mean" })).toBe(0);
  });

  it("refuses to mix vector and matrix batches", () => {
    const metric = createMetric(cosineSimilarityDef());
    metric.update([1, 2], [2, 1]);
    expect(() => metric.update([[1, 2]], [[2, 1]])).toThrow(
      "cosineSimilarity: every batch must be a vector, got a matrix",
    );
  });
});
