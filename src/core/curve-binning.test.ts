import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binaryAuroc, binaryAurocDef, binaryAveragePrecision } from "../metrics/classification/index.js";
import { binningErrorBounds } from "./curve-binning.js";

/** The binned state's histograms (negatives, positives per count of thresholds reached). */
function histograms(preds: number[], target: number[], thresholds: number) {
  const def = binaryAurocDef({ thresholds });
  const state = def.init() as { hist: Float64Array };
  def.update(state as never, preds, target);
  const T1 = thresholds + 1;
  return { neg: state.hist.subarray(0, T1), pos: state.hist.subarray(T1, 2 * T1) };
}

describe("binningErrorBounds", () => {
  it("bound the distance of binned AUROC and AP from the exact values (scores in [0, 1], ties, exact 0s and 1s)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 2,
          maxLength: 400,
        }),
        fc.constantFrom(2, 3, 5, 11, 100),
        (pairs, thresholds) => {
          const preds = pairs.map(([s]) => s / 1000);
          const target = pairs.map(([, t]) => t);
          const { neg, pos } = histograms(preds, target, thresholds);
          const bounds = binningErrorBounds(neg, pos);
          const auroc = Math.abs(binaryAuroc(preds, target, { thresholds }) - binaryAuroc(preds, target));
          const ap = Math.abs(
            binaryAveragePrecision(preds, target, { thresholds }) - binaryAveragePrecision(preds, target),
          );
          expect(auroc).toBeLessThanOrEqual(bounds.auroc + 1e-12);
          expect(ap).toBeLessThanOrEqual(bounds.averagePrecision + 1e-12);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("is 1 / (2 (T - 1)) for AUROC when positives and negatives each spread evenly over the bins", () => {
    const preds = Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 10_000) / 10_000);
    const target = preds.map((_, i) => i % 2);
    const { neg, pos } = histograms(preds, target, 101);
    expect(binningErrorBounds(neg, pos).auroc).toBeGreaterThan(0.4 / 100);
    expect(binningErrorBounds(neg, pos).auroc).toBeLessThan(0.6 / 100);
  });

  it("is Infinity when scores fall below the first threshold (the binned curve stops early)", () => {
    expect(binningErrorBounds([1, 0, 2], [0, 3, 1]).auroc).toBe(Number.POSITIVE_INFINITY);
    expect(binningErrorBounds([0, 0, 2], [0, 0, 1])).toEqual({ auroc: 1, averagePrecision: 1 });
  });
});
