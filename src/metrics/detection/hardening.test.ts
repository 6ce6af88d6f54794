/**
 * Issue 9 for plumbline/detection: polygons with huge coordinates, masks of the wrong size,
 * hostile RLEs and unknown options give one-line PlumblineErrors.
 */
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { cocoEvalDef } from "./coco-eval.js";
import { cocoEvaluate } from "./coco-json.js";
import { detectionMap } from "./detection-map.js";
import { rleDecode, rleEncode, rleFromPolygon, rleIou, rleToCoco, toRle } from "./rle.js";

const square = (x: number, s: number, n: number) => {
  const data = new Uint8Array(n * n);
  for (let r = x; r < x + s; r++) for (let c = x; c < x + s; c++) data[r * n + c] = 1;
  return rleEncode({ data, height: n, width: n });
};

describe("detection hardening", () => {
  it("refuses a polygon with a 1e9 coordinate in one line", () => {
    expectError(
      () => rleFromPolygon([0, 0, 1e9, 0, 1e9, 1e9], 100, 100),
      "invalid_value",
      "rleFromPolygon: `polygon` must contain finite coordinates within ±429496728, got 1000000000 at index 2",
    );
    expect(expectError(() => toRle([[0, 0, 4e8, 0, 4e8, 4e8]], 100, 100), "invalid_value").message).toMatch(
      /^rleFromPolygon: a polygon whose boundary is \d+ steps long would need .* above the 1 GiB allocation limit/,
    );
  });

  it("refuses masks of 2^32 pixels or more, and a decode past the budget", () => {
    expectError(
      () => toRle({ size: [70000, 70000], counts: "0" }, 0, 0),
      "invalid_value",
      "toRle: `segmentation.size` must be [height, width] with non-negative integers and at most 2^32 - 1 pixels, got 70000 x 70000",
    );
    expect(
      expectError(() => rleDecode({ size: [60000, 60000], counts: Uint32Array.of(3.6e9) }), "invalid_value")
        .message,
    ).toMatch(/^rleDecode: a 60000 x 60000 mask would need 3\.35 GiB/);
  });

  it("refuses RLE counts that do not cover the mask (pycocotools' rleIou loops forever on such a pair)", () => {
    const full = rleEncode({ data: new Uint8Array(100).fill(1), height: 10, width: 10 });
    const short = { size: [10, 10] as [number, number], counts: Uint32Array.of(3, 7) };
    expectError(
      () => rleIou([short], [full], [false]),
      "invalid_value",
      "rleIou: `dts[0].counts` must cover the 10 x 10 mask (sum to 100), got a sum of 10",
    );
    expectError(
      () => toRle({ size: [10, 10], counts: [1, 2] }, 0, 0),
      "invalid_value",
      "toRle: `segmentation.counts` must cover the 10 x 10 mask (sum to 100), got a sum of 3",
    );
  });

  it("raises on a result RLE whose size differs from its image's", () => {
    const gt = {
      images: [{ id: 1, height: 100, width: 100 }],
      categories: [{ id: 1 }],
      annotations: [
        {
          id: 1,
          image_id: 1,
          category_id: 1,
          segmentation: rleToCoco(square(10, 30, 100)),
          area: 900,
          bbox: [10, 10, 30, 30],
          iscrowd: 0,
        },
      ],
    };
    const results = [
      { image_id: 1, category_id: 1, segmentation: rleToCoco(square(10, 30, 50)), score: 0.9 },
    ];
    expectError(
      () => cocoEvaluate(gt, results, { iouType: "segm" }),
      "invalid_value",
      "cocoEval: image 1: detections[0] has a 50x50 mask but the image is 100x100 (pycocotools would score it IoU -1, silently)",
    );
    const mask = (n: number) => ({ data: new Uint8Array(n * n).fill(1), height: n, width: n });
    expect(
      expectError(
        () =>
          detectionMap(
            [{ masks: [mask(5)], scores: [0.5], labels: [0] }],
            [{ masks: [mask(6)], labels: [0] }],
            { iouType: "segm" },
          ),
        "invalid_value",
      ).message,
    ).toBe(
      "cocoEval: image 0: detections[0] has a 5x5 mask but groundTruth[0] is 6x6 (pycocotools would score it IoU -1, silently)",
    );
  });

  it("refuses unknown options, oversized threshold lists and bad sigmas", () => {
    expect(
      expectError(() => cocoEvalDef({ iou_thresholds: [0.5] } as never), "invalid_option").message,
    ).toContain("plumbline calls it `iouThresholds`");
    expectError(
      () => cocoEvalDef({ recallThresholds: new Array(20_000).fill(0.5) }),
      "invalid_option",
      "cocoEval: option `recallThresholds` must be a non-empty array of at most 10000 numbers, got an array of length 20000",
    );
    expect(
      expectError(
        () =>
          cocoEvalDef({
            recallThresholds: new Array(10_000).fill(0.5),
            categoryIds: Array.from({ length: 1000 }, (_, i) => i),
          }),
        "invalid_option",
      ).message,
    ).toMatch(
      /^cocoEval: the options' thresholds and area ranges would need .* GiB, above the 1 GiB allocation limit/,
    );
    expectError(
      () => cocoEvalDef({ iouType: "keypoints", keypointSigmas: [0.1, -1] }),
      "invalid_option",
      "cocoEval: option `keypointSigmas` must contain positive numbers, got -1 at index 1",
    );
  });
});
