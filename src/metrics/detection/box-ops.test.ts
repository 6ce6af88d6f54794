import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  batchedNms,
  boxArea,
  boxConvert,
  boxIou,
  completeBoxIou,
  distanceBoxIou,
  generalizedBoxIou,
  nms,
} from "./box-ops.js";

const box = fc
  .tuple(
    fc.double({ min: 0, max: 50, noNaN: true }),
    fc.double({ min: 0, max: 50, noNaN: true }),
    fc.double({ min: 1, max: 50, noNaN: true }),
    fc.double({ min: 1, max: 50, noNaN: true }),
  )
  .map(([x, y, w, h]) => [x, y, x + w, y + h]);

describe("box IoU family (torchvision 0.26)", () => {
  it("hand-worked: [0,0,2,2] vs [1,1,3,3] → I = 1, U = 7; enclosing box 9 → GIoU 1/7 - 2/9", () => {
    expect(boxIou([[0, 0, 2, 2]], [[1, 1, 3, 3]])).toEqual([[1 / 7]]);
    expect(generalizedBoxIou([[0, 0, 2, 2]], [[1, 1, 3, 3]])[0]![0]).toBeCloseTo(1 / 7 - 2 / 9, 15);
    // centres 2 apart (d² = 2), diagonal² = 18 (+1e-7): DIoU = 1/7 - 2/(18 + 1e-7); equal aspect → CIoU = DIoU.
    expect(distanceBoxIou([[0, 0, 2, 2]], [[1, 1, 3, 3]])[0]![0]).toBeCloseTo(1 / 7 - 2 / (18 + 1e-7), 15);
    expect(completeBoxIou([[0, 0, 2, 2]], [[1, 1, 3, 3]])[0]![0]).toBeCloseTo(1 / 7 - 2 / (18 + 1e-7), 15);
  });
  it("orders IoU >= DIoU >= CIoU and GIoU within [-1, 1]", () => {
    fc.assert(
      fc.property(box, box, (a, b) => {
        const iou = boxIou([a], [b])[0]![0]!;
        const giou = generalizedBoxIou([a], [b])[0]![0]!;
        const diou = distanceBoxIou([a], [b])[0]![0]!;
        const ciou = completeBoxIou([a], [b])[0]![0]!;
        expect(iou >= 0 && iou <= 1).toBe(true);
        expect(giou >= -1 && giou <= iou + 1e-12).toBe(true);
        expect(diou).toBeLessThanOrEqual(iou + 1e-12);
        expect(ciou).toBeLessThanOrEqual(diou + 1e-12);
      }),
    );
  });
  it("converts formats and back", () => {
    expect(boxConvert([[10, 10, 20, 30]], "xywh", "xyxy")).toEqual([[10, 10, 30, 40]]);
    expect(boxConvert([[10, 10, 30, 40]], "xyxy", "cxcywh")).toEqual([[20, 25, 20, 30]]);
    expect(boxConvert([[20, 25, 20, 30]], "cxcywh", "xywh")).toEqual([[10, 10, 20, 30]]);
    expect(boxArea([[0, 0, 2, 3]])).toEqual([6]);
  });
  it("rejects bad shapes and values", () => {
    expect(() => boxIou([[0, 0, 1]], [[0, 0, 1, 1]])).toThrow("boxIou: `boxes1` must have 4 columns, got 3");
    expect(() => boxIou([[0, 0, Number.NaN, 1]], [[0, 0, 1, 1]])).toThrow(
      "boxIou: `boxes1` must be finite, got NaN at [0][2]",
    );
    expect(() => boxConvert([[0, 0, 1, 1]], "xyxy", "yxyx" as "xyxy")).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
});

describe("nms and batchedNms", () => {
  const boxes = [
    [0, 0, 10, 10],
    [1, 1, 10, 10],
    [20, 20, 30, 30],
    [0, 0, 10, 10],
  ];
  it("suppresses overlaps above the threshold (IoU of boxes 0 and 1 = 81/100)", () => {
    expect(nms(boxes, [0.9, 0.8, 0.7, 0.6], 0.5)).toEqual([0, 2]);
    expect(nms(boxes, [0.9, 0.8, 0.7, 0.6], 0.85)).toEqual([0, 1, 2]);
  });
  it("does not suppress across categories, and sorts by score", () => {
    expect(batchedNms(boxes, [0.9, 0.8, 0.7, 0.95], [1, 1, 1, 2], 0.5)).toEqual([3, 0, 2]);
  });
  it("checks lengths", () => {
    expect(() => nms(boxes, [1, 2], 0.5)).toThrow(
      "nms: `boxes` and `scores` must have the same length, got 4 and 2",
    );
  });
});

const boxGolden = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../test/data/golden/detection_boxops.json", import.meta.url)),
    "utf8",
  ),
) as {
  cases: {
    boxes: number[][];
    scores: number[];
    idxs: number[];
    iou_threshold: number;
    nms: number[];
    batched_nms: number[];
    xyxy_to_cxcywh: number[][];
    xyxy_to_xywh: number[][];
  }[];
};

describe("nms, batchedNms and boxConvert match torchvision.ops (golden cases with tied scores)", () => {
  boxGolden.cases.forEach((c, n) => {
    it(`case ${n}: ${c.boxes.length} boxes at IoU ${c.iou_threshold}`, () => {
      expect(nms(c.boxes, c.scores, c.iou_threshold)).toEqual(c.nms);
      expect(batchedNms(c.boxes, c.scores, c.idxs, c.iou_threshold)).toEqual(c.batched_nms);
      const close = (a: number[][], b: number[][]) => {
        for (let i = 0; i < a.length; i++)
          for (let j = 0; j < 4; j++) expect(a[i]![j]).toBeCloseTo(b[i]![j]!, 12);
      };
      close(boxConvert(c.boxes, "xyxy", "cxcywh"), c.xyxy_to_cxcywh);
      close(boxConvert(c.boxes, "xyxy", "xywh"), c.xyxy_to_xywh);
    });
  });
});
