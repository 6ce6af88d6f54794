import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import { averageSurfaceDistance } from "./average-surface-distance.js";
import { boundaryF1 } from "./boundary-f1.js";
import { hausdorffDistance, hausdorffDistanceDef } from "./hausdorff-distance.js";
import { percentile, squaredDistanceTransform } from "./surface.js";

interface GoldenCase {
  id: string;
  metric: string;
  inputs: string;
  options: Record<string, unknown>;
  expected: number;
  rtol: number;
  atol: number;
}
const golden = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../test/data/golden/segmentation_surface.json", import.meta.url)),
    "utf8",
  ),
) as {
  datasets: Record<string, { preds: number[][]; target: number[][] }>;
  cases: GoldenCase[];
};

const run: Record<string, (p: number[][], t: number[][], o: Record<string, unknown>) => unknown> = {
  hausdorff_distance: (p, t, o) => hausdorffDistance(p, t, o),
  average_surface_distance: (p, t, o) => averageSurfaceDistance(p, t, o),
  boundary_f1: (p, t, o) => boundaryF1(p, t, o),
};

describe("boundary metrics match scipy/numpy (MONAI recipe) and scikit-image", () => {
  for (const c of golden.cases) {
    it(`${c.id} ${JSON.stringify(c.options)}`, () => {
      const d = golden.datasets[c.inputs]!;
      const actual = run[c.metric]!(d.preds, d.target, c.options) as number;
      expect(Math.abs(actual - c.expected)).toBeLessThanOrEqual(c.atol + c.rtol * Math.abs(c.expected));
    });
  }
});

describe("hausdorffDistance", () => {
  it("is the distance between two single pixels (hand-worked: |0 - 2| = 2)", () => {
    expect(hausdorffDistance([[1, 0, 0]], [[0, 0, 1]])).toBe(2);
  });
  it("scales with the pixel spacing (2 columns of 1.5 = 3)", () => {
    expect(hausdorffDistance([[1, 0, 0]], [[0, 0, 1]], { spacing: [1, 1.5] })).toBe(3);
  });
  it("gives NaN for an empty mask by default, or the chosen value", () => {
    expect(hausdorffDistance([[0, 0]], [[1, 0]])).toBeNaN();
    expect(hausdorffDistance([[0, 0]], [[1, 0]], { emptyValue: "inf" })).toBe(Number.POSITIVE_INFINITY);
    expect(hausdorffDistance([[0, 0]], [[1, 0]], { emptyValue: 7 })).toBe(7);
  });
  it("is 0 for identical masks and symmetric in its arguments", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 6, maxLength: 6 }), {
          minLength: 5,
          maxLength: 5,
        }),
        fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 6, maxLength: 6 }), {
          minLength: 5,
          maxLength: 5,
        }),
        (a, b) => {
          const hasA = a.flat().some(Boolean);
          const hasB = b.flat().some(Boolean);
          if (hasA) expect(hausdorffDistance(a, a)).toBe(0);
          if (hasA && hasB) expect(hausdorffDistance(a, b)).toBe(hausdorffDistance(b, a));
        },
      ),
      { numRuns: 50 },
    );
  });
  it("merging per-image states in any order gives the mean of the per-image values", () => {
    const imgs = [
      [[[1, 0, 0]], [[0, 0, 1]]],
      [[[1, 1, 0]], [[1, 0, 0]]],
      [[[0, 1, 0]], [[0, 1, 0]]],
    ] as const;
    const whole = createMetric(hausdorffDistanceDef());
    for (const [p, t] of imgs) whole.update(p, t);
    const a = createMetric(hausdorffDistanceDef()).update(imgs[2][0], imgs[2][1]);
    const b = createMetric(hausdorffDistanceDef())
      .update(imgs[0][0], imgs[0][1])
      .update(imgs[1][0], imgs[1][1]);
    expect(a.merge(b).compute()).toBeCloseTo(whole.compute() as number, 12);
    const restored = createMetric(hausdorffDistanceDef()).fromJSON(
      JSON.parse(JSON.stringify(whole.toJSON())),
    );
    expect(restored.compute()).toBe(whole.compute());
  });
  it("rejects bad options and shapes with codes", () => {
    expect(() => hausdorffDistance([[1]], [[1]], { percentile: 101 })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
    expect(() => hausdorffDistance([[1, 0]], [[1]])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
    expect(() => hausdorffDistance([[1]], [[1]], { spacing: [0, 1] })).toThrow(
      "hausdorffDistance: option `spacing` must be [rowSpacing, columnSpacing] with positive finite numbers, got an array of length 2",
    );
  });
});

describe("averageSurfaceDistance and boundaryF1", () => {
  it("hand-worked: single pixels two apart have ASD 2, and BF 1 at tolerance 2, 0 at tolerance 1", () => {
    expect(averageSurfaceDistance([[1, 0, 0]], [[0, 0, 1]])).toBe(2);
    expect(boundaryF1([[1, 0, 0]], [[0, 0, 1]], { tolerance: 2 })).toBe(1);
    expect(boundaryF1([[1, 0, 0]], [[0, 0, 1]], { tolerance: 1 })).toBe(0);
  });
  it("boundaryF1 is 1 when both masks are empty and 0 when one is", () => {
    expect(boundaryF1([[0, 0]], [[0, 0]])).toBe(1);
    expect(boundaryF1([[0, 1]], [[0, 0]])).toBe(0);
  });
  it("returns per-image values with reduction none", () => {
    expect(boundaryF1([[[0, 0]], [[1, 0]]], [[[0, 0]], [[0, 0]]], { reduction: "none" })).toEqual([1, 0]);
  });
});

describe("surface helpers", () => {
  it("distance transform equals brute force", () => {
    const seeds = Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const dt = squaredDistanceTransform(seeds, 3, 4, [1, 2]);
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 4; x++) {
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < 12; i++)
          if (seeds[i]) best = Math.min(best, ((Math.floor(i / 4) - y) * 1) ** 2 + ((i % 4) - x) ** 2 * 4);
        expect(dt[y * 4 + x]).toBe(best);
      }
  });
  it("percentile interpolates linearly like numpy (hand-worked: 95th of 0..10 = 9.5)", () => {
    expect(percentile(Float64Array.from([10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 95)).toBe(9.5);
  });
});
