import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MetricDef } from "../../metric.js";
import { binaryCalibrationErrorDef } from "./calibration-error.js";
import { binaryReliabilityCurveDef } from "./reliability-curve.js";
import type { BinaryArgs } from "./stat-defs.js";

/**
 * Issue 13 §3 for the calibration bins (calibration error, reliability curve): data cut into
 * batches at random points, updated separately and merged in a random order, give the same bits
 * as one update over everything. Confidences are full 53-bit doubles spread over 2^-60..1, where
 * float64 sums of a bin depend on the order of their terms.
 */
type AnyDef = MetricDef<unknown, BinaryArgs, unknown>;

const defs: [string, () => AnyDef][] = [
  ["binaryCalibrationError", () => binaryCalibrationErrorDef() as unknown as AnyDef],
  ["binaryCalibrationError max norm", () => binaryCalibrationErrorDef({ norm: "max" }) as unknown as AnyDef],
  ["binaryReliabilityCurve", () => binaryReliabilityCurveDef() as unknown as AnyDef],
];

const sample = fc.record({
  p: fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 1, max: 60 }).map((k) => 2 ** -k * (1 + 2 ** -52)),
  ),
  y: fc.integer({ min: 0, max: 1 }),
});

function updated(def: AnyDef, rows: { p: number; y: number }[]) {
  const state = def.init();
  def.update(
    state,
    rows.map((r) => r.p),
    rows.map((r) => r.y),
  );
  return state;
}

describe("calibration bins merge to the same bits in any split and order", () => {
  for (const [name, make] of defs) {
    it(name, () => {
      fc.assert(
        fc.property(
          fc.array(sample, { minLength: 2, maxLength: 80 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
          fc.nat(),
          (rows, cuts, seed) => {
            const def = make();
            const whole = JSON.stringify(def.compute(updated(def, rows)));
            const points = [...new Set(cuts.map((c) => 1 + (c % (rows.length - 1))))].sort((a, b) => a - b);
            const bounds = [0, ...points, rows.length];
            const parts = bounds.slice(1).map((end, k) => updated(def, rows.slice(bounds[k], end)));
            let s = seed;
            for (let i = parts.length - 1; i > 0; i--) {
              s = (s * 1103515245 + 12345) >>> 0;
              const j = s % (i + 1);
              [parts[i], parts[j]] = [parts[j]!, parts[i]!];
            }
            const merged = parts.reduce((a, b) => def.merge(a, b));
            def.validateState?.(merged);
            expect(JSON.stringify(def.compute(merged))).toBe(whole);
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
