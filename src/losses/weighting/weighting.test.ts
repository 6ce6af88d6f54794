import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { seeded } from "../../../test/support/losses.js";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { isPlumblineError } from "../../core/errors.js";
import { mseLoss } from "../regression/mse-loss.js";
import { DynamicWeightAverage } from "./dynamic-weight-average.js";
import { GradNorm } from "./grad-norm.js";
import { UncertaintyWeighting } from "./uncertainty-weighting.js";
import { weightedSum } from "./weighted-sum.js";

await useBackend("cpu");

/** Standard normal draws (Box-Muller) from a seeded uniform source. */
function normals(rand: () => number, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return out;
}

/**
 * Toy two-task regression (as in the papers' toy examples): a shared layer W [4, 8] and one
 * linear head per task; task targets are linear in x plus noise of standard deviation noise[i],
 * scaled by scale[i].
 */
function toyProblem(seed: number, noise: [number, number], scale: [number, number]) {
  const rand = seeded(seed);
  const n = 256;
  const x = tf.tensor2d(normals(rand, n * 4), [n, 4]);
  const targets = [0, 1].map((i) => {
    const b = tf.tensor2d(normals(rand, 4), [4, 1]);
    const e = tf.tensor2d(normals(rand, n), [n, 1]);
    return tf.tidy(() => tf.mul(tf.add(tf.matMul(x, b), tf.mul(e, noise[i]!)), scale[i]!));
  });
  const shared = tf.variable(
    tf.tensor2d(
      normals(rand, 32).map((v) => v * 0.3),
      [4, 8],
    ),
  );
  const heads = [0, 1].map(() =>
    tf.variable(
      tf.tensor2d(
        normals(rand, 8).map((v) => v * 0.3),
        [8, 1],
      ),
    ),
  );
  const taskLoss = (i: number) => () =>
    tf.tidy(() => mseLoss(tf.matMul(tf.matMul(x, shared), heads[i]!), targets[i]!) as tf.Scalar);
  return { shared, heads, taskLoss, variables: [shared, ...heads] };
}

describe("weightedSum", () => {
  it("adds weighted losses", () => {
    // 2 * 1 + 0.5 * 4 = 4
    expect(weightedSum([tf.scalar(1), tf.scalar(4)], [2, 0.5]).dataSync()[0]).toBeCloseTo(4, 6);
    expect(weightedSum([tf.scalar(1), tf.scalar(4)]).dataSync()[0]).toBeCloseTo(5, 6);
  });

  it("rejects mismatched weights and empty lists", () => {
    try {
      weightedSum([tf.scalar(1)], [1, 2]);
      expect.unreachable();
    } catch (error) {
      expect(isPlumblineError(error, "shape_mismatch")).toBe(true);
      expect((error as Error).message).toBe("weightedSum: `weights` must have one entry per loss (1), got 2");
    }
    expect(() => weightedSum([])).toThrow("weightedSum: `losses` must not be empty, got 0 elements");
  });
});

describe("UncertaintyWeighting (Kendall, Gal & Cipolla 2018)", () => {
  it("learns a larger variance, hence a smaller weight, for the noisier task, with exp(s) near its loss", () => {
    const toy = toyProblem(11, [0.1, 1.5], [1, 1]);
    const uw = new UncertaintyWeighting({ numTasks: 2 });
    const optimizer = tf.train.adam(0.05);
    for (let step = 0; step < 400; step++) {
      optimizer.minimize(() => uw.combine([toy.taskLoss(0)(), toy.taskLoss(1)()]), false, [
        ...toy.variables,
        uw.logVariances,
      ]);
    }
    const s = Array.from(uw.logVariances.dataSync());
    const losses = [0, 1].map((i) => toy.taskLoss(i)().dataSync()[0]!);
    const [w0, w1] = uw.weights() as [number, number];
    expect(s[1]!).toBeGreaterThan(s[0]!);
    expect(w0).toBeGreaterThan(5 * w1);
    // stationary point of 0.5 e^{-s} L + 0.5 s: e^s = L
    for (let i = 0; i < 2; i++) expect(Math.exp(s[i]!) / losses[i]!).toBeGreaterThan(0.7);
    for (let i = 0; i < 2; i++) expect(Math.exp(s[i]!) / losses[i]!).toBeLessThan(1.4);
  });

  it("classification tasks use 1/sigma^2 and the value is sum c e^{-s} L + s/2", () => {
    const uw = new UncertaintyWeighting({
      numTasks: 2,
      taskTypes: ["regression", "classification"],
      initialLogVariance: Math.log(2),
    });
    // 0.5 * 0.5 * 4 + 0.5 log 2 + 1 * 0.5 * 4 + 0.5 log 2 = 1 + 2 + log 2
    expect(uw.combine([tf.scalar(4), tf.scalar(4)]).dataSync()[0]).toBeCloseTo(3 + Math.log(2), 5);
    expect(uw.weights()[1]).toBeCloseTo(0.5, 6);
  });
});

