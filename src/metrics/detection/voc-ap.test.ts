import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import { type VocImage, vocAp, vocApDef, vocApFromCurve } from "./voc-ap.js";

describe("vocApFromCurve", () => {
  it("hand-worked all-point: recall steps 0.5, 0.5 at precision 1, 0.5 → 0.75", () => {
    expect(vocApFromCurve([0.5, 1], [1, 0.5])).toBe(0.75);
  });
  it("hand-worked 11-point: max precision 1 for t <= 0.5 (6 points), 0.5 above (5 points) → (6 + 2.5) / 11", () => {
    expect(vocApFromCurve([0.5, 1], [1, 0.5], true)).toBeCloseTo(8.5 / 11, 15);
  });
});

const images: VocImage[] = [
  {
    imageId: 1,
    groundTruth: [
      { categoryId: 1, bbox: [0, 0, 10, 10] },
      { categoryId: 1, bbox: [50, 50, 10, 10], difficult: true },
    ],
    detections: [
      { categoryId: 1, bbox: [0, 0, 10, 10], score: 0.9 },
      { categoryId: 1, bbox: [50, 50, 10, 10], score: 0.8 },
    ],
  },
  {
    imageId: 2,
    groundTruth: [{ categoryId: 1, bbox: [0, 0, 10, 10] }],
    detections: [
      { categoryId: 1, bbox: [30, 30, 5, 5], score: 0.7 },
      { categoryId: 1, bbox: [0, 0, 10, 10], score: 0.6 },
    ],
  },
];

describe("vocAp", () => {
  it("hand-worked: TP, difficult (ignored), FP, TP over npos 2", () => {
    // Scores 0.9 TP, 0.8 difficult, 0.7 FP, 0.6 TP: recall 1/2, 1/2, 1/2, 1; precision 1, 1, 1/2, 2/3.
    // Envelope: 1 up to recall 1/2, 2/3 up to recall 1 → 1/2*1 + 1/2*2/3 = 5/6.
    expect(vocAp(images).perClassAp[0]).toBeCloseTo(5 / 6, 15);
  });
  it("merging per-image states in any order equals one update", () => {
    fc.assert(
      fc.property(fc.boolean(), (swap) => {
        const a = createMetric(vocApDef()).update([images[0]!]);
        const b = createMetric(vocApDef()).update([images[1]!]);
        expect((swap ? b.merge(a) : a.merge(b)).compute()).toEqual(vocAp(images));
      }),
    );
  });
  it("rejects degenerate boxes and duplicate images", () => {
    expect(() =>
      vocAp([{ imageId: 1, groundTruth: [{ categoryId: 1, bbox: [0, 0, -1, 2] }], detections: [] }]),
    ).toThrow(
      "vocAp: image 1 groundTruth[0].bbox is degenerate (negative width or height), got [0, 0, -1, 2]",
    );
    expect(() => vocAp([images[0]!, images[0]!])).toThrow(expect.objectContaining({ code: "invalid_value" }));
  });
});
