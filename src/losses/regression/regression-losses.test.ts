import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { attempt, scalar, seeded } from "../../../test/support/losses.js";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { isPlumblineError } from "../../core/errors.js";
import { checkGradient } from "../gradient-check.js";
import { gaussianNllLoss } from "./gaussian-nll-loss.js";
import { huberLoss } from "./huber-loss.js";
import { l1Loss } from "./l1-loss.js";
import { logCoshLoss } from "./log-cosh-loss.js";
import { mseLoss } from "./mse-loss.js";
import { poissonNllLoss } from "./poisson-nll-loss.js";
import { quantileLoss } from "./quantile-loss.js";
import { smoothL1Loss } from "./smooth-l1-loss.js";

await useBackend("cpu");

const value = scalar;

const rand = seeded(7);
// residuals kept away from the kinks (0, +-delta, +-beta) so finite differences are valid
const input = tf.tensor1d([0.3, -1.7, 2.4, 0.55, -0.35, 3.1]);
const target = tf.tensor1d([0.0, 0.1, -0.2, 1.3, 0.4, 0.2]);

describe("regression losses: hand-worked values", () => {
  it("mseLoss and l1Loss of residuals [1, -2]", () => {
    // residuals 1 and -2: MSE (1 + 4) / 2 = 2.5, L1 (1 + 2) / 2 = 1.5, sums 5 and 3
    expect(value(mseLoss([1, 0], [0, 2]))).toBeCloseTo(2.5, 6);
    expect(value(l1Loss([1, 0], [0, 2]))).toBeCloseTo(1.5, 6);
    expect(value(mseLoss([1, 0], [0, 2], { reduction: "sum" }))).toBeCloseTo(5, 6);
    expect(Array.from(l1Loss([1, 0], [0, 2], { reduction: "none" }).dataSync())).toEqual([1, 2]);
  });

  it("mseLoss multiplies per-element weights before the plain mean", () => {
    // (1 * 1 + 0.5 * 4) / 2 = 1.5
    expect(value(mseLoss([1, 0], [0, 2], { weights: [1, 0.5] }))).toBeCloseTo(1.5, 6);
  });

  it("huberLoss and smoothL1Loss on residuals [0.5, 3] with delta = beta = 2", () => {
    // Huber: 0.5 * 0.25 = 0.125; 2 * (3 - 1) = 4 -> mean 2.0625
    expect(value(huberLoss([0.5, 3], [0, 0], { delta: 2 }))).toBeCloseTo(2.0625, 6);
    // smooth L1 = Huber / beta: 0.0625 and 3 - 1 = 2 -> mean 1.03125
    expect(value(smoothL1Loss([0.5, 3], [0, 0], { beta: 2 }))).toBeCloseTo(1.03125, 6);
    // beta = 0 is L1
    expect(value(smoothL1Loss([0.5, 3], [0, 0], { beta: 0 }))).toBeCloseTo(1.75, 6);
  });

  it("logCoshLoss is log(cosh(1)) = 0.43378 and finite for residuals of 1000", () => {
    expect(value(logCoshLoss([1], [0]))).toBeCloseTo(Math.log(Math.cosh(1)), 5);
    // log cosh(1000) = 1000 - log 2 (cosh itself overflows)
    expect(value(logCoshLoss([1000], [0]))).toBeCloseTo(1000 - Math.LN2, 2);
  });

  it("quantileLoss weighs under-prediction by q and over-prediction by 1 - q", () => {
    // q = 0.9: under-prediction by 1 costs 0.9, over-prediction by 1 costs 0.1
    expect(value(quantileLoss([0], [1], { quantile: 0.9 }))).toBeCloseTo(0.9, 6);
    expect(value(quantileLoss([1], [0], { quantile: 0.9 }))).toBeCloseTo(0.1, 6);
  });

  it("poissonNllLoss with log input is exp(x) - y x", () => {
    // x = 0, y = 3: 1 - 0 = 1; x = log 2, y = 2: 2 - 2 log 2
    expect(value(poissonNllLoss([0, Math.log(2)], [3, 2], { reduction: "sum" }))).toBeCloseTo(
      1 + 2 - 2 * Math.log(2),
      5,
    );
  });

  it("gaussianNllLoss is 0.5 (log var + r^2 / var)", () => {
    // var = e, r = 1: 0.5 (1 + 1/e)
    expect(value(gaussianNllLoss([1], [0], [Math.E]))).toBeCloseTo(0.5 * (1 + 1 / Math.E), 5);
    // full adds 0.5 log(2 pi)
    expect(value(gaussianNllLoss([1], [0], [Math.E], { full: true }))).toBeCloseTo(
      0.5 * (1 + 1 / Math.E) + 0.5 * Math.log(2 * Math.PI),
      5,
    );
  });
});

