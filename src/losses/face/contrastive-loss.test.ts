import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { checkGradient } from "../gradient-check.js";
import { centerLoss } from "./center-loss.js";
import { circleLoss, circleLossFactory } from "./circle-loss.js";
import { contrastiveLoss, contrastiveLossFactory } from "./contrastive-loss.js";

beforeAll(async () => {
  await useBackend("cpu");
});

describe("contrastiveLoss", () => {
  it("matches the hand-worked value", () => {
    // Pair 1: d = |[3, 4]| = 5, similar: 0.5·25 = 12.5. Pair 2: d = 5, dissimilar, m = 6: 0.5·1² = 0.5.
    // Pair 3: d = 5, dissimilar, m = 1: 0. Mean (12.5 + 0.5 + 0)/3 with m = 6 for all: pair 3 gives 0.5 too.
    const x1 = [
      [0, 0],
      [0, 0],
    ];
    const x2 = [
      [3, 4],
      [3, 4],
    ];
    expect(contrastiveLoss(x1, x2, [1, 0], { margin: 6, reduction: "none" }).arraySync()).toEqual([
      expect.closeTo(12.5, 5),
      expect.closeTo(0.5, 5),
    ]);
    expect(contrastiveLoss(x1, x2, [1, 0], { margin: 1, reduction: "sum" }).dataSync()[0]).toBeCloseTo(
      12.5,
      5,
    );
  });

  it("has a zero, finite gradient for coinciding dissimilar points", () => {
    const x = tf.tensor2d([[1, 1]]);
    const [g] = tf.grads((a: tf.Tensor) => contrastiveLoss(a, [[1, 1]], [0]))([x]);
    expect(Array.from(g!.dataSync())).toEqual([0, 0]);
  });

  it("has finite-difference-consistent gradients", () => {
    const a = tf.tensor2d([
      [0.1, 0.2],
      [0.5, -0.3],
    ]);
    const b = tf.tensor2d([
      [0.3, -0.1],
      [0.2, 0.1],
    ]);
    expect(
      checkGradient((x, y) => contrastiveLoss(x!, y!, [1, 0]), [a, b], { step: 1e-3 }).relativeError,
    ).toBeLessThan(2e-2);
  });

  it("works as a Keras loss with both embeddings side by side in yPred", () => {
    // Same pairs as the hand-worked case: [x1 | x2] = [0, 0 | 3, 4]; similar → 12.5.
    expect(
      contrastiveLossFactory({ margin: 6 })(tf.tensor1d([1]), tf.tensor2d([[0, 0, 3, 4]])).dataSync()[0],
    ).toBeCloseTo(12.5, 5);
  });

  it("releases every intermediate tensor, also for array inputs", () => {
    const before = tf.memory().numTensors;
    contrastiveLoss([[0, 0]], [[3, 4]], [1]).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects a `same` of the wrong length", () => {
    expect(() => contrastiveLoss([[0, 0]], [[1, 1]], [1, 0])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });
});

describe("centerLoss", () => {
  it("matches the hand-worked value", () => {
    // x = [1, 2] with center [0, 0]: 0.5·5 = 2.5; x = [3, 3] with center [3, 1]: 0.5·4 = 2. Mean 2.25.
    expect(
      centerLoss(
        [
          [1, 2],
          [3, 3],
        ],
        [0, 1],
        [
          [0, 0],
          [3, 1],
        ],
      ).dataSync()[0],
    ).toBeCloseTo(2.25, 5);
  });

  it("has gradient x - c per sample divided by N", () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 3],
    ]);
    const [g] = tf.grads((e: tf.Tensor) =>
      centerLoss(
        e,
        [0, 1],
        [
          [0, 0],
          [3, 1],
        ],
      ),
    )([x]);
    expect(Array.from(g!.dataSync())).toEqual([0.5, 1, 0, 1].map((v) => expect.closeTo(v, 6)));
  });

  it("rejects a label without a center", () => {
    expect(() => centerLoss([[1, 2]], [2], [[0, 0]])).toThrow(
      expect.objectContaining({
        code: "invalid_value",
        message: "centerLoss: `labels` must contain labels in [0, 1), got 2 at index 0",
      }),
    );
  });
});

describe("circleLoss", () => {
  it("matches the hand-worked value for one anchor pair", () => {
    // Three unit vectors: a = e1 (label 0), p = e1 (label 0), n = e2 (label 1). m = 0.25, γ = 1.
    // Anchor a: s_p = 1, α_p = [1.25 - 1]_+ = 0.25, logit_p = -1·0.25·(1 - 0.75) = -0.0625;
    //   s_n = 0, α_n = 0.25, logit_n = 0.25·(0 - 0.25) = -0.0625. L = softplus(-0.125).
    // Anchor p: the same. Anchor n: no positive → left out. Mean over 2 anchors = softplus(-0.125).
    const x = [
      [1, 0],
      [1, 0],
      [0, 1],
    ];
    const expected = Math.log1p(Math.exp(-0.125));
    expect(circleLoss(x, [0, 0, 1], { margin: 0.25, gamma: 1 }).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(
      circleLossFactory({ margin: 0.25, gamma: 1 })(tf.tensor1d([0, 0, 1]), tf.tensor2d(x)).dataSync()[0],
    ).toBeCloseTo(expected, 5);
  });

  it("stays finite with γ = 256, and a small step against its gradient lowers it", () => {
    // α_p, α_n are constants for the gradient (as in the paper), so finite differences of the
    // full function differ from it by design; the gradient must still be a descent direction.
    const x = tf.tensor2d([
      [0.1, 0.2, 0.3],
      [0.5, -0.3, 0.1],
      [0.9, 0.4, -0.2],
      [-0.6, 0.8, 0.5],
    ]);
    expect(Number.isFinite(circleLoss(x, [0, 0, 1, 1]).dataSync()[0]!)).toBe(true);
    const f = (e: tf.Tensor) => circleLoss(e, [0, 0, 1, 1], { gamma: 4 });
    const [g] = tf.grads(f)([x]);
    expect(Array.from(g!.dataSync()).every(Number.isFinite)).toBe(true);
    const stepped = tf.sub(x, tf.mul(g!, 1e-3));
    expect(f(stepped).dataSync()[0]!).toBeLessThan(f(x).dataSync()[0]!);
  });
});
