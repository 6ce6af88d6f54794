/**
 * Class weights, MGDA, PCGrad, coefficient-of-variations weighting and GradNorm against
 * test/data/golden/losses_weighting.json (scripts/golden/losses_weighting.py: scikit-learn, the
 * MGDA authors' MinNormSolver, the CoV-weighting authors' CoVWeightingLoss, torch
 * re-implementations of PCGrad and of GradNorm's update).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { balancedFocalAlpha, classWeights, positiveWeights } from "./class-weights.js";
import { CovWeighting } from "./cov-weighting.js";
import { GradNorm } from "./grad-norm.js";
import { Mgda, minNormWeights } from "./mgda.js";
import { pcgrad, projectConflictingGradients } from "./pcgrad.js";

await useBackend("cpu");

const golden = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../test/data/golden/losses_weighting.json", import.meta.url)),
    "utf8",
  ),
);

const close = (actual: ArrayLike<number>, expected: readonly number[], rtol: number, atol = 1e-12) => {
  expect(actual.length).toBe(expected.length);
  for (const [i, e] of expected.entries())
    expect(Math.abs(actual[i]! - e), `index ${i}: ${actual[i]} vs ${e}`).toBeLessThanOrEqual(
      atol + rtol * Math.abs(e),
    );
};

describe("classWeights and positiveWeights", () => {
  it("match scikit-learn's balanced weights, N / n_c, and Cui et al.'s effective-number weights", () => {
    for (const c of golden.class_weights.cases) {
      close(classWeights(c.labels), c.balanced, 1e-12);
      close(classWeights(c.labels, { scheme: "inverse-frequency" }), c.inverse_frequency, 1e-12);
      for (const [beta, expected] of Object.entries(c.effective_number as Record<string, number[]>))
        close(classWeights(c.labels, { scheme: "effective-number", beta: Number(beta) }), expected, 1e-9);
    }
  });

  it("gives PyTorch's pos_weight recipe per label column, and the balanced focal alpha", () => {
    close(
      positiveWeights(golden.class_weights.positive.target),
      golden.class_weights.positive.pos_weight,
      1e-12,
    );
    expect(positiveWeights([1, 0, 0, 0])).toEqual([3]);
    expect(balancedFocalAlpha([1, 0, 0, 0])).toBe(0.75);
  });

  it("refuses classes without samples, bad labels and unknown schemes with one-line messages", () => {
    expectError(
      () => classWeights([0, 0, 2]),
      "invalid_value",
      "classWeights: every class in [0, 3) needs at least one sample (its weight would be infinite), but class 1 has none",
    );
    expectError(() => classWeights([0, 1, 1e9]), "invalid_value");
    expectError(
      () => classWeights([0, 1.5]),
      "invalid_value",
      "classWeights: `labels` must contain non-negative integer class indices, got 1.5 at index 1",
    );
    expectError(() => classWeights([0, 1], { numClasses: 3 }), "invalid_value");
    expectError(() => classWeights([0, 1], { scheme: "balance" as never }), "invalid_option");
    expectError(() => classWeights([]), "empty_input");
    expectError(
      () => positiveWeights([0, 0]),
      "invalid_value",
      "positiveWeights: label column 0 has no positive sample (its weight would be infinite)",
    );
    expectError(() => positiveWeights([0, 2]), "invalid_value");
  });
});

describe("minNormWeights (MGDA)", () => {
  it("matches the authors' MinNormSolver.find_min_norm_element_FW, with every gradient normalisation", () => {
    for (const c of golden.mgda.cases) {
      const { weights, squaredNorm } = minNormWeights(c.gradients, {
        normalization: c.normalization,
        losses: c.losses,
      });
      close(weights, c.weights, 1e-9, 1e-12);
      close([squaredNorm], [c.squared_norm], 1e-9, 1e-12);
    }
  });

  it("weights sum to one and the combined direction does not increase any task to first order", () => {
    const gradients = [
      [1, 0.5, -0.2],
      [-0.3, 1, 0.1],
      [0.2, -0.4, 1],
    ];
    const { weights } = minNormWeights(gradients);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const d = [0, 1, 2].map((k) => gradients.reduce((s, g, t) => s + weights[t]! * g[k]!, 0));
    for (const g of gradients) expect(g.reduce((s, v, k) => s + v * d[k]!, 0)).toBeGreaterThanOrEqual(-1e-12);
  });

  it("Mgda weighs task losses from their gradients over shared variables", () => {
    const w = tf.variable(tf.tensor1d([0.5, -1]));
    const mgda = new Mgda();
    const { weights } = mgda.update([() => tf.sum(tf.square(tf.sub(w, 1))), () => tf.sum(tf.square(w))], [w]);
    // gradients 2(w - 1) = [-1, -4] and 2w = [1, -2]: the reference's closed form for two vectors
    close(
      weights,
      minNormWeights([
        [-1, -4],
        [1, -2],
      ]).weights,
      1e-6,
    );
    expect(mgda.combine([tf.scalar(2), tf.scalar(4)]).dataSync()[0]).toBeCloseTo(
      2 * weights[0]! + 4 * weights[1]!,
      5,
    );
    expectError(() => minNormWeights([[1, 2], [1]]), "shape_mismatch");
    expectError(() => minNormWeights([[1, 2]], { normalization: "loss" }), "invalid_option");
    w.dispose();
  });
});

describe("projectConflictingGradients (PCGrad)", () => {
  it("matches a torch re-implementation of Algorithm 1 (index order), summed or averaged", () => {
    for (const c of golden.pcgrad.cases)
      close(
        projectConflictingGradients(c.gradients, { order: "sequential", reduction: c.reduction }),
        c.merged,
        1e-12,
        1e-12,
      );
  });

  it("is the plain sum when no two gradients conflict, in any random order", () => {
    const gradients = [
      [1, 2, 0],
      [0.5, 0, 1],
      [0, 1, 1],
    ];
    for (const seed of [0, 1, 7]) close(projectConflictingGradients(gradients, { seed }), [1.5, 3, 2], 1e-12);
  });

  it("returns one gradient per variable for optimizer.applyGradients", () => {
    const a = tf.variable(tf.tensor1d([1, 0]), true, "pcgradA");
    const { grads, losses } = pcgrad(
      [() => tf.sum(tf.mul(a, tf.tensor1d([1, 0]))), () => tf.sum(tf.mul(a, tf.tensor1d([-1, 1])))],
      [a],
      { order: "sequential" },
    );
    close(grads.pcgradA!.dataSync(), [0.5, 1.5], 1e-6);
    expect(losses).toEqual([1, -1]);
    tf.dispose([a, ...Object.values(grads)]);
  });
});

describe("CovWeighting", () => {
  it("follows the authors' CoVWeightingLoss step by step (full and decaying means)", () => {
    for (const c of golden.cov_weighting.cases) {
      const cov = new CovWeighting({ numTasks: 3, meanSort: c.mean_sort, meanDecay: c.mean_decay });
      for (const [step, losses] of (c.losses as number[][]).entries())
        close(cov.update(losses), c.weights[step], 2e-6, 1e-7);
    }
  });

  it("combine reads the loss tensors and weighs them; bad losses are refused", () => {
    const cov = new CovWeighting({ numTasks: 2 });
    expect(cov.combine([tf.scalar(2), tf.scalar(4)]).dataSync()[0]).toBeCloseTo(3, 6);
    expectError(() => cov.update([1, 0]), "invalid_value");
    expectError(() => cov.update([1]), "shape_mismatch");
    expectError(() => new CovWeighting({ numTasks: 2, meanSort: "decaying" as never }), "invalid_option");
  });
});

describe("GradNorm", () => {
  it("matches a torch re-implementation of the paper's weight update over a short training run", () => {
    const g = golden.grad_norm;
    for (const c of g.cases) {
      const x = tf.tensor2d(g.x);
      const ys = g.y.map((y: number[]) => tf.tensor1d(y));
      const w = tf.variable(tf.tensor2d(g.w));
      const vs = g.v.map((v: number[]) => tf.variable(tf.tensor1d(v)));
      const taskLoss = (i: number) => () =>
        tf.tidy(
          () =>
            tf.mean(
              tf.square(
                tf.sub(tf.squeeze(tf.matMul(tf.tanh(tf.matMul(x, w)), tf.expandDims(vs[i], 1)), [1]), ys[i]),
              ),
            ) as tf.Scalar,
        );
      const gradNorm = new GradNorm({ numTasks: 2, alpha: c.alpha, learningRate: c.learning_rate });
      const sgd = tf.train.sgd(c.sgd_learning_rate);
      for (const step of c.history) {
        gradNorm.update([taskLoss(0), taskLoss(1)], [w]);
        close(gradNorm.weights(), step.weights, 1e-4, 1e-6);
        sgd.minimize(() => gradNorm.combine([taskLoss(0)(), taskLoss(1)()]), false, [w, ...vs]);
      }
      tf.dispose([x, ...ys, w, ...vs]);
    }
  });
});
