import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import * as m from "./index.js";

/**
 * A one-shot sums a batch's weights with small code (`core/partials.ts`: the binned cells, the
 * tie groups of an exact curve) where a state keeps exact cells; both round the exact sums once,
 * so `binaryAuroc(preds, target, weights, options)` has the bits of the same data updated into a
 * state in any batches. Weights are full 53-bit doubles from 2^-40 to 2^40 with many ties, where
 * a float64 sum depends on the order of its terms.
 */
const weight = fc.oneof(
  fc.double({ min: 2 ** -40, max: 2 ** 40, noNaN: true }),
  fc.constantFrom(0, 1, 0.1, 3),
);
const sample = fc.tuple(fc.constantFrom(0.1, 0.25, 0.5, 0.7, 0.9, 0.33), fc.constantFrom(0, 1), weight);

const curves: [
  string,
  (p: number[], t: number[], w: number[]) => unknown,
  () => ReturnType<typeof m.binaryAurocDef>,
][] = [
  ["binaryAuroc exact", (p, t, w) => m.binaryAuroc(p, t, w), () => m.binaryAurocDef()],
  [
    "binaryAuroc binned",
    (p, t, w) => m.binaryAuroc(p, t, w, { thresholds: 7 }),
    () => m.binaryAurocDef({ thresholds: 7 }),
  ],
  [
    "binaryAveragePrecision exact",
    (p, t, w) => m.binaryAveragePrecision(p, t, w),
    () => m.binaryAveragePrecisionDef() as never,
  ],
  [
    "binaryAveragePrecision binned",
    (p, t, w) => m.binaryAveragePrecision(p, t, w, { thresholds: 5 }),
    () => m.binaryAveragePrecisionDef({ thresholds: 5 }) as never,
  ],
];

describe("weighted curves: a one-shot equals a state fed the same data in any batches", () => {
  for (const [name, oneShot, def] of curves)
    it(name, () => {
      fc.assert(
        fc.property(
          fc.array(sample, { minLength: 2, maxLength: 80 }),
          fc.array(fc.nat(), { maxLength: 6 }),
          (samples, cuts) => {
            const p = samples.map((s) => s[0]);
            const t = samples.map((s) => s[1]);
            const w = samples.map((s) => s[2]);
            if (!t.includes(1) || !t.includes(0) || w.every((x) => x === 0)) return;
            const metric = createMetric(def());
            const at = [...new Set(cuts.map((c) => c % samples.length))].sort((a, b) => a - b);
            let from = 0;
            for (const to of [...at, samples.length]) {
              if (to > from) metric.update(p.slice(from, to), t.slice(from, to), w.slice(from, to));
              from = Math.max(from, to);
            }
            expect(
              Object.is(metric.compute(), oneShot(p, t, w)) || metric.compute() === oneShot(p, t, w),
            ).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    });
});
