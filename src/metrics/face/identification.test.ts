import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { createMetric } from "../../metric.js";
import { identificationRank, identificationRankDef } from "./identification.js";
import { pairwiseSimilarity } from "./similarity.js";

describe("identificationRank", () => {
  it("computes CMC and MRR on a hand-worked example", () => {
    // Gallery identities [7, 8, 9]. Probe 0 (id 7): correct 0.9 is the top score -> rank 1.
    // Probe 1 (id 9): correct 0.5, wrong scores 0.6 and 0.2 -> one above -> rank 2.
    // Probe 2 (id 8): correct 0.1, wrong 0.3 and 0.4 -> rank 3.
    const similarity = [
      [0.9, 0.3, 0.1],
      [0.6, 0.2, 0.5],
      [0.3, 0.1, 0.4],
    ];
    const result = identificationRank(similarity, [7, 9, 8], [7, 8, 9], { ranks: [1, 2, 3] });
    expect(result.cmc).toEqual({ "1": 1 / 3, "2": 2 / 3, "3": 1 });
    expect(result.meanReciprocalRank).toBeCloseTo((1 + 1 / 2 + 1 / 3) / 3, 15);
  });

  it("resolves ties as asked", () => {
    const similarity = [[0.5, 0.5, 0.5]];
    expect(identificationRank(similarity, [1], [1, 2, 3], { ranks: [1] }).cmc["1"]).toBe(1);
    expect(identificationRank(similarity, [1], [1, 2, 3], { ranks: [1], ties: "pessimistic" }).cmc["1"]).toBe(
      0,
    );
    expect(
      identificationRank(similarity, [1], [1, 2, 3], { ranks: [1], ties: "average" }).meanReciprocalRank,
    ).toBe(0.5);
  });

  it("batches of probes merged equal one update, through JSON", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        fc.nat(),
        (rows, cut) => {
          const gallery = [0, 1, 2, 3];
          const labels = rows.map((r) => r[0]);
          const scores = rows.map((r) => r[1]);
          const k = cut % (rows.length + 1);
          const left = createMetric(identificationRankDef()).update(
            scores.slice(0, k),
            labels.slice(0, k),
            gallery,
          );
          const right = createMetric(identificationRankDef()).update(
            scores.slice(k),
            labels.slice(k),
            gallery,
          );
          const restored = createMetric(identificationRankDef()).fromJSON(JSON.stringify(left.toJSON()));
          expect(restored.merge(right).compute()).toEqual(identificationRank(scores, labels, gallery));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects a probe whose identity is not enrolled, unless asked to count it as a miss", () => {
    expectError(
      () => identificationRank([[0.2]], [5], [1]),
      "invalid_value",
      "identificationRank: probe 0 has identity 5, which the gallery does not hold",
    );
    expect(identificationRank([[0.2]], [5], [1], { missing: "miss" }).cmc["1"]).toBe(0);
    expect(() => identificationRank([[0.2, 0.1]], [1], [1])).toThrow(
      "identificationRank: `similarity` must be probes x gallery = 1 x 1, got 1 x 2",
    );
  });
});

describe("pairwiseSimilarity", () => {
  it("computes cosine and negative Euclidean similarity", () => {
    const m = pairwiseSimilarity(
      [
        [1, 0],
        [0, 2],
      ],
      [
        [1, 1],
        [0, 0],
      ],
    );
    const expected = [Math.SQRT1_2, 0, Math.SQRT1_2, 0];
    for (const [i, v] of Array.from(m.data).entries()) expect(v).toBeCloseTo(expected[i]!, 15);
    const e = pairwiseSimilarity([[0, 0]], [[3, 4]], { measure: "negative_euclidean" });
    expect(Array.from(e.data)).toEqual([-5]);
  });
});
