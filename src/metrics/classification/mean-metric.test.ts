import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitDifference, splitAndMerge } from "../../../test/support/merge-tree.js";
import type { AnyMetricDef } from "../../metric.js";
import { binaryBrierScoreDef } from "./brier-score.js";
import { binaryHingeLossDef } from "./hinge-loss.js";
import { binaryLogLossDef } from "./log-loss.js";

/**
 * Issue 13 §3 for the per-sample means (log loss, Brier score, hinge loss): data cut into batches
 * at random points, updated separately and merged in a random order, give the same bits as one
 * update over everything, with sample weights spread over 10^±300 (where a float64 or
 * compensated sum depends on the order of its terms).
 */
const defs: [string, () => AnyMetricDef, (p: number) => number][] = [
  ["binaryLogLoss", () => binaryLogLossDef(), (p) => p],
  ["binaryBrierScore", () => binaryBrierScoreDef(), (p) => p],
  ["binaryHingeLoss", () => binaryHingeLossDef(), (p) => 4 * p - 2],
];

const sample = fc.record({
  p: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
  y: fc.integer({ min: 0, max: 1 }),
  w: fc
    .integer({ min: -300, max: 300 })
    .chain((k) => fc.double({ min: 1, max: 9, noNaN: true }).map((m) => m * 10 ** k)),
});

describe("per-sample means merge to the same bits in any split and order", () => {
  for (const [name, make, pred] of defs) {
    it(name, () => {
      fc.assert(
        fc.property(
          fc.array(sample, { minLength: 2, maxLength: 60 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
          fc.array(fc.nat(), { maxLength: 8 }),
          (rows, cuts, order) => {
            const args = (shard: readonly { p: number; y: number; w: number }[]) => [
              shard.map((r) => pred(r.p)),
              shard.map((r) => r.y),
              shard.map((r) => r.w),
            ];
            const { sequential, merged } = splitAndMerge(make(), args, rows, cuts, order);
            expect(bitDifference(merged, sequential)).toBeUndefined();
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  it("a weighted per-sample value that overflows is refused and leaves the state as it was", () => {
    const def = binaryHingeLossDef();
    const state = def.init();
    def.update(state, [0.5], [1]);
    const before = def.compute(state);
    expect(() => def.update(state, [-1e300, 0.5], [1, 1], [1e300, 1])).toThrow(/not finite/);
    expect(def.compute(state)).toBe(before);
  });
});
