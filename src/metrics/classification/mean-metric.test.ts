import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MetricDef } from "../../metric.js";
import { binaryBrierScoreDef } from "./brier-score.js";
import { binaryHingeLossDef } from "./hinge-loss.js";
import { binaryLogLossDef } from "./log-loss.js";
import type { BinaryArgs } from "./stat-defs.js";

/**
 * Issue 13 §3 for the per-sample means (log loss, Brier score, hinge loss): data cut into batches
 * at random points, updated separately and merged in a random order, give the same bits as one
 * update over everything, with sample weights spread over 10^±300 (where a float64 or
 * compensated sum depends on the order of its terms).
 */
type MeanDef = MetricDef<unknown, BinaryArgs, number>;

const defs: [string, () => MeanDef, (p: number) => number][] = [
  ["binaryLogLoss", () => binaryLogLossDef() as unknown as MeanDef, (p) => p],
  ["binaryBrierScore", () => binaryBrierScoreDef() as unknown as MeanDef, (p) => p],
  ["binaryHingeLoss", () => binaryHingeLossDef() as unknown as MeanDef, (p) => 4 * p - 2],
];

const sample = fc.record({
  p: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
  y: fc.integer({ min: 0, max: 1 }),
  w: fc
    .integer({ min: -300, max: 300 })
    .chain((k) => fc.double({ min: 1, max: 9, noNaN: true }).map((m) => m * 10 ** k)),
});

function updated(def: MeanDef, rows: { p: number; y: number; w: number }[], pred: (p: number) => number) {
  const state = def.init();
  def.update(
    state,
    rows.map((r) => pred(r.p)),
    rows.map((r) => r.y),
    rows.map((r) => r.w),
  );
  return state;
}

describe("per-sample means merge to the same bits in any split and order", () => {
  for (const [name, make, pred] of defs) {
    it(name, () => {
      fc.assert(
        fc.property(
          fc.array(sample, { minLength: 2, maxLength: 60 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
          fc.nat(),
          (rows, cuts, seed) => {
            const def = make();
            const whole = def.compute(updated(def, rows, pred));
            const points = [...new Set(cuts.map((c) => 1 + (c % (rows.length - 1))))].sort((a, b) => a - b);
            const bounds = [0, ...points, rows.length];
            const parts = bounds.slice(1).map((end, k) => updated(def, rows.slice(bounds[k], end), pred));
            // A seeded shuffle of the merge order.
            let s = seed;
            for (let i = parts.length - 1; i > 0; i--) {
              s = (s * 1103515245 + 12345) >>> 0;
              const j = s % (i + 1);
              [parts[i], parts[j]] = [parts[j]!, parts[i]!];
            }
            const merged = parts.reduce((a, b) => def.merge(a, b));
            expect(Object.is(def.compute(merged), whole)).toBe(true);
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
