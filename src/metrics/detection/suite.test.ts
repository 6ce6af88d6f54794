import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { expectSuiteEquivalence } from "../../../test/support/suites.js";
import { type CocoImage, cocoEvaluateImages } from "./coco-eval.js";
import { detectionSuite, detectionSuiteDef } from "./suite.js";

const images: CocoImage[] = [
  {
    imageId: 1,
    groundTruth: [
      { categoryId: 1, bbox: [10, 10, 40, 30], area: 1200 },
      { categoryId: 2, bbox: [60, 50, 20, 20], area: 400 },
    ],
    detections: [
      { categoryId: 1, bbox: [12, 11, 38, 30], score: 0.9 },
      { categoryId: 2, bbox: [50, 50, 10, 10], score: 0.4 },
      { categoryId: 1, bbox: [61, 50, 18, 20], score: 0.7 },
    ],
  },
  {
    imageId: 2,
    groundTruth: [{ categoryId: 2, bbox: [0, 0, 20, 20], area: 400 }],
    detections: [{ categoryId: 2, bbox: [1, 1, 19, 19], score: 0.8 }],
  },
];

describe("detectionSuite", () => {
  it("is pycocotools' COCO evaluation, and class-agnostic matching on request", async () => {
    const o = { iouType: "bbox" as const, categoryIds: [1, 2] };
    await expectSuiteEquivalence(
      detectionSuiteDef({ ...o, classAgnostic: true }),
      [[images.slice(0, 1)], [images.slice(1)]],
      [images],
      {
        coco: () => cocoEvaluateImages(images, o),
        class_agnostic: () => cocoEvaluateImages(images, { ...o, useCats: false }),
      },
    );
    // The class-agnostic evaluation forgives the wrong class of the third detection.
    const result = detectionSuite(images, { ...o, classAgnostic: true });
    expect(result.class_agnostic!.stats[1]).toBeGreaterThan(result.coco.stats[1]!);
  });

  it("reads its options strictly (useCats is the classAgnostic member's)", () => {
    expectError(() => detectionSuiteDef({ useCats: false } as never), "invalid_option");
    expectError(() => detectionSuiteDef({ classAgnostic: "yes" } as never), "invalid_option");
  });
});
