import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { berHuLoss } from "../depth/berhu-loss.js";
import { simSiamLoss } from "../face/simsiam-loss.js";
import { softmaxLoss } from "../face/softmax-loss.js";
import { checkGradient } from "../gradient-check.js";
import { minimumRiskTraining } from "../sequence/minimum-risk-training.js";
import { elboLoss } from "./elbo-loss.js";
import { flowNllLoss } from "./flow-nll-loss.js";
import { ganDiscriminatorLoss, ganGeneratorLoss } from "./gan-loss.js";
import { perceptualLoss } from "./perceptual-loss.js";
import { reconstructionLoss } from "./reconstruction-loss.js";

/**
 * Finite-difference checks for the losses whose own test files check values only. Points are
 * chosen away from the kinks of hinge, |·| and clamps.
 */
beforeAll(async () => {
  await useBackend("cpu");
});

const tolerance = 2e-2;
const matrix = (rows: number[][]) => tf.tensor2d(rows);

describe("finite differences agree with autodiff", () => {
  it("for the GAN losses of every kind", () => {
    const real = tf.tensor1d([0.7, -1.3, 2.1]);
    const fake = tf.tensor1d([-0.4, 1.6, -2.2]);
    for (const kind of ["minimax", "non_saturating", "hinge", "least_squares", "wasserstein"] as const) {
      expect(
        checkGradient((r, f) => ganDiscriminatorLoss(r!, f!, { kind }), [real, fake], { step: 1e-3 })
          .relativeError,
        kind,
      ).toBeLessThan(tolerance);
      expect(
        checkGradient((f) => ganGeneratorLoss(f!, { kind }), [fake], { step: 1e-3 }).relativeError,
        kind,
      ).toBeLessThan(tolerance);
    }
  });

  it("for the reconstruction losses, the ELBO and the flow NLL", () => {
    const x = matrix([
      [0.3, -0.7, 1.2],
      [0.9, 0.2, -0.4],
    ]);
    const p = matrix([
      [0.3, 0.7, 0.2],
      [0.9, 0.25, 0.6],
    ]);
    const y = matrix([
      [0.1, 0.4, 0.8],
      [1, 0, 0.5],
    ]);
    for (const kind of ["mse", "l1", "bce_logits"] as const) {
      expect(
        checkGradient((a) => reconstructionLoss(a!, y, { kind }), [x], { step: 1e-3 }).relativeError,
        kind,
      ).toBeLessThan(tolerance);
    }
    expect(
      checkGradient((a) => reconstructionLoss(a!, y, { kind: "bce" }), [p], { step: 1e-3 }).relativeError,
    ).toBeLessThan(tolerance);
    const mu = matrix([
      [0.2, -0.5],
      [0.4, 0.1],
    ]);
    const logvar = matrix([
      [0.1, -0.3],
      [0.2, 0.05],
    ]);
    expect(
      checkGradient((a, m, l) => elboLoss(a!, y, m!, l!, { beta: 0.5 }), [x, mu, logvar], { step: 1e-3 })
        .relativeError,
    ).toBeLessThan(tolerance);
    expect(
      checkGradient((z, d) => flowNllLoss(z!, d!), [x, tf.tensor1d([0.3, -0.2])], { step: 1e-3 })
        .relativeError,
    ).toBeLessThan(tolerance);
  });

  it("for the perceptual loss through a nonlinear extractor", () => {
    const w = matrix([
      [0.5, -0.2],
      [0.1, 0.4],
      [-0.3, 0.6],
    ]);
    const extractor = (images: tf.Tensor) => [tf.tanh(tf.matMul(images, w)), images];
    const x = matrix([[0.3, -0.7, 1.2]]);
    const y = matrix([[0.1, 0.4, 0.8]]);
    expect(
      checkGradient((a) => perceptualLoss(a!, y, extractor, { layerWeights: [1, 0.2] }), [x], { step: 1e-3 })
        .relativeError,
    ).toBeLessThan(tolerance);
  });

  it("for the softmax loss, SimSiam's predictor branch and BerHu with a fixed threshold", () => {
    const e = matrix([
      [0.3, -0.2],
      [0.1, 0.4],
    ]);
    const w = matrix([
      [0.2, -0.5, 0.3],
      [0.7, 0.1, -0.4],
    ]);
    expect(
      checkGradient((a, b) => softmaxLoss(a!, b!, [2, 0], { bias: [0.1, 0, -0.1] }), [e, w], { step: 1e-3 })
        .relativeError,
    ).toBeLessThan(tolerance);
    const z1 = matrix([
      [0.5, 0.1],
      [-0.2, 0.3],
    ]);
    const z2 = matrix([
      [0.4, -0.6],
      [0.2, 0.9],
    ]);
    expect(
      checkGradient(
        (p1, p2) => simSiamLoss(p1!, p2!, z1, z2),
        [
          e,
          matrix([
            [0.6, 0.2],
            [-0.1, 0.5],
          ]),
        ],
        { step: 1e-3 },
      ).relativeError,
    ).toBeLessThan(tolerance);
    expect(
      checkGradient(
        (a) => berHuLoss(a!, [0, 0, 0, 0], { threshold: 1 }),
        [tf.tensor1d([0.4, -0.6, 1.7, -2.5])],
        { step: 1e-3 },
      ).relativeError,
    ).toBeLessThan(tolerance);
  });

  it("for minimum risk training", () => {
    const loss = minimumRiskTraining<number, number>({
      metric: (c, r) => 1 / (1 + Math.abs(c - r)),
      alpha: 0.7,
    });
    const logp = matrix([
      [-1.2, -0.4, -2.0],
      [-0.3, -1.1, -0.9],
    ]);
    expect(
      checkGradient(
        (l) =>
          loss(
            l!,
            [
              [1, 2, 3],
              [4, 5, 6],
            ],
            [2, 6],
          ),
        [logp],
        { step: 1e-3 },
      ).relativeError,
    ).toBeLessThan(tolerance);
  });
});
