import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { checkGradient } from "../gradient-check.js";
import { minimumRiskTraining } from "./minimum-risk-training.js";
import { reinforceLoss } from "./reinforce-loss.js";
import { tokenCrossEntropy, tokenCrossEntropyFactory } from "./token-cross-entropy.js";

beforeAll(async () => {
  await useBackend("cpu");
});

describe("tokenCrossEntropy", () => {
  it("averages over real tokens only", () => {
    // Uniform logits over 4 tokens: each real token costs ln 4; padding (-100) is left out.
    const logits = tf.zeros([1, 3, 4]);
    expect(tokenCrossEntropy(logits, [[1, 2, -100]]).dataSync()[0]).toBeCloseTo(Math.log(4), 6);
    expect(tokenCrossEntropy(logits, [[1, 2, -100]], { reduction: "sum" }).dataSync()[0]).toBeCloseTo(
      2 * Math.log(4),
      6,
    );
    expect(Array.from(tokenCrossEntropy(logits, [[1, 2, -100]], { reduction: "none" }).dataSync())).toEqual([
      expect.closeTo(Math.log(4), 6),
      expect.closeTo(Math.log(4), 6),
      0,
    ]);
    // A padding mask works the same way.
    expect(
      tokenCrossEntropy(logits, [[1, 2, 3]], { mask: tf.tensor2d([[1, 1, 0]]) }).dataSync()[0],
    ).toBeCloseTo(Math.log(4), 6);
  });

  it("is NaN when every token is padding (as PyTorch) and finite for huge logits", () => {
    expect(Number.isNaN(tokenCrossEntropy(tf.zeros([1, 2, 3]), [[-100, -100]]).dataSync()[0]!)).toBe(true);
    expect(tokenCrossEntropy(tf.tensor3d([[[1e4, 0, 0]]]), [[1]]).dataSync()[0]).toBeCloseTo(1e4, 0);
  });

  it("has finite-difference-consistent gradients with label smoothing", () => {
    const logits = tf.tensor3d([
      [
        [0.2, -0.3, 0.5],
        [0.1, 0.4, -0.2],
      ],
    ]);
    expect(
      checkGradient((z) => tokenCrossEntropy(z!, [[2, 0]], { labelSmoothing: 0.1 }), [logits], { step: 1e-3 })
        .relativeError,
    ).toBeLessThan(2e-2);
  });

  it("works as a Keras loss and rejects out-of-vocabulary targets", () => {
    expect(tokenCrossEntropyFactory()(tf.tensor2d([[1, 2]]), tf.zeros([1, 2, 4])).dataSync()[0]).toBeCloseTo(
      Math.log(4),
      6,
    );
    expect(() => tokenCrossEntropy(tf.zeros([1, 2, 4]), [[1, 4]])).toThrow(
      expect.objectContaining({
        code: "invalid_value",
        message:
          "tokenCrossEntropy: `targets` must contain token ids in [0, 4) or ignoreIndex -100, got 4 at index 1",
      }),
    );
    expect(() => tokenCrossEntropy(tf.zeros([1, 2, 4]), [[1, 2, 3]])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });
});

describe("minimumRiskTraining", () => {
  const exactMatch = (candidate: string, reference: string) => (candidate === reference ? 1 : 0);

  it("is the Q-weighted expected cost", () => {
    // Two candidates with equal log-probabilities: Q = [0.5, 0.5]; costs 1 - [1, 0] = [0, 1]: risk 0.5.
    const loss = minimumRiskTraining({ metric: exactMatch, alpha: 1 });
    expect(loss(tf.tensor2d([[-1, -1]]), [["a b", "a c"]], ["a b"]).dataSync()[0]).toBeCloseTo(0.5, 6);
  });

  it("moves probability towards the better candidate", () => {
    const loss = minimumRiskTraining({ metric: exactMatch, alpha: 1 });
    const [g] = tf.grads((lp: tf.Tensor) => loss(lp, [["good", "bad"]], ["good"]))([tf.tensor2d([[-1, -1]])]);
    const [good, bad] = Array.from(g!.dataSync());
    expect(good!).toBeLessThan(0);
    expect(bad!).toBeGreaterThan(0);
  });

  it("accepts a cost directly and rejects non-finite scores", () => {
    const loss = minimumRiskTraining<string, string>({
      metric: (c) => c.length,
      direction: "lower",
      alpha: 1,
    });
    expect(loss(tf.tensor2d([[0, 0]]), [["ab", "abcd"]], ["x"]).dataSync()[0]).toBeCloseTo(3, 6);
    const broken = minimumRiskTraining<string, string>({ metric: () => Number.NaN });
    expect(() => broken(tf.tensor2d([[0]]), [["a"]], ["a"])).toThrow(
      expect.objectContaining({ code: "invalid_value" }),
    );
    expect(() => minimumRiskTraining({} as never)).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });
});

describe("reinforceLoss", () => {
  it("weights log-probabilities by the advantage over the baseline", () => {
    // Rewards [1, 0], mean baseline 0.5: advantages [0.5, -0.5]; loss mean(-(A·logp)) with logp [-1, -2]: (0.5 - 1)/2 = -0.25.
    const loss = reinforceLoss<string, string>({ reward: (s, r) => (s === r ? 1 : 0) });
    expect(loss(tf.tensor1d([-1, -2]), ["a", "b"], ["a", "a"]).dataSync()[0]).toBeCloseTo(-0.25, 6);
    const [g] = tf.grads((lp: tf.Tensor) => loss(lp, ["a", "b"], ["a", "a"]))([tf.tensor1d([-1, -2])]);
    expect(Array.from(g!.dataSync())).toEqual([expect.closeTo(-0.25, 6), expect.closeTo(0.25, 6)]);
  });

  it("supports a self-critical baseline function and checks its length", () => {
    const loss = reinforceLoss<string, string>({
      reward: (s, r) => (s === r ? 1 : 0),
      baseline: () => [1, 1],
    });
    expect(loss(tf.tensor1d([-1, -2]), ["a", "b"], ["a", "a"]).dataSync()[0]).toBeCloseTo(-1, 6);
    const bad = reinforceLoss<string, string>({ reward: () => 1, baseline: () => [1] });
    expect(() => bad(tf.tensor1d([-1, -2]), ["a", "b"], ["a", "a"])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });
});
