import { describe, expect, it } from "vitest";
import { sketchRankError } from "../../core/quantile-sketch.js";
import { createMetric } from "../../metric.js";
import { medianAbsoluteError } from "./median-absolute-error.js";
import { medianAbsoluteErrorSketch, medianAbsoluteErrorSketchDef } from "./median-absolute-error-sketch.js";

describe("medianAbsoluteErrorSketch", () => {
  it("equals scikit-learn's median_absolute_error (the exact metric) below k pairs", () => {
    expect(medianAbsoluteErrorSketch([2.5, 0, 2, 8], [3, -0.5, 2, 7])).toBe(0.5);
    const preds = Array.from({ length: 999 }, (_, i) => Math.sin(i) * 10);
    const target = Array.from({ length: 999 }, (_, i) => Math.cos(i) * 10);
    expect(medianAbsoluteErrorSketch(preds, target)).toBe(medianAbsoluteError(preds, target));
  });

  it("stays within the rank bound at 200k pairs, split into shards and merged, in bounded state", () => {
    const n = 200_000;
    const preds = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) * 100);
    const target = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.7) * 100);
    const def = medianAbsoluteErrorSketchDef({ k: 512 });
    const shards = [0, 1, 2, 3].map((s) =>
      createMetric(def).update(
        preds.subarray(s * 50_000, (s + 1) * 50_000),
        target.subarray(s * 50_000, (s + 1) * 50_000),
      ),
    );
    const merged = shards.reduce((a, b) => a.merge(b));
    const value = merged.compute();
    const errors = Array.from(preds, (p, i) => Math.abs(p - target[i]!)).sort((a, b) => a - b);
    const rank = errors.findIndex((e) => e >= value);
    expect(Math.abs(rank - n / 2)).toBeLessThanOrEqual(sketchRankError(n, 512) * n);
    const stored = merged.state.levels.reduce((sum, l) => sum + l.length, 0);
    expect(stored).toBeLessThan(512 * (Math.log2(n / 512) + 2));
    expect(merged.snapshot().options).toEqual({ k: 512 });
  });

  it("refuses unknown options, an odd k, and a state of another k", () => {
    expect(() => medianAbsoluteErrorSketchDef({ kk: 3 } as never)).toThrow(/unknown option `kk`/);
    expect(() => medianAbsoluteErrorSketchDef({ k: 9 })).toThrow(
      "quantile sketch: k must be an even integer in [8, 16777216], got 9",
    );
    const other = createMetric(medianAbsoluteErrorSketchDef({ k: 16 })).update([1], [2]).state;
    expect(() => createMetric(medianAbsoluteErrorSketchDef({ k: 8 })).merge(other)).toThrow(
      "regression/median_absolute_error_sketch: the state's sketch has k 16, this metric's 8",
    );
  });
});
