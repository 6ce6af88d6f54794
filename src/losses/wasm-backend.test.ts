import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { useBackend } from "../conformance/adapters/tf-backend.js";
import { binaryCrossEntropy } from "./classification/binary-cross-entropy.js";
import { binaryCrossEntropyWithLogits } from "./classification/binary-cross-entropy-with-logits.js";
import { crossEntropy } from "./classification/cross-entropy.js";
import { poly1Loss } from "./classification/poly1-loss.js";
import { sigmoidFocalLoss } from "./classification/sigmoid-focal-loss.js";
import { softmaxFocalLoss } from "./classification/softmax-focal-loss.js";
import { ciouLoss } from "./detection/ciou-loss.js";
import { giouLoss } from "./detection/giou-loss.js";
import * as losses from "./index.js";
import { lovaszHingeLoss, lovaszSoftmaxLoss } from "./segmentation/lovasz-loss.js";
import { softDiceLoss } from "./segmentation/soft-dice-loss.js";

// The WASM backend has its own kernels (OneHot emits int32 whatever the requested dtype, for
// instance), so the numerically delicate paths are checked on it too.
await useBackend("wasm");

const extreme = tf.tensor2d([
  [100, -100, 0],
  [-100, 100, -100],
]);
const labels = tf.tensor1d([1, 0], "int32");
const multi = tf.tensor2d([
  [0, 1, 1],
  [1, 1, 0],
]);

function finiteValueAndGradient(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): boolean {
  const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => tf.sum(f(t)) as tf.Scalar)(x);
  return [...value.dataSync(), ...grad.dataSync()].every(Number.isFinite);
}

describe("losses on the WASM backend", () => {
  it.each([
    ["crossEntropy smoothed", (x: tf.Tensor) => crossEntropy(x, labels, { labelSmoothing: 0.2 })],
    [
      "crossEntropy weighted",
      (x: tf.Tensor) => crossEntropy(x, labels, { weight: [1, 2, 3], labelSmoothing: 0.1 }),
    ],
    ["softmaxFocalLoss", (x: tf.Tensor) => softmaxFocalLoss(x, labels)],
    ["poly1Loss", (x: tf.Tensor) => poly1Loss(x, labels)],
    ["binaryCrossEntropyWithLogits", (x: tf.Tensor) => binaryCrossEntropyWithLogits(x, multi)],
    ["sigmoidFocalLoss", (x: tf.Tensor) => sigmoidFocalLoss(x, multi)],
    ["binaryCrossEntropy of sigmoid", (x: tf.Tensor) => binaryCrossEntropy(tf.sigmoid(x), multi)],
    ["softDiceLoss of sigmoid", (x: tf.Tensor) => softDiceLoss(tf.sigmoid(x), multi)],
    ["lovaszHingeLoss", (x: tf.Tensor) => lovaszHingeLoss(x, multi)],
  ])("%s: logits of +-100 give a finite value and gradient", (_name, f) => {
    expect(finiteValueAndGradient(f, extreme)).toBe(true);
  });

  it("crossEntropy's hand-written gradient is softmax minus the smoothed target", () => {
    // logits [0, log 3]: p = [1/4, 3/4]; target 1 with e = 0.2: T = [0.1, 0.9]; grad = p - T
    const g = tf.grad((x: tf.Tensor) => crossEntropy(x, [1], { labelSmoothing: 0.2, reduction: "sum" }))(
      tf.tensor2d([[0, Math.log(3)]]),
    );
    const [a, b] = Array.from(g.dataSync());
    expect(a).toBeCloseTo(0.15, 5);
    expect(b).toBeCloseTo(-0.15, 5);
  });

  it("box losses and Lovasz-softmax differentiate", () => {
    const boxes = tf.tensor2d([[0, 0, 2, 3]]);
    expect(finiteValueAndGradient((x) => giouLoss(x, [[1, 1, 3, 3]]), boxes)).toBe(true);
    expect(finiteValueAndGradient((x) => ciouLoss(x, [[1, 1, 3, 3]]), boxes)).toBe(true);
    const probs = tf.tensor3d([
      [
        [0.7, 0.2, 0.5],
        [0.3, 0.8, 0.5],
      ],
    ]);
    expect(
      finiteValueAndGradient(
        (x) => lovaszSoftmaxLoss(x, tf.tensor2d([[0, 1, 1]], undefined, "int32")),
        probs,
      ),
    ).toBe(true);
  });
});

describe("face, depth and generation gradients on the WASM backend (kernels it lacks are avoided)", () => {
  it("computes finite gradients for the losses the golden cases do not cover", async () => {
    const x = tf.randomUniform([2, 12, 12, 1], 0.5, 1.5, "float32", 1);
    const y = tf.randomUniform([2, 12, 12, 1], 0.5, 1.5, "float32", 2);
    const cases: Record<string, () => tf.Tensor[]> = {
      gaussianSsim: () =>
        tf.grads((a: tf.Tensor) => losses.ssimLoss(a, y, { window: "gaussian", windowSize: 5 }))([x]),
      silogWithoutMask: () =>
        tf.grads((a: tf.Tensor) => losses.scaleInvariantLogLoss(a, y, { sqrt: true }))([x]),
      midasWithoutMask: () => tf.grads((a: tf.Tensor) => losses.scaleShiftInvariantLoss(a, y))([x]),
      perceptual: () =>
        tf.grads((a: tf.Tensor) => losses.perceptualLoss(a, y, (v) => [tf.relu(v), tf.sigmoid(v)]))([x]),
      tripletP3: () =>
        tf.grads((a: tf.Tensor) =>
          losses.tripletMarginLoss(a, tf.ones([2, 3]), tf.zeros([2, 3]), { p: 3, swap: true }),
        )([
          tf.tensor2d([
            [0.1, 0.2, 0.3],
            [0.5, 0.1, 0.2],
          ]),
        ]),
      centers: () =>
        tf.grads((c: tf.Tensor) => losses.centerLoss(tf.ones([2, 3]), [0, 1], c))([tf.zeros([2, 3])]),
      gradientPenalty: () => {
        const w = tf.variable(tf.tensor2d([[0.3], [0.4]]));
        const { grads } = tf.variableGrads(
          () =>
            losses.gradientPenalty(
              (v) => tf.tanh(tf.matMul(v, w)),
              tf.tensor2d([[1, 2]]),
              tf.tensor2d([[0, 1]]),
              { seed: 3 },
            ) as tf.Scalar,
          [w],
        );
        return Object.values(grads);
      },
    };
    for (const [name, run] of Object.entries(cases)) {
      const grads = run();
      expect(
        grads.every((g) => Array.from(g.dataSync()).every(Number.isFinite)),
        name,
      ).toBe(true);
    }
  });
});
