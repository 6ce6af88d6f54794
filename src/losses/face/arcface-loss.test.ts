import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { checkGradient } from "../gradient-check.js";
import { arcFaceLoss } from "./arcface-loss.js";
import { cosFaceLoss } from "./cosface-loss.js";
import { softmaxLoss } from "./softmax-loss.js";
import { sphereFaceLoss } from "./sphereface-loss.js";

beforeAll(async () => {
  await useBackend("cpu");
});

const emb = [
  [1, 0],
  [0.6, 0.8],
  [-0.3, 0.9],
];
const weight = [
  [1, 0, -1],
  [0, 1, 0],
];
const labels = [0, 1, 2];

describe("arcFaceLoss", () => {
  it("matches the hand-worked value for one sample", () => {
    // x = [1, 0], W columns e1, e2, -e1; y = 0. cos = [1, 0, -1] clamped to ±(1-1e-7).
    // Target logit s·cos(acos(1-1e-7) + m) ≈ s·cos(m); others s·0 and -s.
    // s = 2, m = 0.5: logits ≈ [2cos 0.5, 0, -2]; L = -log softmax[0].
    const s = 2;
    const m = 0.5;
    const theta = Math.acos(1 - 1e-7);
    const z = [s * Math.cos(theta + m), 0, -s * (1 - 1e-7)];
    const expected = -z[0]! + Math.log(z.reduce((a, v) => a + Math.exp(v), 0));
    const value = arcFaceLoss([[1, 0]], weight, [0], { scale: s, margin: m }).dataSync()[0]!;
    // float32 rounds the clamp bound 1 - 1e-7 to 1 - 1.19e-7, which moves θ by 5e-5.
    expect(value).toBeCloseTo(expected, 4);
  });

  it("equals CosFace and the normalised softmax at margin 0", () => {
    const a = arcFaceLoss(emb, weight, labels, { scale: 10, margin: 0 }).dataSync()[0]!;
    const c = cosFaceLoss(emb, weight, labels, { scale: 10, margin: 0 }).dataSync()[0]!;
    expect(a).toBeCloseTo(c, 5);
  });

  it("grows with the margin (the margin only penalises the target)", () => {
    const small = arcFaceLoss(emb, weight, labels, { scale: 16, margin: 0.1 }).dataSync()[0]!;
    const large = arcFaceLoss(emb, weight, labels, { scale: 16, margin: 0.5 }).dataSync()[0]!;
    expect(large).toBeGreaterThan(small);
  });

  it("has autodiff gradients that agree with finite differences", () => {
    const e = tf.tensor2d([
      [0.3, -0.2, 0.5],
      [0.1, 0.4, -0.3],
    ]);
    const w = tf.tensor2d([
      [0.2, -0.5],
      [0.7, 0.1],
      [-0.1, 0.3],
    ]);
    for (const options of [
      { scale: 4, margin: 0.3 },
      { scale: 4, margin: 0.3, easyMargin: true },
      { scale: 4, margin: 0.3, thresholdFallback: true },
    ]) {
      const check = checkGradient((a, b) => arcFaceLoss(a!, b!, [0, 1], options), [e, w], { step: 1e-3 });
      expect(check.relativeError).toBeLessThan(2e-2);
    }
  });

  it("stays finite for a zero embedding and for cosines at ±1 with scale 64", () => {
    const e = tf.tensor2d([
      [0, 0],
      [1, 0],
      [-1, 0],
    ]);
    const [gradE] = tf.grads((a: tf.Tensor) => arcFaceLoss(a, weight, [0, 0, 0], { scale: 64, margin: 0.5 }))(
      [e],
    );
    expect(Array.from(gradE!.dataSync()).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(arcFaceLoss(e, weight, [0, 0, 0], { scale: 64 }).dataSync()[0]!)).toBe(true);
  });

  it("gives per-sample losses with reduction none whose mean is the mean", () => {
    const none = arcFaceLoss(emb, weight, labels, { reduction: "none" }).dataSync();
    const mean = arcFaceLoss(emb, weight, labels).dataSync()[0]!;
    expect(none.length).toBe(3);
    expect((none[0]! + none[1]! + none[2]!) / 3).toBeCloseTo(mean, 4);
  });

  it("rejects bad shapes, labels and options with codes", () => {
    expect(() => arcFaceLoss([[1, 0, 0]], weight, [0])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
    expect(() => arcFaceLoss(emb, weight, [0, 1, 3])).toThrow(
      expect.objectContaining({
        code: "invalid_value",
        message: "arcFaceLoss: `labels` must contain labels in [0, 3), got 3 at index 2",
      }),
    );
    expect(() => arcFaceLoss(emb, weight, [0, 1])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
    expect(() => arcFaceLoss(emb, weight, labels, { scale: 0 })).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        message: "arcFaceLoss: option `scale` must be a finite number in (0, inf), got 0",
      }),
    );
    expect(() => arcFaceLoss(emb, weight, labels, { reduction: "avg" as "mean" })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
});

describe("cosFaceLoss", () => {
  it("matches the hand-worked value", () => {
    // x = [1, 0], y = 0: cos = [1-1e-7, 0, -(1-1e-7)], s = 2, m = 0.35.
    // logits = [2(1-1e-7-0.35), 0, -2(1-1e-7)]; L = log(Σ e^z) - z_0.
    const c = 1 - 1e-7;
    const z = [2 * (c - 0.35), 0, -2 * c];
    const expected = Math.log(z.reduce((a, v) => a + Math.exp(v), 0)) - z[0]!;
    expect(cosFaceLoss([[1, 0]], weight, [0], { scale: 2, margin: 0.35 }).dataSync()[0]!).toBeCloseTo(
      expected,
      5,
    );
  });

  it("has gradients that agree with finite differences", () => {
    const e = tf.tensor2d([
      [0.3, -0.2],
      [0.1, 0.4],
    ]);
    const w = tf.tensor2d([
      [0.2, -0.5, 0.3],
      [0.7, 0.1, -0.4],
    ]);
    expect(
      checkGradient((a, b) => cosFaceLoss(a!, b!, [2, 1], { scale: 4 }), [e, w], { step: 1e-3 })
        .relativeError,
    ).toBeLessThan(2e-2);
  });
});

describe("sphereFaceLoss", () => {
  it("equals the normalised-weight softmax scaled by |x| at margin 1", () => {
    // m = 1: ψ(θ) = cos θ, logits |x|·cos θ_j = x·w_j/|w_j|, i.e. softmax with unit-norm columns.
    const e = [
      [2, 1],
      [-1, 3],
    ];
    const unit = [
      [1, 0],
      [0, 1],
    ];
    const sphere = sphereFaceLoss(e, unit, [0, 1], { margin: 1 }).dataSync()[0]!;
    const softmax = softmaxLoss(e, unit, [0, 1]).dataSync()[0]!;
    expect(sphere).toBeCloseTo(softmax, 4);
  });

  it("is larger with margin 4 than with margin 1 and has finite-difference-consistent gradients", () => {
    expect(sphereFaceLoss(emb, weight, labels, { margin: 4 }).dataSync()[0]!).toBeGreaterThan(
      sphereFaceLoss(emb, weight, labels, { margin: 1 }).dataSync()[0]!,
    );
    const e = tf.tensor2d([
      [0.3, -0.2],
      [0.1, 0.4],
    ]);
    expect(
      checkGradient((a) => sphereFaceLoss(a!, weight, [0, 1], { margin: 2, lambda: 1 }), [e], { step: 1e-3 })
        .relativeError,
    ).toBeLessThan(2e-2);
  });

  it("rejects a non-integer margin", () => {
    expect(() => sphereFaceLoss(emb, weight, labels, { margin: 1.5 })).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        message: "sphereFaceLoss: option `margin` must be an integer in [1, 1000], got 1.5",
      }),
    );
  });
});

describe("softmaxLoss", () => {
  it("matches the hand-worked cross-entropy with a bias", () => {
    // x = [1, 0]: logits = [1, 0, -1] + [0, 1, 0] = [1, 1, -1]; y = 1 → log(2e + e^-1) - 1.
    const expected = Math.log(2 * Math.E + Math.exp(-1)) - 1;
    expect(softmaxLoss([[1, 0]], weight, [1], { bias: [0, 1, 0] }).dataSync()[0]!).toBeCloseTo(expected, 5);
  });

  it("stays finite for huge logits", () => {
    const value = softmaxLoss([[1e4, 0]], weight, [2]).dataSync()[0]!;
    expect(value).toBeCloseTo(2e4, -1);
  });

  it("rejects a bias of the wrong length", () => {
    expect(() => softmaxLoss(emb, weight, labels, { bias: [1, 2] })).toThrow(
      expect.objectContaining({
        code: "shape_mismatch",
        message: "softmaxLoss: option `bias` must have shape [3], got [2]",
      }),
    );
  });
});
