import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import {
  type CocoEvalOptions,
  type CocoImage,
  cocoEvalDef,
  cocoEvaluateImages,
  linspace,
  numpySum,
} from "./coco-eval.js";
import { cocoEvaluate, cocoToImages } from "./coco-json.js";
import { readCocoResults } from "./coco-results.js";
import { detectionMap, toTorchmetricsDict } from "./detection-map.js";

interface Golden {
  datasets: Record<string, { ground_truth: unknown; detections: unknown[] }>;
  cases: {
    id: string;
    inputs: string;
    options: Record<string, unknown>;
    expected: { stats: number[]; precision?: number[]; recall?: number[] };
    rtol: number;
    atol: number;
  }[];
}
const golden = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../test/data/golden/detection_coco.json", import.meta.url)),
    "utf8",
  ),
) as Golden;

function optionsOf(o: Record<string, unknown>): CocoEvalOptions {
  const labels = ["all", "small", "medium", "large"];
  return {
    iouType: o.iou_type as "bbox",
    ...(o.iou_thrs ? { iouThresholds: o.iou_thrs as number[] } : {}),
    ...(o.rec_thrs ? { recallThresholds: o.rec_thrs as number[] } : {}),
    ...(o.max_dets ? { maxDets: o.max_dets as number[] } : {}),
    ...(o.use_cats !== undefined ? { useCats: Boolean(o.use_cats) } : {}),
    ...(o.area_rng
      ? { areaRanges: (o.area_rng as [number, number][]).map((range, i) => ({ label: labels[i]!, range })) }
      : {}),
  };
}

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (Math.abs(a - e) > atol + rtol * Math.abs(e)) expect(a, `index ${i}`).toBe(e);
  }
}

describe("cocoEvaluate matches pycocotools COCOeval (golden cases)", () => {
  for (const c of golden.cases) {
    it(`${c.id} ${JSON.stringify(c.options)}`, () => {
      const d = golden.datasets[c.inputs]!;
      const r = cocoEvaluate(d.ground_truth, d.detections, optionsOf(c.options));
      close(r.stats, c.expected.stats, c.rtol, c.atol);
      if (c.expected.precision) close(r.precision, c.expected.precision, c.rtol, c.atol);
      if (c.expected.recall) close(r.recall, c.expected.recall, c.rtol, c.atol);
      // The results file read by readCocoResults gives the same bits as the parsed array.
      const text = JSON.stringify(d.detections);
      for (const input of [text, Buffer.from(text)]) {
        const columns = cocoEvaluate(d.ground_truth, readCocoResults(input), optionsOf(c.options));
        expect(columns.stats).toEqual(r.stats);
        expect(columns.precision).toEqual(r.precision);
        expect(columns.recall).toEqual(r.recall);
      }
    });
  }
});

describe("cocoEvaluate keypoints with a ground truth of negative area (OKS above 1)", () => {
  const negative = JSON.parse(
    readFileSync(
      fileURLToPath(new URL("../../../test/data/golden/detection_coco_keypoints_area.json", import.meta.url)),
      "utf8",
    ),
  ) as { ground_truth: unknown; detections: unknown[]; stats: number[] };

  it("matches pycocotools bit for bit (its pairs are computed exactly, never skipped by the OKS bound)", () => {
    const stats = cocoEvaluate(negative.ground_truth, negative.detections, { iouType: "keypoints" }).stats;
    expect(stats).toEqual(negative.stats);
    const text = JSON.stringify(negative.detections);
    expect(
      cocoEvaluate(negative.ground_truth, readCocoResults(text), { iouType: "keypoints" }).stats,
    ).toEqual(negative.stats);
  });
});

const boxes = golden.datasets.boxes!;
const { images, categoryIds } = cocoToImages(boxes.ground_truth, boxes.detections, "bbox");

