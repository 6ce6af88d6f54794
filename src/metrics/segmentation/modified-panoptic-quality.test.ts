import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { createMetric } from "../../metric.js";
import { modifiedPanopticQuality, modifiedPanopticQualityDef } from "./modified-panoptic-quality.js";

const golden = JSON.parse(
  readFileSync(
    new URL("../../../test/data/golden/segmentation_torchmetrics_modified_pq.json", import.meta.url),
    "utf8",
  ),
) as {
  cases: {
    name: string;
    preds: number[][][][];
    target: number[][][][];
    options: { things: number[]; stuffs: number[]; allow_unknown_preds_category: boolean };
    expected: number;
    expected_batched: number;
  }[];
};

describe("modifiedPanopticQuality (torchmetrics 1.9.0 golden cases)", () => {
  for (const c of golden.cases) {
    const options = {
      things: c.options.things,
      stuffs: c.options.stuffs,
      allowUnknownPredsCategory: c.options.allow_unknown_preds_category,
    };
    it(`matches modified_panoptic_quality: ${c.name}`, () => {
      expect(modifiedPanopticQuality(c.preds, c.target, options)).toBeCloseTo(c.expected, 14);
      // ModifiedPanopticQuality over two updates gives the same number.
      const half = Math.max(1, Math.floor(c.preds.length / 2));
      const m = createMetric(modifiedPanopticQualityDef(options)).update(
        c.preds.slice(0, half),
        c.target.slice(0, half),
      );
      if (c.preds.length > half) m.update(c.preds.slice(half), c.target.slice(half));
      expect(m.compute()).toBeCloseTo(c.expected_batched, 14);
    });
  }

  it("hand-worked: a stuff class scores its IoU without the 0.5 threshold", () => {
    // Stuff 5 covers pixels 0-1 in the prediction, 1-3 in the target: IoU 1/4 (PQ would give 0).
    const preds = [
      [
        [5, 0],
        [5, 0],
        [1, 0],
        [1, 0],
      ],
    ];
    const target = [
      [
        [1, 0],
        [5, 0],
        [5, 0],
        [5, 0],
      ],
    ];
    // Thing 1: IoU 1/4 < 0.5 → FP and FN, PQ 0. Mean over {thing 1: 0, stuff 5: 0.25} = 0.125.
    expect(modifiedPanopticQuality(preds, target, { things: [1], stuffs: [5] })).toBe(0.125);
  });

  it("refuses options it does not know", () => {
    expectError(
      () => modifiedPanopticQualityDef({ things: [1], stuffs: [5], returnSqAndRq: true } as never),
      "invalid_option",
      "modifiedPanopticQuality: unknown option `returnSqAndRq`; known: `things`, `stuffs`, `allowUnknownPredsCategory`",
    );
  });
});
