import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { attempt, scalar } from "../../../test/support/losses.js";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { isPlumblineError } from "../../core/errors.js";
import { checkGradient } from "../gradient-check.js";
import { diceCrossEntropyLoss } from "./dice-cross-entropy-loss.js";
import { generalizedDiceLoss } from "./generalized-dice-loss.js";
import { lovaszHingeLoss, lovaszSoftmaxLoss } from "./lovasz-loss.js";
import { softDiceLoss } from "./soft-dice-loss.js";
import { softJaccardLoss } from "./soft-jaccard-loss.js";
import { focalTverskyLoss, tverskyLoss } from "./tversky-loss.js";

await useBackend("cpu");

// two images, two classes, 2 pixels: probabilities [N, C, P]
const probs = tf.tensor3d([
  [
    [0.8, 0.3],
    [0.2, 0.7],
  ],
  [
    [0.4, 0.9],
    [0.6, 0.1],
  ],
]);
const labels = tf.tensor2d(
  [
    [0, 1],
    [1, 1],
  ],
  undefined,
  "int32",
);

describe("overlap losses: hand-worked values", () => {
  it("softDiceLoss global on p = [0.5, 1], t = [1, 0]", () => {
    // 2 * 0.5 / (1.5 + 1) = 0.4 -> loss 0.6; smooth 1: (1 + 1) / (2.5 + 1) -> 1 - 4/7
    expect(scalar(softDiceLoss([0.5, 1], [1, 0]))).toBeCloseTo(0.6, 6);
    expect(scalar(softDiceLoss([0.5, 1], [1, 0], { smooth: 1 }))).toBeCloseTo(1 - 4 / 7, 6);
  });

  it("softJaccardLoss and tverskyLoss on the same input", () => {
    // Jaccard: 0.5 / (1.5 + 1 - 0.5) = 0.25 -> 0.75
    expect(scalar(softJaccardLoss([0.5, 1], [1, 0]))).toBeCloseTo(0.75, 6);
    // TP 0.5, FP 1, FN 0.5; alpha 0.3 beta 0.7: 0.5 / (0.5 + 0.3 + 0.35) -> 1 - 0.5/1.15
    expect(scalar(tverskyLoss([0.5, 1], [1, 0], { alpha: 0.3, beta: 0.7 }))).toBeCloseTo(1 - 0.5 / 1.15, 6);
    // alpha = beta = 0.5 is Dice
    expect(scalar(tverskyLoss([0.5, 1], [1, 0]))).toBeCloseTo(0.6, 6);
    // focal Tversky default gamma 0.75
    expect(scalar(focalTverskyLoss([0.5, 1], [1, 0]))).toBeCloseTo(0.6 ** 0.75, 5);
  });

  it("empty prediction and empty target: loss 1 without smoothing, 0 with smoothing 1", () => {
    expect(scalar(softDiceLoss([0, 0], [0, 0]))).toBeCloseTo(1, 6);
    expect(scalar(softDiceLoss([0, 0], [0, 0], { smooth: 1 }))).toBeCloseTo(0, 6);
  });

  it("modes: per-image and per-class give one score per group", () => {
    // class-index targets one-hot: image 0 t = [[1,0],[0,1]], image 1 t = [[0,0],[1,1]]
    const perImage = softDiceLoss(probs, labels, { mode: "per-image", reduction: "none" });
    const perClass = softDiceLoss(probs, labels, { mode: "per-class", reduction: "none" });
    const perImageClass = softDiceLoss(probs, labels, { mode: "per-image-class", reduction: "none" });
    expect(perImage.shape).toEqual([2]);
    expect(perClass.shape).toEqual([2]);
    expect(perImageClass.shape).toEqual([2, 2]);
    // image 0: tp 0.8 + 0.7 = 1.5, sums 2 and 2 -> 1 - 3/4 = 0.25
    expect(perImage.dataSync()[0]).toBeCloseTo(0.25, 6);
    // class 1 over the batch: tp 0.7 + 0.6 + 0.1 = 1.4, sum p 1.6, sum t 3 -> 1 - 2.8/4.6
    expect(perClass.dataSync()[1]).toBeCloseTo(1 - 2.8 / 4.6, 5);
  });

  it("ignoreIndex removes pixels from both sums", () => {
    const withIgnore = scalar(
      softDiceLoss(
        probs,
        tf.tensor2d(
          [
            [0, 255],
            [1, 1],
          ],
          undefined,
          "int32",
        ),
        { ignoreIndex: 255 },
      ),
    );
    // the same as dropping pixel (0, 1): compute by masking by hand
    const p = tf.tensor1d([0.8, 0.2, 0.4, 0.6, 0.9, 0.1]);
    const t = tf.tensor1d([1, 0, 0, 1, 0, 1]);
    expect(withIgnore).toBeCloseTo(scalar(softDiceLoss(p, t)), 5);
  });

  it("generalizedDiceLoss weights classes by inverse squared volume", () => {
    // batch sums: class 0 t = 1 (w 1), class 1 t = 3 (w 1/9)
    // tp: class 0 0.8, class 1 0.7 + 0.6 + 0.1 = 1.4; p + t: class 0 (0.8+0.3+0.4+0.9) + 1 = 3.4, class 1 1.6 + 3 = 4.6
    const num = 2 * (0.8 + 1.4 / 9);
    const den = 3.4 + 4.6 / 9;
    expect(scalar(generalizedDiceLoss(probs, labels, { smooth: 0 }))).toBeCloseTo(1 - num / den, 5);
  });

  it("Lovasz losses: 0 for perfect predictions and 0.5 for a coin flip", () => {
    expect(scalar(lovaszHingeLoss([5, -5, 5], [1, 0, 1]))).toBeCloseTo(0, 6);
    // coin flip over 2 pixels of 2 classes: each class costs 0.5 (tie order does not matter)
    const p = tf.tensor3d([
      [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    ]);
    expect(scalar(lovaszSoftmaxLoss(p, tf.tensor2d([[1, 0]], undefined, "int32")))).toBeCloseTo(0.5, 6);
    // hinge: logits 0 everywhere, labels [1, 0]: errors [1, 1], gradient [1, 0] -> 1
    expect(scalar(lovaszHingeLoss([0, 0], [1, 0]))).toBeCloseTo(1, 6);
  });

  it("lovaszSoftmaxLoss ignores pixels as if removed", () => {
    const p = tf.tensor3d([
      [
        [0.7, 0.2, 0.5],
        [0.3, 0.8, 0.5],
      ],
    ]);
    const ignored = scalar(
      lovaszSoftmaxLoss(p, tf.tensor2d([[0, 1, 9]], undefined, "int32"), { ignoreIndex: 9 }),
    );
    const removed = scalar(
      lovaszSoftmaxLoss(
        tf.tensor3d([
          [
            [0.7, 0.2],
            [0.3, 0.8],
          ],
        ]),
        tf.tensor2d([[0, 1]], undefined, "int32"),
      ),
    );
    expect(ignored).toBeCloseTo(removed, 6);
  });
});

describe("overlap losses: gradients match finite differences", () => {
  const p = tf.tensor1d([0.47, 0.49, 0.73, 0.79, 0.67, 0.12, 0.31, 0.88]);
  const t = tf.tensor1d([1, 0, 0, 1, 1, 0, 1, 0]);
  const logits = tf.tensor3d([
    [
      [0.5, -0.3, 1.2],
      [-0.1, 0.8, -0.7],
    ],
    [
      [0.9, 0.2, -0.4],
      [0.35, -0.6, 0.15],
    ],
  ]);
  const pixelLabels = tf.tensor2d(
    [
      [0, 1, 0],
      [1, 0, 0],
    ],
    undefined,
    "int32",
  );
  const cases: [string, tf.Tensor, (x: tf.Tensor) => tf.Tensor][] = [
    ["softDiceLoss", p, (x) => softDiceLoss(x, t, { smooth: 1 })],
    ["softJaccardLoss", p, (x) => softJaccardLoss(x, t)],
    ["tverskyLoss", p, (x) => tverskyLoss(x, t, { alpha: 0.3, beta: 0.7 })],
    ["focalTverskyLoss", p, (x) => focalTverskyLoss(x, t)],
    [
      "lovaszHingeLoss",
      tf.tensor1d([0.3, -1.2, 0.8, -0.1, 2.1, -0.7, 0.45, 1.6]),
      (x) => lovaszHingeLoss(x, t),
    ],
    [
      "softDiceLoss per-class with labels",
      logits,
      (x) =>
        softDiceLoss(tf.transpose(tf.softmax(tf.transpose(x, [0, 2, 1])), [0, 2, 1]), pixelLabels, {
          mode: "per-class",
        }),
    ],
    ["generalizedDiceLoss", logits, (x) => generalizedDiceLoss(tf.sigmoid(x), pixelLabels)],
    ["lovaszSoftmaxLoss", logits, (x) => lovaszSoftmaxLoss(tf.sigmoid(x), pixelLabels)],
    ["diceCrossEntropyLoss", logits, (x) => diceCrossEntropyLoss(x, pixelLabels)],
  ];
  for (const [name, x, f] of cases) {
    it(name, () => {
      const check = checkGradient(f, x);
      expect(
        check.worst,
        `${Array.from(check.analytic)} vs ${Array.from(check.numeric)}`,
      ).toBeLessThanOrEqual(1);
    });
  }
});

describe("overlap losses: errors", () => {
  it("rejects a bad mode, ignoreIndex without labels and mismatched shapes", () => {
    const mode = attempt(() => softDiceLoss([0.5], [1], { mode: "batch" as never }));
    expect(isPlumblineError(mode, "invalid_option")).toBe(true);
    expect(mode.message).toBe(
      'softDiceLoss: option `mode` must be one of "global", "per-image", "per-class", "per-image-class", got "batch"',
    );
    expect(
      isPlumblineError(
        attempt(() => softDiceLoss([0.5], [1], { ignoreIndex: 0 })),
        "invalid_option",
      ),
    ).toBe(true);
    const shape = attempt(() => softJaccardLoss([0.5, 0.2], [1, 0, 1]));
    expect(isPlumblineError(shape, "shape_mismatch")).toBe(true);
  });
});
