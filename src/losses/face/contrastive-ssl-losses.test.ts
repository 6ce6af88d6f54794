import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { checkGradient } from "../gradient-check.js";
import { barlowTwinsLoss } from "./barlow-twins-loss.js";
import { infoNceLoss } from "./info-nce-loss.js";
import { ntXentLoss } from "./nt-xent-loss.js";
import { simSiamLoss } from "./simsiam-loss.js";

beforeAll(async () => {
  await useBackend("cpu");
});

const a = [
  [1, 0],
  [0, 1],
];

describe("infoNceLoss", () => {
  it("matches the hand-worked value for orthogonal pairs", () => {
    // a = b = I: logits = I/τ. Each row: -log(e^{1/τ} / (e^{1/τ} + 1)) = softplus(-1/τ). τ = 0.5: softplus(-2).
    const expected = Math.log1p(Math.exp(-2));
    expect(infoNceLoss(a, a, { temperature: 0.5 }).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(infoNceLoss(a, a, { temperature: 0.5, symmetric: false }).dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it("is symmetric in its arguments when symmetric", () => {
    const x = [
      [0.3, 0.1, -0.2],
      [0.5, -0.4, 0.2],
      [-0.1, 0.7, 0.3],
    ];
    const y = [
      [0.2, 0.2, -0.1],
      [0.4, -0.1, 0.6],
      [0.1, 0.5, 0.2],
    ];
    expect(infoNceLoss(x, y).dataSync()[0]).toBeCloseTo(infoNceLoss(y, x).dataSync()[0]!, 5);
  });

  it("stays finite at τ = 1e-3 and has finite-difference-consistent gradients", () => {
    const x = tf.tensor2d([
      [0.3, 0.1],
      [0.5, -0.4],
      [-0.1, 0.7],
    ]);
    const y = tf.tensor2d([
      [0.2, 0.2],
      [0.4, -0.1],
      [0.1, 0.5],
    ]);
    expect(Number.isFinite(infoNceLoss(x, y, { temperature: 1e-3 }).dataSync()[0]!)).toBe(true);
    expect(
      checkGradient((p, q) => infoNceLoss(p!, q!, { temperature: 0.5 }), [x, y], { step: 1e-3 })
        .relativeError,
    ).toBeLessThan(2e-2);
  });

  it("rejects a non-positive temperature", () => {
    expect(() => infoNceLoss(a, a, { temperature: 0 })).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        message: "infoNceLoss: option `temperature` must be a finite number in (0, inf), got 0",
      }),
    );
  });
});

describe("ntXentLoss", () => {
  it("matches the hand-worked value for orthogonal pairs", () => {
    // Views z = [e1, e2, e1, e2]. For view 1: sims to others 0 (e2), 1 (its positive e1), 0 (e2).
    // ℓ = -log(e^{1/τ} / (e^{1/τ} + 2)) = log(1 + 2e^{-1/τ}); τ = 0.5 → log(1 + 2e^{-2}).
    expect(ntXentLoss(a, a, { temperature: 0.5 }).dataSync()[0]).toBeCloseTo(Math.log1p(2 * Math.exp(-2)), 5);
    expect(ntXentLoss(a, a, { reduction: "none" }).shape).toEqual([4]);
  });

  it("has finite-difference-consistent gradients", () => {
    const x = tf.tensor2d([
      [0.3, 0.1],
      [0.5, -0.4],
    ]);
    const y = tf.tensor2d([
      [0.2, 0.2],
      [0.4, -0.1],
    ]);
    expect(
      checkGradient((p, q) => ntXentLoss(p!, q!, { temperature: 0.5 }), [x, y], { step: 1e-3 }).relativeError,
    ).toBeLessThan(2e-2);
  });
});

describe("barlowTwinsLoss", () => {
  it("is 0 for identical views with decorrelated, standardised features", () => {
    // z = [[1, 1], [1, -1], [-1, 1], [-1, -1]]: mean 0, variance 1, features uncorrelated → C ≈ I·(1/(1+eps)).
    const z = [
      [1, 1],
      [1, -1],
      [-1, 1],
      [-1, -1],
    ];
    const c = 1 / Math.sqrt(1 + 1e-5) ** 2;
    expect(barlowTwinsLoss(z, z).dataSync()[0]).toBeCloseTo(2 * (1 - c) ** 2, 8);
  });

  it("penalises correlated features with λ and has finite-difference-consistent gradients", () => {
    // Two identical features: C = [[1, 1], [1, 1]] (up to eps): off-diagonal 2·λ·1.
    const z = [
      [1, 1],
      [-1, -1],
      [2, 2],
      [-2, -2],
    ];
    expect(barlowTwinsLoss(z, z, { lambda: 0.1 }).dataSync()[0]).toBeCloseTo(0.2, 3);
    const x = tf.tensor2d([
      [0.3, 0.1, 0.2],
      [0.5, -0.4, 0.1],
      [-0.1, 0.7, -0.3],
      [0.2, 0.2, 0.4],
    ]);
    const y = tf.tensor2d([
      [0.2, 0.2, -0.1],
      [0.4, -0.1, 0.3],
      [0.1, 0.5, 0.2],
      [-0.3, 0.1, 0.6],
    ]);
    expect(
      checkGradient((p, q) => barlowTwinsLoss(p!, q!, { lambda: 0.1 }), [x, y], { step: 1e-3 }).relativeError,
    ).toBeLessThan(3e-2);
  });

  it("needs two samples", () => {
    expect(() => barlowTwinsLoss([[1, 2]], [[1, 2]])).toThrow(
      expect.objectContaining({ code: "empty_input" }),
    );
  });
});

describe("simSiamLoss", () => {
  it("is -1 for aligned predictions and passes no gradient to the targets", () => {
    const p = tf.tensor2d([[1, 2]]);
    const z = tf.tensor2d([[2, 4]]);
    expect(simSiamLoss(p, p, z, z).dataSync()[0]).toBeCloseTo(-1, 6);
    const [gp, gz] = tf.grads((x: tf.Tensor, y: tf.Tensor) => simSiamLoss(x, x, y, y))([
      tf.tensor2d([[1, 0]]),
      tf.tensor2d([[0.5, 0.5]]),
    ]);
    expect(Array.from(gz!.dataSync())).toEqual([0, 0]);
    expect(Array.from(gp!.dataSync()).some((v) => v !== 0)).toBe(true);
  });
});
