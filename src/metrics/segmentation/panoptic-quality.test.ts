import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import { panopticQuality, panopticQualityDef, panopticQualityDetails } from "./panoptic-quality.js";

// One image, 1 x 4 pixels of (category, instance): thing 1 and stuff 10.
const target = [
  [
    [
      [1, 1],
      [1, 1],
      [10, 0],
      [10, 0],
    ],
  ],
];

describe("panopticQuality", () => {
  it("is 1 for a perfect prediction", () => {
    expect(panopticQuality(target, target, { things: [1], stuffs: [10] })).toBe(1);
  });
  it("hand-worked: thing IoU 2/3 matched, stuff IoU 1/2 unmatched", () => {
    // preds: thing covers pixels 0-2, stuff pixel 3. Thing: I=2, U=3 → IoU 2/3 > 0.5: TP, SQ 2/3, RQ 1.
    // Stuff: I=1, U=2 → IoU 1/2, not > 0.5: FP + FN, SQ 0, RQ 0. PQ = (2/3 + 0) / 2 = 1/3.
    const preds = [
      [
        [
          [1, 5],
          [1, 5],
          [1, 5],
          [10, 3],
        ],
      ],
    ];
    // torchmetrics' IoU is float32 (integer counts divided): fround(2/3) / 2.
    expect(panopticQuality(preds, target, { things: [1], stuffs: [10], returnSqAndRq: true })).toEqual([
      Math.fround(2 / 3) / 2,
      Math.fround(2 / 3) / 2,
      0.5,
    ]);
    const m = createMetric(panopticQualityDef({ things: [1], stuffs: [10] })).update(preds, target);
    const d = panopticQualityDetails(m.state, { things: [1], stuffs: [10] });
    expect(d.things.pq).toBe(Math.fround(2 / 3));
    expect(d.stuffs.pq).toBe(0);
    expect(d.perClass.map((c) => [c.tp, c.fp, c.fn])).toEqual([
      [1, 0, 0],
      [0, 1, 1],
    ]);
  });
  it("merging states equals one update over the batch", () => {
    const preds = [
      [
        [
          [1, 5],
          [1, 5],
          [1, 5],
          [10, 3],
        ],
      ],
    ];
    const def = panopticQualityDef({ things: [1], stuffs: [10] });
    const batch = [...preds, ...target];
    const both = [...target, ...target];
    const whole = createMetric(def).update(batch, both).compute();
    const merged = createMetric(def)
      .update(preds, target)
      .merge(createMetric(def).update(target, target))
      .compute();
    expect(merged).toBe(whole);
  });
  it("raises on unknown prediction categories unless allowed", () => {
    const preds = [
      [
        [
          [7, 0],
          [1, 1],
          [10, 0],
          [10, 0],
        ],
      ],
    ];
    expect(() => panopticQuality(preds, target, { things: [1], stuffs: [10] })).toThrow(
      "panopticQuality: `preds` has unknown category 7 at pixel 0 (set allowUnknownPredsCategory to map it to VOID)",
    );
    expect(
      panopticQuality(preds, target, { things: [1], stuffs: [10], allowUnknownPredsCategory: true }),
    ).toBe(1);
    expect(() => panopticQuality(target, target, { things: [1], stuffs: [1] })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
});