describe("regression losses: gradients match finite differences", () => {
  const cases: [string, (x: tf.Tensor) => tf.Tensor][] = [
    ["mseLoss", (x) => mseLoss(x, target)],
    ["l1Loss", (x) => l1Loss(x, target)],
    ["huberLoss", (x) => huberLoss(x, target, { delta: 1 })],
    ["smoothL1Loss", (x) => smoothL1Loss(x, target, { beta: 0.5 })],
    ["logCoshLoss", (x) => logCoshLoss(x, target)],
    ["quantileLoss", (x) => quantileLoss(x, target, { quantile: 0.2 })],
    ["poissonNllLoss logInput", (x) => poissonNllLoss(x, tf.tensor1d([1, 0, 3, 2, 1, 5]))],
    [
      "poissonNllLoss rate full",
      (x) =>
        poissonNllLoss(tf.add(tf.abs(x), 0.5), tf.tensor1d([1, 0, 3, 2, 1, 5]), {
          logInput: false,
          full: true,
        }),
    ],
    ["gaussianNllLoss (mean)", (x) => gaussianNllLoss(x, target, tf.fill([6], 0.7))],
    [
      "gaussianNllLoss (variance)",
      (x) => gaussianNllLoss(target, tf.tensor1d([1, 2, 0, -1, 0.5, 0.3]), tf.add(tf.abs(x), 0.2)),
    ],
  ];
  for (const [name, f] of cases) {
    it(`${name}`, () => {
      const check = checkGradient(f, input);
      expect(
        check.worst,
        `${Array.from(check.analytic)} vs ${Array.from(check.numeric)}`,
      ).toBeLessThanOrEqual(1);
    });
  }

  it("gradients hold on random inputs too", () => {
    const x = tf.tensor1d(Array.from({ length: 12 }, () => rand() * 6 - 3));
    const y = tf.tensor1d(Array.from({ length: 12 }, () => rand() * 6 - 3));
    expect(checkGradient((t) => logCoshLoss(t, y), x).ok).toBe(true);
    expect(checkGradient((t) => mseLoss(t, y, { reduction: "sum" }), x).ok).toBe(true);
  });
});

describe("regression losses: subgradients and errors", () => {
  it("l1Loss has gradient 0 at a zero residual (PyTorch), not TensorFlow.js' -1", () => {
    const g = tf.grad((x: tf.Tensor) => l1Loss(x, [1, 1], { reduction: "sum" }))(tf.tensor1d([1, 2]));
    expect(Array.from(g.dataSync())).toEqual([0, 1]);
  });

  it("quantileLoss splits the gradient at a zero residual like torch.maximum", () => {
    // d/dx at r = 0 is -(q - 1/2) = 0.4 for q = 0.1
    const g = tf.grad((x: tf.Tensor) => quantileLoss(x, [1], { quantile: 0.1, reduction: "sum" }))(
      tf.tensor1d([1]),
    );
    expect(g.dataSync()[0]).toBeCloseTo(0.4, 6);
  });

  it("gaussianNllLoss clamps the variance but passes its gradient straight through", () => {
    const g = tf.grad((v: tf.Tensor) => gaussianNllLoss([0], [0], v, { eps: 0.5, reduction: "sum" }))(
      tf.tensor1d([0.1]),
    );
    // value uses var = 0.5; d/dvar of 0.5 log(var) at 0.5 = 1
    expect(g.dataSync()[0]).toBeCloseTo(1, 5);
  });

  it("rejects mismatched shapes, bad options and non-tensors with codes and messages", () => {
    const shape = attempt(() => mseLoss([1, 2], [1]));
    expect(isPlumblineError(shape, "shape_mismatch")).toBe(true);
    expect((shape as Error).message).toBe(
      "mseLoss: `input` and `target` must have the same shape, got [2] and [1]",
    );
    const reduction = attempt(() => l1Loss([1], [1], { reduction: "avg" as never }));
    expect(isPlumblineError(reduction, "invalid_option")).toBe(true);
    expect((reduction as Error).message).toBe(
      'l1Loss: option `reduction` must be one of "none", "mean", "sum", got "avg"',
    );
    const delta = attempt(() => huberLoss([1], [1], { delta: 0 }));
    expect((delta as Error).message).toBe(
      "huberLoss: option `delta` must be a finite number in (0, inf), got 0",
    );
    const q = attempt(() => quantileLoss([1], [1], { quantile: 1.5 }));
    expect(isPlumblineError(q, "invalid_option")).toBe(true);
    const bad = attempt(() => mseLoss("x" as never, [1]));
    expect(isPlumblineError(bad, "invalid_value")).toBe(true);
    expect((bad as Error).message).toBe(
      'mseLoss: `input` must be a tf.Tensor, a number or a (nested) numeric array, got "x"',
    );
  });

  it("does not leak tensors", () => {
    const before = tf.memory().numTensors;
    value(huberLoss(input, target));
    value(gaussianNllLoss(input, target, [1, 1, 1, 1, 1, 1]));
    expect(tf.memory().numTensors).toBe(before);
  });
});
