import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { checkGradient } from "../gradient-check.js";
import { berHuLoss, berHuLossFactory } from "./berhu-loss.js";
import { edgeAwareSmoothnessLoss } from "./edge-aware-smoothness-loss.js";
import { edgeLoss } from "./edge-loss.js";
import { photometricLoss } from "./photometric-loss.js";
import { scaleInvariantLogLoss } from "./scale-invariant-log-loss.js";
import { scaleShiftInvariantLoss } from "./scale-shift-invariant-loss.js";
import { ssimLoss } from "./ssim-loss.js";

beforeAll(async () => {
  await useBackend("cpu");
});

describe("berHuLoss", () => {
  it("matches the hand-worked value", () => {
    // Residuals [0.5, 1, 5]: c = 0.2·5 = 1. |0.5| and |1| are L1 (≤ c); 5 → (25 + 1)/2 = 13. Mean (0.5 + 1 + 13)/3.
    expect(berHuLoss([0.5, 1, 5], [0, 0, 0]).dataSync()[0]).toBeCloseTo(14.5 / 3, 5);
    expect(berHuLossFactory()(tf.tensor1d([0, 0, 0]), tf.tensor1d([0.5, 1, 5])).dataSync()[0]).toBeCloseTo(
      14.5 / 3,
      5,
    );
  });

  it("is 0 with a zero gradient when prediction equals target", () => {
    const x = tf.tensor1d([1, 2, 3]);
    const [g] = tf.grads((a: tf.Tensor) => berHuLoss(a, [1, 2, 3]))([x]);
    expect(berHuLoss(x, [1, 2, 3]).dataSync()[0]).toBe(0);
    expect(Array.from(g!.dataSync()).every((v) => v === 0)).toBe(true);
  });

  it("ignores masked pixels in the threshold and the mean", () => {
    // Residuals [1, 100] with the second masked: c = 0.2, |1| > c → (1 + 0.04)/0.4 = 2.6; mean over 1 valid pixel.
    expect(berHuLoss([1, 100], [0, 0], { mask: tf.tensor1d([1, 0]) }).dataSync()[0]).toBeCloseTo(2.6, 5);
  });

  it("rejects a bad threshold fraction", () => {
    expect(() => berHuLoss([1], [0], { thresholdFraction: 0 })).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        message: "berHuLoss: option `thresholdFraction` must be a finite number in (0, 1], got 0",
      }),
    );
  });
});

describe("scaleInvariantLogLoss", () => {
  it("is 0 for a prediction off by a global scale when λ = 1", () => {
    const target = tf.tensor2d([[1, 2, 3, 4]]);
    expect(scaleInvariantLogLoss(tf.mul(target, 3), target, { lambda: 1 }).dataSync()[0]).toBeCloseTo(0, 6);
  });

  it("matches the hand-worked value", () => {
    // d = log 2 - log 1 = ln 2 and 0: mean d² = ln²2/2, mean d = ln2/2; λ = 0.5: ln²2/2 - 0.5·ln²2/4 = 3ln²2/8.
    expect(scaleInvariantLogLoss(tf.tensor2d([[2, 1]]), tf.tensor2d([[1, 1]])).dataSync()[0]).toBeCloseTo(
      (3 * Math.LN2 ** 2) / 8,
      6,
    );
  });

  it("has finite-difference-consistent gradients with a mask", () => {
    const x = tf.tensor2d([
      [1.2, 0.8, 2.5],
      [3.1, 1.7, 0.9],
    ]);
    const y = tf.tensor2d([
      [1.0, 1.1, 2.0],
      [2.9, 2.0, 1.3],
    ]);
    const mask = tf.tensor2d([
      [1, 0, 1],
      [1, 1, 1],
    ]);
    expect(
      checkGradient((a) => scaleInvariantLogLoss(a!, y, { mask }), [x], { step: 1e-3 }).relativeError,
    ).toBeLessThan(2e-2);
  });
});

describe("scaleShiftInvariantLoss", () => {
  it("is 0 for an affine transform of the target", () => {
    const target = tf.tensor3d([
      [
        [1, 2, 3],
        [4, 5, 6],
        [2, 1, 0.5],
      ],
    ]);
    expect(scaleShiftInvariantLoss(tf.add(tf.mul(target, 0.3), 7), target).dataSync()[0]).toBeCloseTo(0, 4);
  });

  // Irregular values: with round numbers the aligned residual has exact ties, where |·| has a kink.
  it("has finite-difference-consistent gradients", () => {
    const x = tf.tensor3d([
      [
        [0.213, 0.547, 0.912],
        [0.418, 0.131, 0.706],
        [0.833, 0.291, 0.664],
      ],
    ]);
    const y = tf.tensor3d([
      [
        [1.07, 2.13, 2.58],
        [1.21, 0.37, 2.04],
        [2.93, 1.11, 1.79],
      ],
    ]);
    expect(
      checkGradient((a) => scaleShiftInvariantLoss(a!, y, { scales: 2 }), [x], { step: 1e-3 }).relativeError,
    ).toBeLessThan(3e-2);
  });
});

