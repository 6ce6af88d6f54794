import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { checkGradient } from "../gradient-check.js";
import { elboLoss } from "./elbo-loss.js";
import { flowNllLoss } from "./flow-nll-loss.js";
import { ganDiscriminatorLoss, ganGeneratorLoss } from "./gan-loss.js";
import { gradientPenalty } from "./gradient-penalty.js";
import { perceptualLoss } from "./perceptual-loss.js";
import { reconstructionLoss, reconstructionLossFactory } from "./reconstruction-loss.js";
import { vaeKlLoss } from "./vae-kl-loss.js";

beforeAll(async () => {
  await useBackend("cpu");
});

describe("GAN losses", () => {
  it("match hand-worked values at logit 0", () => {
    // D(x) = sigmoid(0) = 0.5: minimax D loss = 2·ln 2; non-saturating G loss = ln 2; minimax G = -ln 2.
    // Hinge D: relu(1 - 0) + relu(1 + 0) = 2. LS D: 0.5·1 + 0 = 0.5. Wasserstein D: 0 - 0.
    const zero = [0, 0];
    expect(ganDiscriminatorLoss(zero, zero, { kind: "minimax" }).dataSync()[0]).toBeCloseTo(2 * Math.LN2, 6);
    expect(ganGeneratorLoss(zero).dataSync()[0]).toBeCloseTo(Math.LN2, 6);
    expect(ganGeneratorLoss(zero, { kind: "minimax" }).dataSync()[0]).toBeCloseTo(-Math.LN2, 6);
    expect(ganDiscriminatorLoss(zero, zero, { kind: "hinge" }).dataSync()[0]).toBeCloseTo(2, 6);
    expect(ganDiscriminatorLoss(zero, zero, { kind: "least_squares" }).dataSync()[0]).toBeCloseTo(0.5, 6);
    expect(ganDiscriminatorLoss(zero, zero, { kind: "wasserstein" }).dataSync()[0]).toBe(0);
  });

  it("stay finite for logits of ±1e4 (no sigmoid overflow)", () => {
    const extreme = [1e4, -1e4];
    for (const kind of ["minimax", "non_saturating", "hinge", "least_squares", "wasserstein"] as const) {
      expect(Number.isFinite(ganDiscriminatorLoss(extreme, extreme, { kind }).dataSync()[0]!)).toBe(true);
      expect(Number.isFinite(ganGeneratorLoss(extreme, { kind }).dataSync()[0]!)).toBe(true);
    }
    // Non-saturating generator loss at logit -1e4 is softplus(1e4) = 1e4, not Infinity.
    expect(ganGeneratorLoss([-1e4]).dataSync()[0]).toBeCloseTo(1e4, 0);
  });

  it("give real then fake terms with reduction none", () => {
    expect(ganDiscriminatorLoss([1, 2], [3], { kind: "wasserstein", reduction: "none" }).arraySync()).toEqual(
      [-1, -2, 3],
    );
  });

  it("reject an unknown kind", () => {
    expect(() => ganGeneratorLoss([0], { kind: "relativistic" as "hinge" })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
});

describe("vaeKlLoss and elboLoss", () => {
  it("KL is 0 at the prior and matches the hand-worked value", () => {
    expect(vaeKlLoss([[0, 0]], [[0, 0]]).dataSync()[0]).toBe(0);
    // mu = 1, logvar = 0: -0.5·(1 + 0 - 1 - 1) = 0.5 per dimension; two dimensions: 1.
    expect(vaeKlLoss([[1, 1]], [[0, 0]]).dataSync()[0]).toBeCloseTo(1, 6);
    expect(vaeKlLoss([[1, 1]], [[0, 0]], { reduction: "mean" }).dataSync()[0]).toBeCloseTo(0.5, 6);
  });

  it("ELBO adds β times the KL to the per-sample reconstruction sum", () => {
    // MSE reconstruction of [1, 2] by [0, 0]: 1 + 4 = 5; KL 1 (above); β = 2: 7.
    expect(
      elboLoss(tf.tensor2d([[0, 0]]), tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 1]]), tf.tensor2d([[0, 0]]), {
        reconstruction: "mse",
        beta: 2,
      }).dataSync()[0],
    ).toBeCloseTo(7, 5);
  });

  it("have finite-difference-consistent gradients", () => {
    const mu = tf.tensor2d([
      [0.3, -0.2],
      [0.1, 0.5],
    ]);
    const logvar = tf.tensor2d([
      [0.2, -0.4],
      [0.0, 0.3],
    ]);
    expect(
      checkGradient((m, l) => vaeKlLoss(m!, l!), [mu, logvar], { step: 1e-3 }).relativeError,
    ).toBeLessThan(2e-2);
  });
});

