import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { createMetric } from "../../metric.js";
import { faceVerification, faceVerificationDef } from "./verification.js";

describe("faceVerification", () => {
  it("computes TAR@FAR, EER and best accuracy on a hand-worked example", () => {
    // Genuine scores 0.9, 0.8, 0.4; impostor scores 0.7, 0.3, 0.2, 0.1 (P = 3, N = 4).
    // Threshold 0.8: TAR 2/3, FAR 0. Threshold 0.7: TAR 2/3, FAR 1/4. Threshold 0.4: TAR 1, FAR 1/4.
    const scores = [0.9, 0.8, 0.4, 0.7, 0.3, 0.2, 0.1];
    const labels = [1, 1, 1, 0, 0, 0, 0];
    const result = faceVerification(scores, labels, { farTargets: [0, 0.25] });
    expect(result.tarAtFar["0"]).toEqual({ tar: 2 / 3, far: 0, threshold: 0.8 });
    expect(result.tarAtFar["0.25"]).toEqual({ tar: 1, far: 0.25, threshold: 0.4 });
    // |FAR - FRR| per threshold: 0.8 -> |0 - 1/3|, 0.7 -> |1/4 - 1/3| = 1/12 (smallest), 0.4 -> |1/4 - 0|.
    // EER = (1/4 + 1/3) / 2 = 7/24.
    expect(result.eer).toBeCloseTo(7 / 24, 15);
    // Threshold 0.8 (2 genuine accepted, 4 impostors rejected) and 0.4 (3 and 3) both reach 6/7;
    // the first, strictest threshold is reported.
    expect(result.bestAccuracy).toEqual({ accuracy: 6 / 7, threshold: 0.8 });
    expect([result.genuinePairs, result.impostorPairs]).toEqual([3, 4]);
  });

  it("split into batches, merged through JSON, equals one update", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 2,
          maxLength: 60,
        }),
        fc.nat(),
        (pairs, cut) => {
          const scores = pairs.map((p) => p[0] / 10);
          const labels = pairs.map((p) => p[1]);
          const k = cut % (pairs.length + 1);
          const left = createMetric(faceVerificationDef()).update(scores.slice(0, k), labels.slice(0, k));
          const right = createMetric(faceVerificationDef()).update(scores.slice(k), labels.slice(k));
          const merged = createMetric(faceVerificationDef())
            .fromJSON(JSON.stringify(left.toJSON()))
            .merge(right);
          expect(merged.compute()).toEqual(faceVerification(scores, labels));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects labels other than 0 and 1 and FAR targets outside [0, 1]", () => {
    expect(expectError(() => faceVerification([0.1, 0.2], [0, 2]), "invalid_value").message).toContain(
      "faceVerification: `target`",
    );
    expect(() => faceVerification([0.1], [1], { farTargets: [1.5] })).toThrow(
      "faceVerification: option `farTargets` must hold rates in [0, 1], got 1.5 at index 0",
    );
  });
});
