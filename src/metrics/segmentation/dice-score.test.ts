import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { handPreds, handTarget } from "../../../test/support/hand-maps.js";
import { createMetric } from "../../metric.js";
import { diceScore, diceScoreDef } from "./dice-score.js";
import { generalizedDiceScore, generalizedDiceScoreDef } from "./generalized-dice-score.js";

describe("diceScore", () => {
  it("hand-worked micro Dice equals pixel agreement with background: 2*3 / 8", () => {
    expect(diceScore(handPreds, handTarget, { numClasses: 2, average: "micro" })).toBe(0.75);
  });
  it("hand-worked macro Dice: class 0 2*1/(1+2) = 2/3, class 1 2*2/(3+2) = 4/5, mean 11/15", () => {
    expect(diceScore(handPreds, handTarget, { numClasses: 2 })).toBeCloseTo(11 / 15, 15);
    expect(diceScore(handPreds, handTarget, { numClasses: 2, average: "none" })).toEqual([2 / 3, 4 / 5]);
  });
  it("skips a class empty in both prediction and target (NaN, no smoothing)", () => {
    expect(diceScore([[0, 0]], [[0, 0]], { numClasses: 2, average: "none" })).toEqual([1, Number.NaN]);
    expect(diceScore([[0, 0]], [[0, 0]], { numClasses: 2 })).toBe(1);
  });
  it("accepts one-hot inputs [N, C, H, W]", () => {
    const p = [[[[1, 0]], [[0, 1]]]];
    const t = [[[[1, 1]], [[0, 0]]]];
    expect(diceScore(p, t, { numClasses: 2, inputFormat: "one-hot", average: "micro" })).toBe(0.5);
  });
  it("batch split + merge equals one update (samplewise and global)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 24, maxLength: 24 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 1, max: 3 }),
        (p, t, cut) => {
          for (const aggregationLevel of ["samplewise", "global"] as const) {
            const def = diceScoreDef({ numClasses: 3, aggregationLevel, average: "weighted" });
            const d = (x: number[], a: number, b: number) => ({
              data: x.slice(a * 6, b * 6),
              shape: [b - a, 2, 3],
            });
            const whole = createMetric(def)
              .update(d(p, 0, 4), d(t, 0, 4))
              .compute();
            const merged = createMetric(def)
              .update(d(p, 0, cut), d(t, 0, cut))
              .merge(createMetric(def).update(d(p, cut, 4), d(t, cut, 4)))
              .compute();
            expect(merged).toEqual(whole);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
  it("raises codes for bad options", () => {
    expect(() => diceScore([[0]], [[0]], { numClasses: 2, average: "mean" as "macro" })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
    expect(() => diceScore([[0]], [[0]], { numClasses: 1, includeBackground: false })).toThrow(
      "diceScore: with includeBackground false, `numClasses` must be at least 2, got 1",
    );
  });
});

describe("generalizedDiceScore", () => {
  it("hand-worked: weights 1/|T|² with |T0| = |T1| = 2 → (2·1/4 + 4/4) / (3/4 + 5/4) = 3/4", () => {
    expect(generalizedDiceScore(handPreds, handTarget, { numClasses: 2 })).toBeCloseTo(0.75, 15);
  });
  it("with absentClassWeight zero, splitting batches does not change the result", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 16, maxLength: 16 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 16, maxLength: 16 }),
        (p, t) => {
          const def = generalizedDiceScoreDef({ numClasses: 3, absentClassWeight: "zero" });
          const d = (x: number[], a: number, b: number) => ({
            data: x.slice(a * 4, b * 4),
            shape: [b - a, 2, 2],
          });
          const whole = createMetric(def)
            .update(d(p, 0, 4), d(t, 0, 4))
            .compute() as number;
          const merged = createMetric(def)
            .update(d(p, 0, 1), d(t, 0, 1))
            .merge(createMetric(def).update(d(p, 1, 4), d(t, 1, 4)))
            .compute() as number;
          expect(merged).toBeCloseTo(whole, 12);
          expect(whole >= 0 && whole <= 1).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("ignoreIndex in Dice scores", () => {
  it("leaves ignored target pixels out (hand-worked: the third pixel is ignored, so the rest agree → 1)", () => {
    expect(diceScore([[0, 1, 1]], [[0, 1, 255]], { numClasses: 2, ignoreIndex: 255 })).toBe(1);
    expect(generalizedDiceScore([[0, 1, 1]], [[0, 1, 255]], { numClasses: 2, ignoreIndex: 255 })).toBe(1);
    expect(() => diceScore([[0, 1, 1]], [[0, 1, 255]], { numClasses: 2 })).toThrow(
      "diceScore: `target` must contain integer labels in [0, 2), got 255 at index 2",
    );
  });
});