describe("ssimLoss and photometricLoss", () => {
  const data = Array.from({ length: 2 * 5 * 6 * 3 }, (_, i) => ((i * 37) % 101) / 101);
  let image: tf.Tensor4D;
  beforeAll(() => {
    image = tf.tensor4d(data, [2, 5, 6, 3]);
  });

  it("are 0 for identical images", () => {
    expect(ssimLoss(image, image).dataSync()[0]).toBeCloseTo(0, 5);
    expect(photometricLoss(image, image).dataSync()[0]).toBeCloseTo(0, 5);
  });

  it("give per-pixel maps with reduction none", () => {
    const other = tf.reverse(image, 2);
    expect(ssimLoss(image, other, { reduction: "none" }).shape).toEqual([2, 5, 6, 3]);
    expect(photometricLoss(image, other, { reduction: "none" }).shape).toEqual([2, 5, 6]);
    expect(ssimLoss(image, other, { reduction: "none", window: "gaussian", windowSize: 5 }).shape).toEqual([
      2, 1, 2, 3,
    ]);
  });

  it("have finite-difference-consistent gradients (reflect padding included)", () => {
    const a = tf.tensor4d(
      Array.from({ length: 4 * 5 }, (_, i) => ((i * 13) % 17) / 17),
      [1, 4, 5, 1],
    );
    const b = tf.tensor4d(
      Array.from({ length: 4 * 5 }, (_, i) => ((i * 7) % 11) / 11),
      [1, 4, 5, 1],
    );
    expect(checkGradient((x) => ssimLoss(x!, b), [a], { step: 1e-3 }).relativeError).toBeLessThan(3e-2);
    expect(checkGradient((x) => photometricLoss(x!, b), [a], { step: 1e-3 }).relativeError).toBeLessThan(
      3e-2,
    );
  });

  it("rejects an even window and too small images", () => {
    expect(() => ssimLoss(image, image, { windowSize: 4 })).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        message: "ssimLoss: option `windowSize` must be odd, got 4",
      }),
    );
    expect(() => ssimLoss(image, image, { window: "gaussian" })).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });
});

describe("edgeAwareSmoothnessLoss", () => {
  it("is 0 for a constant disparity and damped across image edges", () => {
    const flatImage = tf.zeros([1, 3, 4, 3]);
    expect(edgeAwareSmoothnessLoss(tf.ones([1, 3, 4]), flatImage).dataSync()[0]).toBeCloseTo(0, 6);
    // A disparity step at the same place as an image edge costs less than on a flat image.
    const disparity = tf.tensor3d([
      [
        [1, 1, 2, 2],
        [1, 1, 2, 2],
        [1, 1, 2, 2],
      ],
    ]);
    const edge = tf.tile(tf.reshape(tf.tensor1d([0, 0, 1, 1]), [1, 1, 4, 1]), [1, 3, 1, 3]);
    const onEdge = edgeAwareSmoothnessLoss(disparity, edge).dataSync()[0]!;
    const onFlat = edgeAwareSmoothnessLoss(disparity, flatImage).dataSync()[0]!;
    expect(onEdge).toBeLessThan(onFlat);
    // Flat image: normalised disparity d/1.5, one step of 1/1.5 in each of 3 rows over 3·3 x-differences; no y-differences.
    expect(onFlat).toBeCloseTo(((1 / 1.5) * 3) / 9, 5);
  });

  it("has finite-difference-consistent gradients", () => {
    const d = tf.tensor3d([
      [
        [0.5, 0.9, 0.3],
        [0.6, 0.2, 0.8],
        [0.4, 0.7, 0.1],
      ],
    ]);
    const img = tf.tensor4d(
      Array.from({ length: 9 }, (_, i) => ((i * 5) % 7) / 7),
      [1, 3, 3, 1],
    );
    expect(
      checkGradient((x) => edgeAwareSmoothnessLoss(x!, img), [d], { step: 1e-3 }).relativeError,
    ).toBeLessThan(3e-2);
  });
});

describe("edgeLoss", () => {
  it("is 0 for equal edges at any offset, and counts a blurred step once per difference (hand-worked)", () => {
    const target = tf.tensor3d([[[1, 1, 5, 5]]]);
    expect(edgeLoss(tf.add(target, 3), target).dataSync()[0]).toBe(0);
    // prediction [1, 3, 3, 5]: dx = [2, 0, 2] against [0, 4, 0] -> (2 + 4 + 2) / 4 pixels
    expect(edgeLoss(tf.tensor3d([[[1, 3, 3, 5]]]), target).dataSync()[0]).toBe(2);
    // NHWC with channels: divides by H·W·C
    const twoChannels = edgeLoss(tf.tensor4d([0, 0, 2, 0], [1, 1, 2, 2]), tf.zeros([1, 1, 2, 2]));
    expect(twoChannels.dataSync()[0]).toBe(0.5);
  });

  it("refuses mismatched shapes, wrong ranks, empty maps and bad options", () => {
    expectError(() => edgeLoss(tf.zeros([1, 2, 2]), tf.zeros([1, 2, 3])), "shape_mismatch");
    expectError(
      () => edgeLoss(tf.zeros([4]), tf.zeros([4])),
      "shape_mismatch",
      "edgeLoss: `input` must have rank 3 or 4 ([batch, height, width] or [batch, height, width, channels]), got shape [4]",
    );
    expectError(() => edgeLoss(tf.zeros([0, 2, 2]), tf.zeros([0, 2, 2])), "empty_input");
    expectError(
      () => edgeLoss(tf.zeros([1, 2, 2]), tf.zeros([1, 2, 2]), { reduction: "avg" as never }),
      "invalid_option",
    );
  });
});
