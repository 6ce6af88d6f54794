import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { describe, expect, it } from "vitest";
import { seeded } from "../../test/support/losses.js";
import { useBackend } from "../conformance/adapters/tf-backend.js";
import { isPlumblineError } from "../core/errors.js";
import { binaryCrossEntropyWithLogitsFactory } from "./classification/binary-cross-entropy-with-logits.js";
import { crossEntropyFactory } from "./classification/cross-entropy.js";
import { sigmoidFocalLossFactory } from "./classification/sigmoid-focal-loss.js";
import { softmaxFocalLossFactory } from "./classification/softmax-focal-loss.js";
import type { KerasLoss } from "./factory.js";
import { huberLossFactory } from "./regression/huber-loss.js";
import { mseLossFactory } from "./regression/mse-loss.js";
import { softDiceLossFactory } from "./segmentation/soft-dice-loss.js";

await useBackend("cpu");

const rand = seeded(42);
const n = 128;
const features = Array.from({ length: n }, () => [rand() * 2 - 1, rand() * 2 - 1]);
const x = tf.tensor2d(features);
const binary = tf.tensor2d(features.map(([a, b]) => [a! + 0.5 * b! > 0.2 ? 1 : 0]));
const classes = tf.tensor2d(features.map(([a, b]) => [a! > 0.3 ? 2 : b! > 0 ? 1 : 0]));
const oneHot = tf.oneHot(tf.cast(tf.reshape(classes, [-1]), "int32"), 3);
const regressionTarget = tf.tensor2d(features.map(([a, b]) => [2 * a! - b! + 0.5]));

async function fitLosses(
  loss: KerasLoss,
  units: number,
  activation: "linear" | "sigmoid",
  y: tf.Tensor,
): Promise<number[]> {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        units: 8,
        inputShape: [2],
        activation: "tanh",
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
      tfl.layers.dense({ units, activation, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss });
  const history = await model.fit(x, y, { epochs: 15, batchSize: 32, shuffle: false, verbose: 0 });
  model.dispose();
  return history.history.loss as number[];
}

describe("loss factories inside model.compile and model.fit", () => {
  const cases: [string, () => KerasLoss, number, "linear" | "sigmoid", () => tf.Tensor][] = [
    ["mseLossFactory", () => mseLossFactory(), 1, "linear", () => regressionTarget],
    ["huberLossFactory", () => huberLossFactory({ delta: 0.5 }), 1, "linear", () => regressionTarget],
    [
      "binaryCrossEntropyWithLogitsFactory",
      () => binaryCrossEntropyWithLogitsFactory({ posWeight: [2] }),
      1,
      "linear",
      () => binary,
    ],
    [
      "sigmoidFocalLossFactory",
      () => sigmoidFocalLossFactory({ gamma: 2, alpha: 0.25 }),
      1,
      "linear",
      () => binary,
    ],
    ["softDiceLossFactory", () => softDiceLossFactory({ smooth: 1 }), 1, "sigmoid", () => binary],
    [
      "crossEntropyFactory smoothed",
      () => crossEntropyFactory({ labelSmoothing: 0.1 }),
      3,
      "linear",
      () => oneHot,
    ],
    [
      "crossEntropyFactory one-hot, weighted",
      () => crossEntropyFactory({ weight: [1, 2, 1] }),
      3,
      "linear",
      () => oneHot,
    ],
    [
      "softmaxFocalLossFactory (one-hot targets become indices)",
      () => softmaxFocalLossFactory({ gamma: 2 }),
      3,
      "linear",
      () => oneHot,
    ],
  ];
  for (const [name, make, units, activation, y] of cases) {
    it(`${name} trains: the loss is finite and falls`, async () => {
      const losses = await fitLosses(make(), units, activation, y());
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! * 0.9);
    });
  }

  it("a factory's loss equals the direct loss with (input, target) swapped to Keras order", () => {
    const yPred = tf.tensor2d([[0.2], [-1.3], [2.5]]);
    const yTrue = tf.tensor2d([[1], [0], [1]]);
    const keras = binaryCrossEntropyWithLogitsFactory()(yTrue, yPred).dataSync()[0]!;
    // softplus(-0.2) + softplus(-1.3) - (-1.3)... computed directly: mean of max(x,0) - x t + log1p(e^-|x|)
    const direct = [0.2, -1.3, 2.5].map(
      (v, i) => Math.max(v, 0) - v * [1, 0, 1][i]! + Math.log1p(Math.exp(-Math.abs(v))),
    );
    expect(keras).toBeCloseTo(direct.reduce((a, b) => a + b) / 3, 5);
  });

  it("sparse factories accept class indices [N, 1] when called directly", () => {
    // tfjs-layers' fit() insists on targets of the output's shape; a custom loop may pass indices
    const yPred = tf.tensor2d([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const sparse = crossEntropyFactory()(tf.tensor2d([[0], [2]]), yPred).dataSync()[0]!;
    const focal = softmaxFocalLossFactory({ gamma: 0 })(tf.tensor2d([[0], [2]]), yPred).dataSync()[0]!;
    expect(sparse).toBeCloseTo(Math.log(3), 5);
    expect(focal).toBeCloseTo(Math.log(3), 5);
    expect(classes.shape).toEqual([n, 1]);
  });

  it("refuses reduction none, since Keras needs a scalar", () => {
    try {
      mseLossFactory({ reduction: "none" });
      expect.unreachable();
    } catch (error) {
      expect(isPlumblineError(error, "invalid_option")).toBe(true);
      expect((error as Error).message).toBe(
        'mseLoss: option `reduction` must not be "none" for a Keras loss (model.compile needs a scalar), got "none"',
      );
    }
  });
});
