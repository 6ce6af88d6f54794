import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { handPreds, handTarget } from "../../../test/support/hand-maps.js";
import { createMetric } from "../../metric.js";
import { frequencyWeightedIou } from "./frequency-weighted-iou.js";
import { meanIou, meanIouDef } from "./mean-iou.js";
import { pixelAccuracy, pixelAccuracyDef } from "./pixel-accuracy.js";

const labelMap = (n: number, h: number, w: number, c: number) =>
  fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: n * h * w, maxLength: n * h * w });

describe("meanIou", () => {
  it("hand-worked: classes 0 and 1 of a 2x2 map", () => {
    // preds [[0,1],[1,1]] vs target [[0,1],[0,1]]: class 0 I=1 U=2 → 1/2; class 1 I=2 U=3 → 2/3.
    expect(meanIou(handPreds, handTarget, { numClasses: 2, perClass: true })).toEqual([0.5, 2 / 3]);
    expect(meanIou(handPreds, handTarget, { numClasses: 2 })).toBeCloseTo(7 / 12, 15);
    expect(meanIou(handPreds, handTarget, { numClasses: 2, includeBackground: false })).toBeCloseTo(
      2 / 3,
      15,
    );
  });
  it("reports -1 for a class absent from both, and leaves it out of the mean", () => {
    expect(meanIou([[0, 0]], [[0, 0]], { numClasses: 3, perClass: true })).toEqual([1, -1, -1]);
    expect(meanIou([[0, 0]], [[0, 0]], { numClasses: 3 })).toBe(1);
  });
  it("dataset-wide and per-image averages differ (hand-worked)", () => {
    // Image 1: class 1 I=1 U=1 → 1. Image 2: class 1 I=1 U=4 → 1/4. Per image: 5/8; dataset: I=2 U=5 → 2/5.
    const preds = [[[1, 0, 0, 0]], [[1, 1, 1, 1]]];
    const target = [[[1, 0, 0, 0]], [[1, 0, 0, 0]]];
    const o = { numClasses: 2, includeBackground: false, perClass: true } as const;
    expect(meanIou(preds, target, { ...o, reduction: "per-image" })).toEqual([5 / 8]);
    expect(meanIou(preds, target, o)).toEqual([2 / 5]);
  });
  it("ignoreIndex leaves target pixels out", () => {
    expect(meanIou([[0, 1, 1]], [[0, 1, 255]], { numClasses: 2, ignoreIndex: 255 })).toBe(1);
    expect(pixelAccuracy([[0, 1, 1]], [[0, 1, 255]], { ignoreIndex: 255 })).toBe(1);
  });
  it("batch split + merge equals one update, and JSON round-trips mid-stream", () => {
    fc.assert(
      fc.property(labelMap(4, 3, 3, 3), labelMap(4, 3, 3, 3), fc.integer({ min: 1, max: 3 }), (p, t, cut) => {
        for (const reduction of ["dataset", "per-image"] as const) {
          const def = meanIouDef({ numClasses: 3, perClass: true, reduction });
          const data = (x: number[], a: number, b: number) => ({
            data: x.slice(a * 9, b * 9),
            shape: [b - a, 3, 3],
          });
          const whole = createMetric(def)
            .update(data(p, 0, 4), data(t, 0, 4))
            .compute();
          const a = createMetric(def).update(data(p, 0, cut), data(t, 0, cut));
          const b = createMetric(def).update(data(p, cut, 4), data(t, cut, 4));
          const restored = createMetric(def).fromJSON(JSON.parse(JSON.stringify(b.toJSON())));
          const merged = restored.merge(a).compute() as number[];
          // Per-image IoU sums are float sums: merging in another order may differ in the last bit.
          for (let c = 0; c < merged.length; c++) expect(merged[c]).toBeCloseTo((whole as number[])[c]!, 12);
          for (const v of whole as number[]) expect(v === -1 || (v >= 0 && v <= 1)).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
  it("raises codes and messages for bad input", () => {
    expect(() => meanIou([[0, 3]], [[0, 1]], { numClasses: 3 })).toThrow(
      "meanIou: `preds` must contain integer labels in [0, 3), got 3 at index 1",
    );
    expect(() => meanIou([[0, 1]], [[0]], { numClasses: 2 })).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
    expect(() => meanIou([[0]], [[0]], { numClasses: 0 })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
    expect(() => meanIou([[0]], [[0]], { numClasses: 2, reduction: "mean" as "dataset" })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
    const m = createMetric(meanIouDef({ numClasses: 2 })).update([[0, 1]], [[0, 1]]);
    const before = m.compute();
    expect(() => m.update([[0, 5]], [[0, 1]])).toThrow();
    expect(m.compute()).toBe(before);
  });
  it("gives NaN with no pixels", () => {
    expect(
      meanIou({ data: [], shape: [0, 2, 2] }, { data: [], shape: [0, 2, 2] }, { numClasses: 2 }),
    ).toBeNaN();
  });
});

describe("frequencyWeightedIou and pixelAccuracy", () => {
  it("hand-worked FW IoU: 0.5 * 1/2 + 0.5 * 2/3 = 7/12", () => {
    expect(frequencyWeightedIou(handPreds, handTarget, { numClasses: 2 })).toBeCloseTo(7 / 12, 15);
  });
  it("hand-worked pixel accuracy: 3 of 4 pixels agree", () => {
    expect(pixelAccuracy(handPreds, handTarget)).toBe(0.75);
  });
  it("pixel accuracy merges exactly and rejects NaN", () => {
    const a = createMetric(pixelAccuracyDef()).update([[1, 2]], [[1, 1]]);
    const b = createMetric(pixelAccuracyDef()).update([[3]], [[3]]);
    expect(a.merge(b).compute()).toBe(2 / 3);
    expect(() => pixelAccuracy([[Number.NaN]], [[0]])).toThrow(
      "pixelAccuracy: `preds` must be finite, got NaN at index 0",
    );
  });
});

describe("meanIou with one-hot inputs", () => {
  it("gives the same IoUs as the equivalent index maps, in both reductions", () => {
    fc.assert(
      fc.property(labelMap(2, 2, 3, 3), labelMap(2, 2, 3, 3), (p, t) => {
        const oneHot = (x: number[]) => {
          const out: number[] = [];
          for (let n = 0; n < 2; n++)
            for (let c = 0; c < 3; c++) for (let i = 0; i < 6; i++) out.push(x[n * 6 + i] === c ? 1 : 0);
          return { data: out, shape: [2, 3, 2, 3] };
        };
        for (const reduction of ["dataset", "per-image"] as const) {
          const index = meanIou(
            { data: p, shape: [2, 2, 3] },
            { data: t, shape: [2, 2, 3] },
            { numClasses: 3, perClass: true, reduction },
          );
          const hot = meanIou(oneHot(p), oneHot(t), {
            numClasses: 3,
            perClass: true,
            reduction,
            inputFormat: "one-hot",
          });
          expect(hot).toEqual(index);
        }
      }),
      { numRuns: 30 },
    );
    expect(() => meanIou([[0]], [[0]], { numClasses: 2, inputFormat: "one-hot", ignoreIndex: 255 })).toThrow(
      'meanIou: option `ignoreIndex` applies to inputFormat "index" only',
    );
  });
});
