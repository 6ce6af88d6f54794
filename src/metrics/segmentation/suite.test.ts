import { describe, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { expectSuiteEquivalence } from "../../../test/support/suites.js";
import { diceScore } from "./dice-score.js";
import { frequencyWeightedIou } from "./frequency-weighted-iou.js";
import { meanIou } from "./mean-iou.js";
import { pixelAccuracy } from "./pixel-accuracy.js";
import { segmentationSuiteDef } from "./suite.js";

// Two 3x4 images of 3 classes, with the "ignore" label 255 in the targets.
const preds = [
  [
    [0, 0, 1, 1],
    [0, 2, 1, 1],
    [2, 2, 2, 0],
  ],
  [
    [1, 1, 1, 0],
    [0, 0, 2, 2],
    [0, 1, 2, 2],
  ],
];
const target = [
  [
    [0, 0, 1, 255],
    [0, 2, 2, 1],
    [2, 2, 2, 0],
  ],
  [
    [1, 1, 0, 0],
    [0, 255, 2, 2],
    [0, 1, 1, 2],
  ],
];

describe("segmentationSuite", () => {
  it("equals each member's one-shot function (torchmetrics conventions)", async () => {
    const o = { numClasses: 3, ignoreIndex: 255 };
    await expectSuiteEquivalence(
      segmentationSuiteDef(o),
      [
        [preds.slice(0, 1), target.slice(0, 1)],
        [preds.slice(1), target.slice(1)],
      ],
      [preds, target],
      {
        pixel_accuracy: () => pixelAccuracy(preds, target, { ignoreIndex: 255 }),
        mean_iou: () => meanIou(preds, target, o),
        iou_per_class: () => meanIou(preds, target, { ...o, perClass: true }),
        frequency_weighted_iou: () => frequencyWeightedIou(preds, target, o),
        dice: () => diceScore(preds, target, o),
        dice_per_class: () => diceScore(preds, target, { ...o, average: "none" }),
      },
    );
  });

  it("needs numClasses and reads its options strictly", () => {
    expectError(() => segmentationSuiteDef({} as never), "invalid_option");
    expectError(() => segmentationSuiteDef({ numClasses: 3, ignore_index: 255 } as never), "invalid_option");
  });
});
