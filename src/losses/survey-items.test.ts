/**
 * Behaviour of the survey items beyond their golden cases (survey-golden.test.ts): a tiny RBM
 * trained by contrastive divergence, WGAN weight clipping, the YOLOv1 parts, the monodepth
 * losses' edge cases, and their refusals.
 */
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { useBackend } from "../conformance/adapters/tf-backend.js";
import {
  clipWeights,
  contrastiveDivergenceLoss,
  leftRightConsistencyLoss,
  minimumReprojectionLoss,
  rbmFreeEnergy,
  sampleRows,
  yoloV1Loss,
} from "./index.js";

await useBackend("cpu");

describe("contrastiveDivergenceLoss", () => {
  it("trains a tiny RBM: the two data patterns end with the lowest free energy of all 16 patterns", () => {
    const data = tf.tensor2d([
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
    ]);
    const w = tf.variable(tf.randomNormal([4, 3], 0, 0.1, "float32", 5));
    const b = tf.variable(tf.zeros([4]));
    const c = tf.variable(tf.zeros([3]));
    const optimizer = tf.train.sgd(0.2);
    for (let step = 0; step < 300; step++)
      optimizer.minimize(() => contrastiveDivergenceLoss(data, w, b, c, { seed: step }) as tf.Scalar, false, [
        w,
        b,
        c,
      ]);
    const patterns = Array.from({ length: 16 }, (_, k) => [3, 2, 1, 0].map((bit) => (k >> bit) & 1));
    const energies = Array.from(rbmFreeEnergy(patterns, w, b, c).dataSync());
    const ranked = energies.map((e, k) => [e, k] as const).sort((p, q) => p[0] - q[0]);
    expect(new Set(ranked.slice(0, 2).map(([, k]) => k))).toEqual(new Set([0b1100, 0b0011]));
    tf.dispose([data, w, b, c]);
  });

  it("is reproducible for a seed, and refuses mismatched shapes and bad options", () => {
    const v = [[1, 0, 1]];
    const w = [
      [0.1, -0.2],
      [0.3, 0.1],
      [-0.1, 0.2],
    ];
    const a = contrastiveDivergenceLoss(v, w, [0, 0, 0], [0, 0], { seed: 3, steps: 2 }).dataSync()[0];
    expect(contrastiveDivergenceLoss(v, w, [0, 0, 0], [0, 0], { seed: 3, steps: 2 }).dataSync()[0]).toBe(a);
    expectError(() => contrastiveDivergenceLoss(v, w, [0, 0], [0, 0]), "shape_mismatch");
    expectError(() => contrastiveDivergenceLoss(v, w, [0, 0, 0], [0, 0], { steps: 0 }), "invalid_option");
  });
});

describe("clipWeights", () => {
  it("clips every variable to [-c, c] in place (WGAN)", () => {
    const a = tf.variable(tf.tensor1d([-0.5, 0.005, 0.2]));
    clipWeights([a]);
    expect(Array.from(a.dataSync())).toEqual([-0.01, 0.005, 0.01].map(Math.fround));
    clipWeights([a], { clipValue: 0.002 });
    expect(Array.from(a.dataSync())).toEqual([-0.002, 0.002, 0.002].map(Math.fround));
    expectError(() => clipWeights([tf.zeros([1]) as never]), "invalid_value");
    a.dispose();
  });
});

describe("yoloV1Loss", () => {
  const predictions = tf.fill([1, 2, 2, 2 * 5 + 2], 0.5);
  const target = tf.tensor4d([0.5, 0.5, 0.5, 0.5, 1, 1, 0, ...new Array(21).fill(0)], [1, 2, 2, 7]);
  it("returns its λ-weighted parts, which add up to the total", () => {
    const parts = yoloV1Loss({ predictions, target });
    const sum =
      parts.coordinates.dataSync()[0]! +
      parts.confidence.dataSync()[0]! +
      parts.classification.dataSync()[0]!;
    expect(parts.total.dataSync()[0]).toBeCloseTo(sum, 5);
    // both boxes of cell 0 equal the truth (IoU 1, the first is responsible): no coordinate error,
    // confidence (0.5 - 1)^2 + 0.5 (7 boxes with C = 0.5: 7 * 0.25), classes (0.5 - 1)^2 + 0.5^2
    expect(parts.coordinates.dataSync()[0]).toBeCloseTo(0, 6);
    expect(parts.confidence.dataSync()[0]).toBeCloseTo(0.25 + 0.5 * 7 * 0.25, 5);
    expect(parts.classification.dataSync()[0]).toBeCloseTo(0.5, 5);
  });

  it("refuses a wrong layout, unknown input fields and options", () => {
    expectError(() => yoloV1Loss({ predictions: tf.zeros([1, 2, 3, 12]), target }), "shape_mismatch");
    expectError(() => yoloV1Loss({ predictions, target: tf.zeros([1, 2, 2, 6]) }), "shape_mismatch");
    expectError(() => yoloV1Loss({ predictions, targets: target } as never), "invalid_value");
    expectError(() => yoloV1Loss({ predictions, target }, { lambdaNoobj: 1 } as never), "invalid_option");
  });
});

describe("monodepth losses", () => {
  it("sampleRows with zero offsets is the identity, and samples the zero padding past the border", () => {
    const image = tf.tensor4d([1, 2, 3, 4], [1, 1, 4, 1]);
    expect(Array.from(sampleRows(image, tf.zeros([1, 1, 4])).dataSync())).toEqual([1, 2, 3, 4]);
    expect(Array.from(sampleRows(image, tf.fill([1, 1, 4], 0.5)).dataSync())).toEqual([1.5, 2.5, 3.5, 2]);
    expect(Array.from(sampleRows(image, tf.fill([1, 1, 4], -10)).dataSync())).toEqual([0, 0, 0, 0]);
  });

  it("left-right consistency is 0 for consistent views and refuses bad shapes", () => {
    const flat = tf.zeros([1, 3, 5]);
    expect(leftRightConsistencyLoss(flat, flat).dataSync()[0]).toBe(0);
    expectError(() => leftRightConsistencyLoss(tf.zeros([3, 5]), tf.zeros([3, 5])), "shape_mismatch");
    expectError(() => leftRightConsistencyLoss(flat, tf.zeros([1, 3, 4])), "shape_mismatch");
  });

  it("minimum reprojection is 0 for a perfect warp, masks static pixels, and breaks ties reproducibly", () => {
    const target = tf.randomUniform([1, 4, 4, 3], 0, 1, "float32", 1);
    const bad = tf.randomUniform([1, 4, 4, 3], 0, 1, "float32", 2);
    expect(minimumReprojectionLoss(target, [target, bad], { identityNoise: 0 }).dataSync()[0]).toBeCloseTo(
      0,
      6,
    );
    // a source identical to the target: the identity error (0) wins everywhere, whatever the warp
    expect(
      minimumReprojectionLoss(target, [bad], { sources: [target], identityNoise: 0 }).dataSync()[0],
    ).toBeCloseTo(0, 6);
    const noisy = (seed: number) =>
      minimumReprojectionLoss(target, [bad], { sources: [bad], seed }).dataSync()[0];
    expect(noisy(4)).toBe(noisy(4));
    expectError(() => minimumReprojectionLoss(target, []), "empty_input");
    expectError(() => minimumReprojectionLoss(target, [bad], { sources: [] }), "invalid_option");
  });
});