describe("GradNorm (Chen et al. 2018)", () => {
  it("lowers the weight of the task with the larger gradients and equalises the weighted gradient norms", () => {
    // Task 1's targets are 5x larger (the paper's sigma_i scales): its gradients dominate.
    const toy = toyProblem(5, [0.1, 0.1], [1, 5]);
    const gn = new GradNorm({ numTasks: 2, alpha: 0.5, learningRate: 0.025 });
    const optimizer = tf.train.sgd(0.01);
    let first: number[] | undefined;
    let last: number[] = [];
    // 30 steps: long enough for the weights to move, short of the noise floor where gradients vanish
    for (let step = 0; step < 30; step++) {
      const measured = gn.update([toy.taskLoss(0), toy.taskLoss(1)], [toy.shared]);
      first ??= measured.gradNorms;
      last = measured.gradNorms;
      optimizer.minimize(() => gn.combine([toy.taskLoss(0)(), toy.taskLoss(1)()]), false, toy.variables);
    }
    const [w0, w1] = gn.weights() as [number, number];
    expect(w0 + w1).toBeCloseTo(2, 6);
    expect(w1).toBeLessThan(w0);
    const imbalance = (g: number[]) => Math.max(g[0]! / g[1]!, g[1]! / g[0]!);
    expect(imbalance(first!)).toBeGreaterThan(3);
    expect(imbalance(last)).toBeLessThan(1.5);
  });

  it("raises the weight of the task that trains more slowly", () => {
    const gn = new GradNorm({ numTasks: 2, alpha: 1.5, learningRate: 0.1 });
    const shared = tf.variable(tf.tensor1d([1, 1]));
    // equal gradient norms (2 * w each), but task 1's loss stays high relative to its start
    let scale1 = 1;
    for (let step = 0; step < 20; step++) {
      gn.update(
        [
          () => tf.sum(tf.square(shared)) as tf.Scalar,
          () => tf.mul(tf.sum(tf.square(shared)), scale1) as tf.Scalar,
        ],
        [shared],
      );
      scale1 = 1.5; // task 1 "got worse": L/L0 = 1.5 vs 1
    }
    const [w0, w1] = gn.weights() as [number, number];
    expect(w1).toBeGreaterThan(w0);
  });
});

describe("DynamicWeightAverage (Liu, Johns & Davison 2019)", () => {
  it("keeps weights at 1 for two epochs, then favours the task whose loss falls more slowly", () => {
    const dwa = new DynamicWeightAverage({ numTasks: 2, temperature: 2 });
    expect(dwa.endEpoch([1, 1])).toEqual([1, 1]);
    const after2 = dwa.endEpoch([0.5, 0.95]);
    // r = [0.5, 0.95]: w = 2 softmax(r / 2)
    const e0 = Math.exp(0.25);
    const e1 = Math.exp(0.475);
    expect(after2[0]).toBeCloseTo((2 * e0) / (e0 + e1), 6);
    expect(after2[1]).toBeCloseTo((2 * e1) / (e0 + e1), 6);
    expect(after2[1]!).toBeGreaterThan(after2[0]!);
  });

  it("on the toy problem, the noise-limited task (loss plateaus) gets the larger weight", () => {
    const toy = toyProblem(3, [0.05, 2], [1, 1]);
    const dwa = new DynamicWeightAverage({ numTasks: 2 });
    const optimizer = tf.train.sgd(0.02);
    let weights: number[] = [1, 1];
    for (let epoch = 0; epoch < 6; epoch++) {
      const sums = [0, 0];
      for (let step = 0; step < 20; step++) {
        optimizer.minimize(
          () => {
            const losses = [toy.taskLoss(0)(), toy.taskLoss(1)()];
            losses.forEach((l, i) => {
              sums[i]! += l.dataSync()[0]!;
            });
            return dwa.combine(losses);
          },
          false,
          toy.variables,
        );
      }
      weights = dwa.endEpoch(sums.map((s) => s / 20));
    }
    expect(weights[0]! + weights[1]!).toBeCloseTo(2, 6);
    expect(weights[1]!).toBeGreaterThan(weights[0]!);
  });

  it("rejects non-positive losses", () => {
    const dwa = new DynamicWeightAverage({ numTasks: 2 });
    expect(() => dwa.endEpoch([1, 0])).toThrow(
      "DynamicWeightAverage.endEpoch: `losses` must be finite and > 0, got 0 at index 1",
    );
  });
});
