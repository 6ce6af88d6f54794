import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitDifference, splitAndMerge } from "../../../test/support/merge-tree.js";
import type { AnyMetricDef } from "../../metric.js";
import { binaryCalibrationErrorDef } from "./calibration-error.js";
import { binaryReliabilityCurveDef } from "./reliability-curve.js";

/**
 * Issue 13 §3 for the calibration bins (calibration error, reliability curve): data cut into
 * batches at random points, updated separately and merged in a random order, give the same bits
 * as one update over everything. Confidences are full 53-bit doubles spread over 2^-60..1, where
 * float64 sums of a bin depend on the order of their terms.
 */
const defs: [string, () => AnyMetricDef][] = [
  ["binaryCalibrationError", () => binaryCalibrationErrorDef()],
  ["binaryCalibrationError max norm", () => binaryCalibrationErrorDef({ norm: "max" })],
  ["binaryReliabilityCurve", () => binaryReliabilityCurveDef()],
];

const sample = fc.record({
  p: fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 1, max: 60 }).map((k) => 2 ** -k * (1 + 2 ** -52)),
  ),
  y: fc.integer({ min: 0, max: 1 }),
});

describe("calibration bins merge to the same bits in any split and order", () => {
  for (const [name, make] of defs) {
    it(name, () => {
      fc.assert(
        fc.property(
          fc.array(sample, { minLength: 2, maxLength: 80 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
          fc.array(fc.nat(), { maxLength: 8 }),
          (rows, cuts, order) => {
            const args = (shard: readonly { p: number; y: number }[]) => [
              shard.map((r) => r.p),
              shard.map((r) => r.y),
            ];
            const { sequential, merged } = splitAndMerge(make(), args, rows, cuts, order);
            expect(bitDifference(merged, sequential)).toBeUndefined();
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  it("a state whose rounded confidence sum disagrees with its exact sum is refused", () => {
    const def = binaryCalibrationErrorDef();
    const state = def.init();
    def.update(state, [0.3, 0.7], [0, 1]);
    const bad = { bins: state.bins.slice(), confidence: state.confidence };
    const k = bad.bins.findIndex((v, i) => i % 3 === 1 && v > 0);
    bad.bins[k] = bad.bins[k]! + 1e-12;
    expect(() => def.validateState?.(bad)).toThrow(/must be its exact sum rounded/);
  });
});