describe("streaming COCO evaluation", () => {
  it("merging per-image states in any order equals one update", () => {
    const whole = cocoEvaluateImages(images, { categoryIds });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: images.length, maxLength: images.length }),
        fc.boolean(),
        (parts, reverse) => {
          const metrics = [0, 1, 2, 3].map(() => createMetric(cocoEvalDef({ categoryIds })));
          images.forEach((img, i) => {
            metrics[parts[i]!]!.update([img]);
          });
          const order = reverse ? [3, 2, 1, 0] : [0, 1, 2, 3];
          const first = metrics[order[0]!]!;
          for (const k of order.slice(1)) first.merge(metrics[k]!);
          const r = first.compute();
          expect(r.stats).toEqual(whole.stats);
          expect(Array.from(r.precision)).toEqual(Array.from(whole.precision));
        },
      ),
      { numRuns: 25 },
    );
  });
  it("survives toJSON/fromJSON mid-stream", () => {
    const m = createMetric(cocoEvalDef({ categoryIds })).update(images.slice(0, 6));
    const restored = createMetric(cocoEvalDef({ categoryIds })).fromJSON(
      JSON.parse(JSON.stringify(m.toJSON())),
    );
    m.update(images.slice(6));
    restored.update(images.slice(6));
    expect(restored.compute().stats).toEqual(m.compute().stats);
    expect(m.compute().stats).toEqual(cocoEvaluateImages(images, { categoryIds }).stats);
  });
  it("permuting detections with distinct scores does not change AP", () => {
    const whole = cocoEvaluateImages(images, { categoryIds }).stats;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
        let s = seed;
        const shuffled = images.map((img) => {
          const dets = [...img.detections];
          for (let i = dets.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2147483648;
            const j = s % (i + 1);
            [dets[i], dets[j]] = [dets[j]!, dets[i]!];
          }
          return { ...img, detections: dets };
        });
        expect(cocoEvaluateImages(shuffled, { categoryIds }).stats).toEqual(whole);
      }),
      { numRuns: 10 },
    );
  });
  it("results stay inside [0, 1] or are -1", () => {
    const r = cocoEvaluateImages(images, { categoryIds });
    for (const v of [...r.stats, ...r.perClassAp, ...r.perClassAr])
      expect(v === -1 || (v >= 0 && v <= 1)).toBe(true);
  });
});

/** Precision of one true positive in pycocotools: 1 / (1 + np.spacing(1)). */
const ONE = 1 / (1 + 2.220446049250313e-16);

