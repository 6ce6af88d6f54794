import * as tf from "@tensorflow/tfjs-core";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { checkGradient } from "../gradient-check.js";
import { tripletMarginLoss } from "./triplet-margin-loss.js";
import { tripletMiningLoss, tripletMiningLossFactory } from "./triplet-mining-loss.js";

beforeAll(async () => {
  await useBackend("cpu");
});

describe("tripletMarginLoss", () => {
  it("matches the hand-worked value", () => {
    // a = [0, 0], p = [3, 4] (d = 5), n = [6, 8] (d = 10), eps 0, margin 7: max(5 - 10 + 7, 0) = 2.
    // Second triplet: p = [0, 1] (d = 1), n = [0, 5] (d = 5): max(1 - 5 + 7, 0) = 3. Mean 2.5.
    const value = tripletMarginLoss(
      [
        [0, 0],
        [0, 0],
      ],
      [
        [3, 4],
        [0, 1],
      ],
      [
        [6, 8],
        [0, 5],
      ],
      { margin: 7, eps: 0 },
    );
    expect(value.dataSync()[0]).toBeCloseTo(2.5, 5);
  });

  it("uses the positive-negative distance with swap when it is smaller", () => {
    // a = [0, 0], p = [4, 0], n = [5, 0]: d(a,n) = 5, d(p,n) = 1 → swap uses 1: 4 - 1 + 1 = 4.
    const plain = tripletMarginLoss([[0, 0]], [[4, 0]], [[5, 0]], { eps: 0 }).dataSync()[0]!;
    const swapped = tripletMarginLoss([[0, 0]], [[4, 0]], [[5, 0]], { eps: 0, swap: true }).dataSync()[0]!;
    expect(plain).toBeCloseTo(0, 6);
    expect(swapped).toBeCloseTo(4, 5);
  });

  it("supports p = 1 and p = 3 with finite-difference-consistent gradients", () => {
    const a = tf.tensor2d([[0.1, 0.5, -0.2]]);
    const p = tf.tensor2d([[0.4, -0.1, 0.3]]);
    const n = tf.tensor2d([[0.2, 0.4, -0.1]]);
    for (const norm of [1, 2, 3]) {
      const check = checkGradient(
        (x, y, z) => tripletMarginLoss(x!, y!, z!, { p: norm, swap: true }),
        [a, p, n],
        { step: 1e-3 },
      );
      expect(check.relativeError).toBeLessThan(2e-2);
    }
  });

  it("has a finite gradient when anchor and positive coincide (eps 0)", () => {
    const a = tf.tensor2d([[1, 2]]);
    const [g] = tf.grads((x: tf.Tensor) => tripletMarginLoss(x, [[1, 2]], [[1, 2.5]], { eps: 0 }))([a]);
    expect(Array.from(g!.dataSync()).every(Number.isFinite)).toBe(true);
  });

  it("is invariant to permuting the triplets (mean) and non-negative", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.float({ min: -3, max: 3, noNaN: true }),
            fc.float({ min: -3, max: 3, noNaN: true }),
            fc.float({ min: -3, max: 3, noNaN: true }),
          ),
          { minLength: 2, maxLength: 6 },
        ),
        (rows) => {
          const a = rows.map((r) => [r[0], r[1]]);
          const p = rows.map((r) => [r[1], r[2]]);
          const n = rows.map((r) => [r[2], r[0]]);
          const value = tripletMarginLoss(a, p, n).dataSync()[0]!;
          const reversed = tripletMarginLoss(
            [...a].reverse(),
            [...p].reverse(),
            [...n].reverse(),
          ).dataSync()[0]!;
          expect(value).toBeGreaterThanOrEqual(0);
          expect(Math.abs(value - reversed)).toBeLessThan(1e-5 * Math.max(1, value));
        },
      ),
      { numRuns: 20 },
    );
  });

  it("rejects mismatched shapes and bad options", () => {
    expect(() => tripletMarginLoss([[0, 0]], [[0, 0, 0]], [[0, 0]])).toThrow(
      expect.objectContaining({
        code: "shape_mismatch",
        message: "tripletMarginLoss: `anchor` and `positive` must have the same shape, got [1, 2] and [1, 3]",
      }),
    );
    expect(() => tripletMarginLoss([[0, 0]], [[0, 0]], [[0, 0]], { p: 0.5 })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
    expect(() => tripletMarginLoss([], [], [])).toThrow(expect.objectContaining({ code: "empty_input" }));
  });
});