describe("reconstructionLoss", () => {
  it("BCE of probabilities clamps log(0) at -100 as PyTorch", () => {
    // p = 0 for target 1: -max(log 0, -100) = 100.
    expect(reconstructionLoss(tf.tensor1d([0]), tf.tensor1d([1]), { kind: "bce" }).dataSync()[0]).toBeCloseTo(
      100,
      4,
    );
  });

  it("BCE from logits equals BCE of their sigmoid and stays finite at ±100", () => {
    const z = tf.tensor1d([-2, 0.5, 3]);
    const y = tf.tensor1d([0, 1, 1]);
    expect(reconstructionLoss(z, y, { kind: "bce_logits" }).dataSync()[0]).toBeCloseTo(
      reconstructionLoss(tf.sigmoid(z), y, { kind: "bce" }).dataSync()[0]!,
      5,
    );
    expect(
      reconstructionLoss(tf.tensor1d([100, -100]), tf.tensor1d([0, 1]), {
        kind: "bce_logits",
        reduction: "sum",
      }).dataSync()[0],
    ).toBeCloseTo(200, 3);
  });

  it("works as a Keras loss", () => {
    expect(
      reconstructionLossFactory({ kind: "l1" })(tf.tensor2d([[1, 2]]), tf.tensor2d([[0, 0]])).dataSync()[0],
    ).toBeCloseTo(1.5, 6);
  });
});

describe("flowNllLoss", () => {
  it("matches the hand-worked value", () => {
    // z = 0 in 2 dims, logdet = 1: 0 + log(2π) - 1.
    expect(flowNllLoss(tf.tensor2d([[0, 0]]), tf.tensor1d([1])).dataSync()[0]).toBeCloseTo(
      Math.log(2 * Math.PI) - 1,
      5,
    );
  });

  it("rejects a logDet per sample mismatch", () => {
    expect(() => flowNllLoss(tf.zeros([2, 3]), tf.zeros([3]))).toThrow(
      expect.objectContaining({
        code: "shape_mismatch",
        message: "flowNllLoss: `logDet` must have one entry per sample (2), got 3",
      }),
    );
  });
});

describe("gradientPenalty", () => {
  it("is λ(|w| - 1)² for a linear critic, whatever the interpolation", () => {
    // critic(x) = x·w with w = [3, 4]: ∇ = w, |w| = 5: 10·(5 - 1)² = 160.
    const w = tf.tensor2d([[3], [4]]);
    const critic = (x: tf.Tensor) => tf.matMul(x, w);
    const value = gradientPenalty(
      critic,
      tf.tensor2d([
        [1, 2],
        [0, 1],
      ]),
      tf.tensor2d([
        [3, 1],
        [2, 2],
      ]),
      { seed: 1 },
    );
    expect(value.dataSync()[0]).toBeCloseTo(160, 3);
  });

  it("is differentiable with respect to the critic's weights (double backprop)", () => {
    // penalty(w) = λ(|w| - 1)²; d/dw = 2λ(|w| - 1)·w/|w| = 2·10·4·[3, 4]/5 = [48, 64].
    const w = tf.variable(tf.tensor2d([[3], [4]]));
    const { grads } = tf.variableGrads(
      () =>
        // The default reduction is a mean: a rank-0 tensor, typed as one for variableGrads.
        tf.squeeze<tf.Scalar>(
          gradientPenalty((x) => tf.matMul(x, w), tf.tensor2d([[1, 2]]), tf.tensor2d([[0, 1]]), {
            epsilon: tf.tensor1d([0.5]),
          }),
        ),
      [w],
    );
    expect(Array.from(grads[w.name]!.dataSync())).toEqual([expect.closeTo(48, 2), expect.closeTo(64, 2)]);
  });
});

describe("perceptualLoss", () => {
  it("compares feature maps and passes no gradient into the target branch", () => {
    // Features: [x, 2x]; MSE per map: mean((x - y)²) and mean((2x - 2y)²) = 4·that; weights [1, 0.5]: 3·mean((x - y)²).
    const extractor = (x: tf.Tensor) => [x, tf.mul(x, 2)];
    const x = tf.tensor2d([[1, 2]]);
    const y = tf.tensor2d([[0, 0]]);
    expect(perceptualLoss(x, y, extractor, { layerWeights: [1, 0.5] }).dataSync()[0]).toBeCloseTo(3 * 2.5, 5);
    const [, gy] = tf.grads((a: tf.Tensor, b: tf.Tensor) => perceptualLoss(a, b, extractor))([x, y]);
    expect(Array.from(gy!.dataSync())).toEqual([0, 0]);
  });

  it("rejects a layer-weight count that does not match", () => {
    expect(() =>
      perceptualLoss(tf.zeros([1, 2]), tf.zeros([1, 2]), (x) => [x], { layerWeights: [1, 2] }),
    ).toThrow(expect.objectContaining({ code: "invalid_option" }));
  });
});