describe("cocoEvaluate conventions", () => {
  const gt = {
    images: [{ id: 1, width: 100, height: 100 }],
    categories: [
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ],
    annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], area: 100, iscrowd: 0 }],
  };
  it("hand-worked: one perfect detection gives AP 1; a missing category reports -1", () => {
    const r = cocoEvaluate(gt, [{ image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], score: 0.9 }]);
    // One GT, one TP at every IoU threshold: precision tp / (tp + fp + eps) = 1 / (1 + 2^-52)
    // at every recall threshold (pycocotools adds np.spacing(1)) → AP = ONE.
    expect(r.stats[0]).toBe(ONE);
    expect(r.perClassAp).toEqual([ONE, -1]);
    // Area 100 < 32²: small; no medium or large ground truth → -1.
    expect(r.stats.slice(3, 6)).toEqual([ONE, -1, -1]);
    expect(r.stats[8]).toBe(1);
  });
  it("reproduces the maxDets quirk by default and offers the intended summary", () => {
    const dets = [{ image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], score: 0.9 }];
    expect(cocoEvaluate(gt, dets, { maxDets: [1, 5, 20] }).stats[0]).toBe(-1);
    expect(cocoEvaluate(gt, dets, { maxDets: [1, 5, 20], summary: "intended" }).stats[0]).toBe(ONE);
  });
  it("ignores a detection matched to a crowd region (IoU uses the detection area as union)", () => {
    const crowd = {
      ...gt,
      annotations: [
        ...gt.annotations,
        { id: 2, image_id: 1, category_id: 1, bbox: [50, 50, 40, 40], area: 1600, iscrowd: 1 },
      ],
    };
    const dets = [
      { image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], score: 0.5 },
      // Inside the crowd box: IoU = 100 / 100 = 1 with the crowd → ignored, not a false positive.
      { image_id: 1, category_id: 1, bbox: [60, 60, 10, 10], score: 0.9 },
    ];
    expect(cocoEvaluate(crowd, dets).stats[0]).toBe(ONE);
  });
  it("agrees with the array form in xyxy, xywh and cxcywh", () => {
    const ref = cocoEvaluate(gt, [{ image_id: 1, category_id: 1, bbox: [1, 1, 10, 10], score: 0.9 }]).stats;
    const t = [{ imageId: 1, boxes: [[0, 0, 10, 10]], labels: [1], area: [100] }];
    expect(
      detectionMap(
        [{ boxes: [[1, 1, 11, 11]], scores: [0.9], labels: [1] }],
        t.map((x) => ({ ...x, boxes: [[0, 0, 10, 10]] })),
        { categoryIds: [1, 2], convention: "pycocotools" },
      ).stats,
    ).toEqual(ref);
    expect(
      detectionMap(
        [{ boxes: [[1, 1, 10, 10]], scores: [0.9], labels: [1] }],
        [{ imageId: 1, boxes: [[0, 0, 10, 10]], labels: [1], area: [100] }],
        { boxFormat: "xywh", categoryIds: [1, 2], convention: "pycocotools" },
      ).stats,
    ).toEqual(ref);
    expect(
      detectionMap(
        [{ boxes: [[6, 6, 10, 10]], scores: [0.9], labels: [1] }],
        [{ imageId: 1, boxes: [[5, 5, 10, 10]], labels: [1], area: [100] }],
        { boxFormat: "cxcywh", categoryIds: [1, 2], convention: "pycocotools" },
      ).stats,
    ).toEqual(ref);
  });
  it("raises clear errors for bad input", () => {
    expect(() => cocoEvaluate(gt, [{ image_id: 9, category_id: 1, bbox: [0, 0, 1, 1], score: 1 }])).toThrow(
      "cocoEvaluate: results[0].image_id 9 is not in groundTruth.images",
    );
    expect(() => cocoEvaluate(gt, [{ image_id: 1, category_id: 7, bbox: [0, 0, 1, 1], score: 1 }])).toThrow(
      "cocoEvaluate: results[0].category_id 7 is not in groundTruth.categories",
    );
    expect(() => cocoEvaluate(gt, [{ image_id: 1, category_id: 1, bbox: [0, 0, 1, 1] }])).toThrow(
      'cocoEvaluate: results[0] is missing the key "score"',
    );
    expect(() => cocoEvaluate({ images: [] }, [])).toThrow(
      expect.objectContaining({ code: "invalid_value" }),
    );
    expect(() => cocoEvaluate(gt, [{ image_id: 1, category_id: 1, bbox: [0, 0, -1, 1], score: 1 }])).toThrow(
      "cocoEval: image 1 detections[0].bbox is degenerate (negative width or height), got [0, 0, -1, 1]",
    );
    expect(() => cocoEvaluate(gt, [], { iouType: "boxes" as "bbox" })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
    expect(() => cocoEvaluate(gt, [], { maxDets: [1, 10] })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
  it("rejects an image evaluated twice and leaves the state untouched", () => {
    const m = createMetric(cocoEvalDef());
    const img: CocoImage = {
      imageId: 1,
      groundTruth: [{ categoryId: 1, bbox: [0, 0, 5, 5] }],
      detections: [],
    };
    m.update([img]);
    const before = JSON.stringify(m.toJSON());
    expect(() => m.update([{ ...img, imageId: 2 }, img])).toThrow(
      "cocoEval: image 1 was already evaluated (each image must arrive once, with all its objects)",
    );
    expect(JSON.stringify(m.toJSON())).toBe(before);
  });
  it("empty input gives -1 everywhere", () => {
    expect(cocoEvaluateImages([]).stats).toEqual(new Array(12).fill(-1));
  });
});

describe("numeric helpers", () => {
  it("linspace reproduces numpy's IoU thresholds (0.8999999999999999 included)", () => {
    expect(linspace(0.5, 0.95, 10)[8]).toBe(0.8999999999999999);
  });
  it("numpySum is numpy's pairwise sum", () => {
    expect(numpySum([1, 2, 3])).toBe(6);
    expect(numpySum(Array.from({ length: 300 }, (_, i) => i))).toBe(44850);
  });
});

describe("segm and keypoints from arrays", () => {
  it("binary masks through detectionMap give the same AP as the same masks as COCO RLE polygons", () => {
    // 6x6 image; target a 3x3 square, prediction the same square shifted by one column.
    const square = (x0: number) => ({
      data: Array.from({ length: 36 }, (_, i) =>
        Math.floor(i / 6) >= 1 && Math.floor(i / 6) < 4 && i % 6 >= x0 && i % 6 < x0 + 3 ? 1 : 0,
      ),
      height: 6,
      width: 6,
    });
    const r = detectionMap(
      [{ scores: [0.9], labels: [1], masks: [square(2)] }],
      [{ imageId: 1, labels: [1], masks: [square(1)] }],
      { iouType: "segm" },
    );
    // Mask IoU = 6 / 12 = 0.5: a TP at threshold 0.50 only → AP@[.5:.95] = 1/10 of the AP at 0.5.
    expect(r.stats[1]).toBeCloseTo(ONE, 15);
    expect(r.stats[0]).toBeCloseTo(ONE / 10, 15);
  });
  it("keypoints use per-category sigmas when given", () => {
    const kp = [10, 10, 2, 20, 20, 2];
    const img: CocoImage = {
      imageId: 1,
      groundTruth: [{ categoryId: 1, bbox: [5, 5, 20, 20], area: 400, keypoints: kp }],
      detections: [{ categoryId: 1, score: 1, keypoints: [11, 10, 1, 20, 21, 1] }],
    };
    const r = cocoEvaluateImages([img], { iouType: "keypoints", keypointSigmas: { "1": [0.5, 0.5] } });
    // OKS = mean(exp(-1 / (2·(2·0.5)²·(400 + eps)))) ≈ 0.99875 > 0.95 → a TP at every threshold.
    expect(r.stats[0]).toBeCloseTo(ONE, 15);
    expect(() => cocoEvaluateImages([img], { iouType: "keypoints" })).toThrow(
      "cocoEval: ground truth keypoints must have 17 triplets (one per sigma), got 2",
    );
  });
});

describe("OKS pairs far below every threshold", () => {
  // The matcher skips exp() for pairs whose bound mean(1 / (1 + e + e²/2)) is below the lowest
  // threshold; a far detection just above or below a tiny threshold must still be decided by its
  // OKS, computed here as pycocotools does (one keypoint: exp(-e)).
  const sigma = 0.5;
  const area = 400;
  const kp = [10, 10, 2];
  const at = (dx: number): CocoImage => ({
    imageId: 1,
    groundTruth: [{ categoryId: 1, bbox: [5, 5, 20, 20], area, keypoints: kp }],
    detections: [{ categoryId: 1, score: 1, keypoints: [10 + dx, 10, 1] }],
  });
  const oks = (dx: number) => Math.exp(-(dx ** 2 / (2 * sigma) ** 2 / (area + 2 ** -52) / 2));
  it.each([20, 40, 60])("a detection %d px away matches exactly when its OKS reaches the threshold", (dx) => {
    const value = oks(dx);
    for (const [thr, expected] of [
      [value * 0.999, 1],
      [value * 1.001, 0],
      [0.9, 0], // bound below 0.9: skipped
    ] as const) {
      const r = cocoEvaluateImages([at(dx)], {
        iouType: "keypoints",
        keypointSigmas: [sigma],
        iouThresholds: [thr],
        summary: "intended",
      });
      expect(r.precision[0]).toBeCloseTo(expected, 12);
    }
  });
  it("a detection is decided by its OKS wherever its keypoints lie (the bound only skips hopeless pairs)", () => {
    // Three keypoints, one of them invisible in the ground truth; OKS over the visible two as
    // pycocotools computes it (numpy sums fewer than 8 terms in order).
    const sigmas = [0.3, 0.6, 0.9];
    const gtKps = [20, 30, 2, 0, 0, 0, 40, 35, 1];
    const visible = [0, 2];
    const oksOf = (det: number[]) => {
      let sum = 0;
      for (const q of visible) {
        const d2 = (det[3 * q]! - gtKps[3 * q]!) ** 2 + (det[3 * q + 1]! - gtKps[3 * q + 1]!) ** 2;
        sum += Math.exp(-(d2 / (2 * sigmas[q]!) ** 2 / (area + 2 ** -52) / 2));
      }
      return sum / visible.length;
    };
    fc.assert(
      fc.property(
        fc.double({ min: -300, max: 300, noNaN: true }),
        fc.double({ min: -300, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (dx, dy, spread, scale) => {
          const det = [20 + dx, 30 + dy, 1, 25 + dx + spread, 32 + dy, 1, 40 + dx, 35 + dy - spread, 1];
          const value = oksOf(det);
          const thr = Math.min(1, value * scale * 1.5);
          // pycocotools matches at min(t, 1 - 1e-10).
          const matchAt = Math.min(thr, 1 - 1e-10);
          fc.pre(Math.abs(value - matchAt) > 1e-12);
          const r = cocoEvaluateImages(
            [
              {
                imageId: 1,
                groundTruth: [{ categoryId: 1, bbox: [15, 25, 30, 15], area, keypoints: gtKps }],
                detections: [{ categoryId: 1, score: 1, keypoints: det }],
              },
            ],
            { iouType: "keypoints", keypointSigmas: sigmas, iouThresholds: [thr], summary: "intended" },
          );
          // A true positive gives precision 1 / (1 + eps), a false positive 0.
          expect(r.precision[0]! > 0.5).toBe(value >= matchAt);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it("the bound is above exp(-e) for every e >= 0 (to rounding, far inside the 1e-9 margin)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (e) => 1 / (1 + e + 0.5 * e * e) + 1e-15 >= Math.exp(-e),
      ),
    );
  });
});

describe("toTorchmetricsDict", () => {
  it("names the summary numbers as torchmetrics MeanAveragePrecision does", () => {
    const r = cocoEvaluateImages(images, { categoryIds });
    const d = toTorchmetricsDict(r);
    expect([d.map, d.map_50, d.mar_100, d.mar_large]).toEqual([
      r.stats[0],
      r.stats[1],
      r.stats[8],
      r.stats[11],
    ]);
    expect(d.classes).toEqual(categoryIds);
  });
});

describe("options with infinite area bounds", () => {
  it("survive toJSON/fromJSON (the codec keeps Infinity)", () => {
    const opts = {
      areaRanges: [{ label: "all", range: [0, Number.POSITIVE_INFINITY] as [number, number] }],
      summary: "intended" as const,
      maxDets: [100],
    };
    const m = createMetric(cocoEvalDef(opts)).update(images.slice(0, 3));
    const restored = createMetric(cocoEvalDef(opts)).fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.compute().stats).toEqual(m.compute().stats);
  });
});