describe("tripletMiningLoss", () => {
  // Four points on a line: labels [0, 0, 1, 1] at x = 0, 1, 3, 6.
  const points = [[0], [1], [3], [6]];
  const labels = [0, 0, 1, 1];

  it("batch-hard matches the hand-worked value", () => {
    // Anchor 0: hardest positive 1 (d 1), nearest negative 3 (d 3): 1 - 3 + 1 = -1 → 0.
    // Anchor 1: positive d 1, negative d 2: 1 - 2 + 1 = 0.
    // Anchor 3 (x=3): positive d 3, negative nearest x=1 d 2: 3 - 2 + 1 = 2.
    // Anchor 6: positive d 3, negative x=1 d 5: 3 - 5 + 1 = -1 → 0. Mean over 4 anchors: 0.5.
    expect(tripletMiningLoss(points, labels, { margin: 1 }).dataSync()[0]).toBeCloseTo(0.5, 5);
    expect(
      Array.from(tripletMiningLoss(points, labels, { margin: 1, reduction: "none" }).dataSync()),
    ).toEqual([0, 0, 2, 0].map((v) => expect.closeTo(v, 5)));
  });

  it("batch-all averages over the positive triplets", () => {
    // Triplets (a, p, n) with loss 1 + d(a,p) - d(a,n): a=0: (1,3): 1+1-3<0, (1,6)<0.
    // a=1: (0,3): 1+1-2 = 0, (0,6) < 0. a=3: (6,0): 1+3-3 = 1, (6,1): 1+3-2 = 2.
    // a=6: (3,0): 1+3-6 < 0, (3,1): 1+3-5 < 0. Positive ones: 1 and 2 → mean 1.5, sum 3.
    expect(tripletMiningLoss(points, labels, { mining: "batch-all", margin: 1 }).dataSync()[0]).toBeCloseTo(
      1.5,
      5,
    );
    expect(
      tripletMiningLoss(points, labels, { mining: "batch-all", margin: 1, reduction: "sum" }).dataSync()[0],
    ).toBeCloseTo(3, 5);
  });

  it("has finite-difference-consistent gradients for both minings", () => {
    const x = tf.tensor2d([
      [0.1, 0.2],
      [0.5, -0.3],
      [0.9, 0.4],
      [-0.6, 0.8],
    ]);
    for (const mining of ["batch-hard", "batch-all"] as const) {
      expect(
        checkGradient((e) => tripletMiningLoss(e!, labels, { mining, margin: 0.5 }), [x], { step: 1e-3 })
          .relativeError,
      ).toBeLessThan(2e-2);
    }
  });

  it("gives 0 when no anchor has both a positive and a negative", () => {
    expect(tripletMiningLoss([[0], [1]], [0, 1]).dataSync()[0]).toBe(0);
  });

  it("works as a Keras loss (labels as yTrue)", () => {
    const loss = tripletMiningLossFactory({ margin: 1 });
    expect(loss(tf.tensor1d(labels), tf.tensor2d(points)).dataSync()[0]).toBeCloseTo(0.5, 5);
  });

  it("rejects non-integer labels and an unknown mining", () => {
    expect(() => tripletMiningLoss(points, [0, 0.5, 1, 1])).toThrow(
      expect.objectContaining({
        code: "invalid_value",
        message: "tripletMiningLoss: `labels` must contain integer identity labels, got 0.5 at index 1",
      }),
    );
    expect(() => tripletMiningLoss(points, labels, { mining: "semihard" as "batch-all" })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
});
