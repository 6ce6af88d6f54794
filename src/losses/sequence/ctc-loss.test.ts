import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { checkGradient } from "../gradient-check.js";
import { ctcLoss } from "./ctc-loss.js";

beforeAll(async () => {
  await useBackend("cpu");
});

const log = Math.log;

describe("ctcLoss", () => {
  it("matches hand-worked path sums", () => {
    // T = 1, classes {blank, a}, target "a": one path (a): P = 0.7.
    expect(ctcLoss([[log(0.3), log(0.7)]], [1], 1, 1, { reduction: "sum" }).dataSync()[0]).toBeCloseTo(
      -log(0.7),
      6,
    );
    // T = 2, p_t = [0.4, 0.6] both frames, target "a": paths aa, a-, -a: 0.36 + 0.24 + 0.24 = 0.84.
    const frame = [log(0.4), log(0.6)];
    expect(ctcLoss([frame, frame], [1], 2, 1, { reduction: "sum" }).dataSync()[0]).toBeCloseTo(-log(0.84), 6);
    // Target "aa" in 3 frames needs a blank between: only path a-a: 0.6·0.4·0.6 = 0.144.
    expect(ctcLoss([frame, frame, frame], [1, 1], 3, 2, { reduction: "sum" }).dataSync()[0]).toBeCloseTo(
      -log(0.144),
      5,
    );
  });

  it("divides by target lengths for mean and keeps per-sample losses for none", () => {
    const frame = [log(0.4), log(0.6)];
    const lp = tf.tensor3d([
      [frame, frame],
      [frame, frame],
      [frame, frame],
    ]);
    // Sample 0: target "a" over 3 frames; sample 1: empty target over 3 frames (all blanks: 0.4³).
    const none = ctcLoss(lp, [[1], [1]], [3, 3], [1, 0], { reduction: "none" }).dataSync();
    expect(none[1]).toBeCloseTo(-3 * log(0.4), 5);
    const mean = ctcLoss(lp, [[1], [1]], [3, 3], [1, 0]).dataSync()[0]!;
    expect(mean).toBeCloseTo((none[0]! / 1 + none[1]! / 1) / 2, 5);
  });

  it("gives Infinity (NaN gradient) for an impossible alignment, 0 with zeroInfinity", () => {
    const frame = [log(0.5), log(0.5)];
    const lp = tf.tensor3d([[frame], [frame]]);
    expect(ctcLoss(lp, [[1, 1]], [2], [2], { reduction: "none" }).dataSync()[0]).toBe(
      Number.POSITIVE_INFINITY,
    );
    const [g] = tf.grads((x: tf.Tensor) => ctcLoss(x, [[1, 1]], [2], [2], { reduction: "sum" }))([lp]);
    expect(Number.isNaN(g!.dataSync()[0]!)).toBe(true);
    const [z] = tf.grads((x: tf.Tensor) =>
      ctcLoss(x, [[1, 1]], [2], [2], { reduction: "sum", zeroInfinity: true }),
    )([lp]);
    expect(Array.from(z!.dataSync())).toEqual([0, 0, 0, 0]);
  });

  it("is exact for extremely peaked log-probabilities (the log-space fallback)", () => {
    // Frame 0 strongly prefers the blank (lp(a) = -1000), frame 1 prefers "a": one useful path, -a.
    const lp = [
      [0, -1000],
      [-1000, 0],
    ];
    expect(ctcLoss(lp, [1], 2, 1, { reduction: "sum" }).dataSync()[0]).toBeCloseTo(0, 5);
    // Only path aa-ish alignments through -1000 entries: target "a" with frames preferring blank.
    const blanks = [
      [0, -1000],
      [0, -1000],
    ];
    const value = ctcLoss(blanks, [1], 2, 1, { reduction: "sum" }).dataSync()[0]!;
    expect(value).toBeCloseTo(1000 - log(2), 2);
  });

  it("has the gradient of the loss through a log-softmax that finite differences give", () => {
    const logits = tf.tensor3d([
      [
        [0.2, -0.1, 0.4],
        [0.1, 0.3, -0.2],
      ],
      [
        [-0.3, 0.5, 0.1],
        [0.2, 0.2, 0.0],
      ],
      [
        [0.4, -0.2, 0.3],
        [-0.1, 0.1, 0.6],
      ],
      [
        [0.0, 0.3, -0.4],
        [0.5, -0.5, 0.2],
      ],
    ]);
    const f = (x: tf.Tensor) =>
      ctcLoss(
        tf.logSoftmax(x, -1),
        [
          [1, 2],
          [2, 0],
        ],
        [4, 3],
        [2, 1],
      );
    expect(checkGradient((x) => f(x!), [logits], { step: 1e-3 }).relativeError).toBeLessThan(2e-2);
  });

  it("releases every intermediate tensor, also for array inputs", () => {
    const before = tf.memory().numTensors;
    ctcLoss([[log(0.3), log(0.7)]], [1], 1, 1).dispose();
    const lp = tf.tensor3d([[[log(0.3), log(0.7)]]]);
    const after = tf.memory().numTensors;
    tf.dispose(tf.grads((x: tf.Tensor) => ctcLoss(x, [[1]], [1], [1]))([lp]));
    expect(tf.memory().numTensors).toBe(after);
    lp.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("accepts concatenated targets and a non-zero blank", () => {
    const frame = [log(0.6), log(0.4)];
    // blank = 1, target "0" over 2 frames: paths 00, 0b, b0: 0.36 + 0.24 + 0.24.
    expect(ctcLoss([frame, frame], [0], [2], [1], { blank: 1, reduction: "sum" }).dataSync()[0]).toBeCloseTo(
      -log(0.84),
      6,
    );
  });

  it("rejects blanks in targets, bad lengths and options with codes", () => {
    const lp = tf.zeros([3, 1, 2]);
    expect(() => ctcLoss(lp, [[0]], [3], [1])).toThrow(
      expect.objectContaining({
        code: "invalid_value",
        message:
          "ctcLoss: `targets` must contain class indices in [0, 2) other than the blank 0, got 0 at index 0",
      }),
    );
    expect(() => ctcLoss(lp, [[1]], [4], [1])).toThrow(
      expect.objectContaining({
        code: "invalid_value",
        message: "ctcLoss: `inputLengths` must contain integers in [1, 3], got 4 at index 0",
      }),
    );
    expect(() => ctcLoss(lp, [[1]], [3, 3], [1])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
    expect(() => ctcLoss(lp, [[1]], [3], [1], { blank: 2 })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
    expect(() => ctcLoss(tf.zeros([3]), [[1]], [3], [1])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });
});
