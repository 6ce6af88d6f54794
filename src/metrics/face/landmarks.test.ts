import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { createMetric } from "../../metric.js";
import { type LandmarkErrorOptions, landmarkError, landmarkErrorDef } from "./landmarks.js";

const golden = JSON.parse(
  readFileSync(new URL("../../../test/data/golden/face_landmarks.json", import.meta.url), "utf8"),
) as {
  cases: {
    name: string;
    preds: number[][][];
    target: number[][][];
    options: LandmarkErrorOptions;
    expected: { per_sample: number[]; nme: number; failure_rate: number; auc: number };
  }[];
};

describe("landmarkError (numpy re-implementation of HRNet compute_nme and PIPNet compute_fr_and_auc)", () => {
  for (const c of golden.cases) {
    it(`matches the reference: ${c.name}`, () => {
      const r = landmarkError(c.preds, c.target, c.options);
      expect(r.nme).toBe(c.expected.nme);
      expect(r.failureRate).toBe(c.expected.failure_rate);
      expect(r.auc).toBe(c.expected.auc);
      expect(r.samples).toBe(c.preds.length);
      // Per-sample errors, and two batches merged, give the same numbers.
      const m = createMetric(landmarkErrorDef(c.options));
      m.update(c.preds.slice(0, 3), c.target.slice(0, 3));
      const other = createMetric(landmarkErrorDef(c.options)).update(c.preds.slice(3), c.target.slice(3));
      expect(Array.from(m.merge(other).state.errors.data.subarray(0, c.preds.length))).toEqual(
        c.expected.per_sample,
      );
      expect(m.compute()).toEqual(r);
    });
  }

  it("hand-worked: one face, two landmarks, one off by 1 at inter-ocular distance 10", () => {
    // NME = (0 + 1) / (10 · 2) = 0.05 <= 0.1: no failure. CED: 0 below 0.05, 1 from 0.05 → AUC ≈ 0.5.
    const r = landmarkError(
      [
        [
          [0, 0],
          [10, 1],
        ],
      ],
      [
        [
          [0, 0],
          [10, 0],
        ],
      ],
      { eyeCorners: [0, 1] },
    );
    expect(r.nme).toBe(0.05);
    expect(r.failureRate).toBe(0);
    expect(r.auc).toBeCloseTo(0.5, 3);
  });

  it("refuses what it cannot normalise", () => {
    expectError(
      () =>
        landmarkError(
          [
            [
              [0, 0],
              [1, 1],
              [2, 2],
            ],
          ],
          [
            [
              [0, 0],
              [1, 1],
              [2, 2],
            ],
          ],
        ),
      "invalid_option",
      "landmarkError: option `eyeCorners` is required for 3 landmarks (defaults exist for 68 and 98)",
    );
    expectError(
      () =>
        landmarkError(
          [
            [
              [0, 0],
              [1, 1],
            ],
          ],
          [
            [
              [5, 5],
              [5, 5],
            ],
          ],
          { eyeCorners: [0, 1] },
        ),
      "invalid_value",
      "landmarkError: face 0: the inter-ocular distance of the ground truth is 0; NME is undefined",
    );
    expect(
      expectError(() => landmarkErrorDef({ normalisation: "inter-pupil" } as never), "invalid_option")
        .message,
    ).toContain("did you mean `normalization`?");
  });
});
