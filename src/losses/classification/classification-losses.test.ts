import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { attempt, scalar } from "../../../test/support/losses.js";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { isPlumblineError } from "../../core/errors.js";
import { checkGradient } from "../gradient-check.js";
import { binaryCrossEntropy } from "./binary-cross-entropy.js";
import { binaryCrossEntropyWithLogits } from "./binary-cross-entropy-with-logits.js";
import { cosineEmbeddingLoss } from "./cosine-embedding-loss.js";
import { crossEntropy } from "./cross-entropy.js";
import { hingeEmbeddingLoss } from "./hinge-embedding-loss.js";
import { hingeLoss, squaredHingeLoss } from "./hinge-loss.js";
import { klDiv } from "./kl-div.js";
import { marginRankingLoss } from "./margin-ranking-loss.js";
import { multiMarginLoss } from "./multi-margin-loss.js";
import { multilabelSoftMarginLoss } from "./multilabel-soft-margin-loss.js";
import { nllLoss } from "./nll-loss.js";
import { poly1Loss } from "./poly1-loss.js";
import { sigmoidFocalLoss } from "./sigmoid-focal-loss.js";
import { softMarginLoss } from "./soft-margin-loss.js";
import { softmaxFocalLoss } from "./softmax-focal-loss.js";

await useBackend("cpu");

const logits = tf.tensor2d([
  [1.2, -0.3, 0.4],
  [-0.8, 0.9, 0.1],
  [0.3, 0.2, -1.1],
  [2.0, -1.5, 0.6],
]);
const labels = tf.tensor1d([0, 1, 2, 2], "int32");
const binaryTargets = tf.tensor2d([
  [1, 0, 1],
  [0, 0, 1],
  [1, 1, 0],
  [0, 1, 0],
]);
const ln = Math.log;

describe("classification losses: hand-worked values", () => {
  it("crossEntropy of uniform logits is log C, and weighted mean divides by the target weights", () => {
    // zero logits: every row costs log 3
    expect(scalar(crossEntropy(tf.zeros([2, 3]), [0, 2]))).toBeCloseTo(ln(3), 5);
    // weights [1, 2, 3], targets 0 and 2: (1 log 3 + 3 log 3) / (1 + 3) = log 3; sum is 4 log 3
    expect(scalar(crossEntropy(tf.zeros([2, 3]), [0, 2], { weight: [1, 2, 3] }))).toBeCloseTo(ln(3), 5);
    expect(
      scalar(crossEntropy(tf.zeros([2, 3]), [0, 2], { weight: [1, 2, 3], reduction: "sum" })),
    ).toBeCloseTo(4 * ln(3), 5);
  });

  it("crossEntropy leaves ignored targets out of the mean, and is NaN when all are ignored", () => {
    // row 0: logits [0, log 3] target 1 -> -log(3/4); row 1 ignored
    const x = tf.tensor2d([
      [0, ln(3)],
      [5, -5],
    ]);
    expect(scalar(crossEntropy(x, [1, -100]))).toBeCloseTo(-ln(0.75), 5);
    expect(Number.isNaN(scalar(crossEntropy(x, [-100, -100])))).toBe(true);
  });

  it("crossEntropy label smoothing mixes in the uniform distribution", () => {
    // logits [0, log 3]: log p = [log 1/4, log 3/4]; target 1, e = 0.2:
    // 0.8 * (-log 3/4) + 0.2/2 * (-(log 1/4 + log 3/4))
    const x = tf.tensor2d([[0, ln(3)]]);
    const expected = 0.8 * -ln(0.75) + 0.1 * -(ln(0.25) + ln(0.75));
    expect(scalar(crossEntropy(x, [1], { labelSmoothing: 0.2 }))).toBeCloseTo(expected, 5);
    // the same through probability targets [0.1, 0.9]
    expect(scalar(crossEntropy(x, tf.tensor2d([[0, 1]]), { labelSmoothing: 0.2 }))).toBeCloseTo(expected, 5);
  });

  it("crossEntropy accepts [N, C, d] inputs with classes on axis 1", () => {
    // two positions, uniform over 2 classes: log 2 each
    const out = crossEntropy(tf.zeros([1, 2, 2]), tf.tensor2d([[0, 1]], undefined, "int32"), {
      reduction: "none",
    });
    expect(out.shape).toEqual([1, 2]);
    expect(Array.from(out.dataSync()).map((v) => Number(v.toFixed(5)))).toEqual([
      Math.round(Math.LN2 * 1e5) / 1e5,
      Math.round(Math.LN2 * 1e5) / 1e5,
    ]);
  });

  it("nllLoss picks -input at the target", () => {
    // (-(-1) + -(-3)) / 2 = 2
    expect(
      scalar(
        nllLoss(
          tf.tensor2d([
            [-1, -2],
            [-4, -3],
          ]),
          [0, 1],
        ),
      ),
    ).toBeCloseTo(2, 6);
  });

  it("klDiv batchmean is the KL divergence per sample", () => {
    // KL([0.5, 0.5] || [0.25, 0.75]) = 0.5 log 2 + 0.5 log(2/3)
    const kl = 0.5 * ln(0.5 / 0.25) + 0.5 * ln(0.5 / 0.75);
    expect(
      scalar(
        klDiv(tf.log(tf.tensor2d([[0.25, 0.75]])), tf.tensor2d([[0.5, 0.5]]), { reduction: "batchmean" }),
      ),
    ).toBeCloseTo(kl, 5);
    // zero target probability contributes 0, not NaN
    expect(scalar(klDiv(tf.tensor2d([[-1, -2]]), tf.tensor2d([[1, 0]]), { reduction: "sum" }))).toBeCloseTo(
      1,
      6,
    );
  });

  it("binary cross-entropy on probabilities and on logits agree, and posWeight scales the positive term", () => {
    // p = sigmoid(0) = 0.5: log 2 for either target
    expect(scalar(binaryCrossEntropy([0.5, 0.5], [1, 0]))).toBeCloseTo(ln(2), 5);
    expect(scalar(binaryCrossEntropyWithLogits([0, 0], [1, 0]))).toBeCloseTo(ln(2), 5);
    // posWeight 3: (3 log 2 + log 2) / 2 = 2 log 2
    expect(scalar(binaryCrossEntropyWithLogits([0, 0], [1, 0], { posWeight: [3] }))).toBeCloseTo(
      2 * ln(2),
      5,
    );
    // saturated probabilities are clamped at 100 as in PyTorch
    expect(scalar(binaryCrossEntropy([0], [1]))).toBeCloseTo(100, 4);
  });

  it("sigmoidFocalLoss is alpha (1 - p_t)^gamma CE", () => {
    // x = 0, t = 1: p_t = 0.5, CE = log 2: 0.25 * 0.25 * log 2
    expect(scalar(sigmoidFocalLoss([0], [1]))).toBeCloseTo(0.0625 * ln(2), 6);
    // t = 0: alpha_t = 0.75
    expect(scalar(sigmoidFocalLoss([0], [0]))).toBeCloseTo(0.75 * 0.25 * ln(2), 6);
    // default reduction is "none"
    expect(sigmoidFocalLoss([0, 1], [1, 0]).shape).toEqual([2]);
  });

  it("softmaxFocalLoss and poly1Loss reduce to cross-entropy at gamma = 0 and epsilon = 0", () => {
    const ce = scalar(crossEntropy(logits, labels));
    expect(scalar(softmaxFocalLoss(logits, labels, { gamma: 0 }))).toBeCloseTo(ce, 5);
    expect(scalar(poly1Loss(logits, labels, { epsilon: 0 }))).toBeCloseTo(ce, 5);
    // uniform 2 classes: p_t = 0.5, focal gamma 2: 0.25 log 2; poly-1 eps 1: log 2 + 0.5
    expect(scalar(softmaxFocalLoss(tf.zeros([1, 2]), [0]))).toBeCloseTo(0.25 * ln(2), 6);
    expect(scalar(poly1Loss(tf.zeros([1, 2]), [0]))).toBeCloseTo(ln(2) + 0.5, 6);
  });

  it("hinge family, margin and embedding losses on small inputs", () => {
    // hinge: max(0, 1 - 0.5) = 0.5 and max(0, 1 + 2) = 3 -> 1.75; squared: (0.25 + 9) / 2
    expect(scalar(hingeLoss([0.5, 2], [1, -1]))).toBeCloseTo(1.75, 6);
    expect(scalar(squaredHingeLoss([0.5, 2], [1, -1]))).toBeCloseTo(4.625, 6);
    expect(scalar(hingeLoss([0.5, 2], [1, 0], { labels: "binary" }))).toBeCloseTo(1.75, 6);
    // multi-margin: x = [1, 0.5, -1], y = 0: (max(0, 1 - 1 + 0.5) + max(0, 1 - 1 - 1)) / 3 = 0.5 / 3
    expect(scalar(multiMarginLoss(tf.tensor2d([[1, 0.5, -1]]), [0]))).toBeCloseTo(0.5 / 3, 6);
    // soft margin: log(1 + e^0) = log 2
    expect(scalar(softMarginLoss([0], [1]))).toBeCloseTo(ln(2), 6);
    // margin ranking: max(0, -(1)(0.2 - 0.5) + 0.1) = 0.4
    expect(scalar(marginRankingLoss([0.2], [0.5], [1], { margin: 0.1 }))).toBeCloseTo(0.4, 6);
    // hinge embedding: y = 1 -> x = 0.3; y = -1 -> max(0, 1 - 0.3) = 0.7
    expect(scalar(hingeEmbeddingLoss([0.3, 0.3], [1, -1], { reduction: "sum" }))).toBeCloseTo(1, 6);
    // cosine embedding: orthogonal pair with y = 1 costs 1; parallel pair with y = -1 costs 1 - 0.5
    expect(
      scalar(
        cosineEmbeddingLoss(
          tf.tensor2d([
            [1, 0],
            [1, 1],
          ]),
          tf.tensor2d([
            [0, 1],
            [2, 2],
          ]),
          [1, -1],
          { margin: 0.5, reduction: "sum" },
        ),
      ),
    ).toBeCloseTo(1.5, 5);
    // multilabel soft margin at zero logits: log 2
    expect(scalar(multilabelSoftMarginLoss(tf.zeros([1, 2]), tf.tensor2d([[1, 0]])))).toBeCloseTo(ln(2), 6);
  });
});

describe("classification losses: gradients match finite differences", () => {
  const probs = tf.tensor2d([
    [0.2, 0.7, 0.4],
    [0.9, 0.3, 0.6],
    [0.15, 0.55, 0.8],
    [0.35, 0.45, 0.65],
  ]);
  const softTargets = tf.softmax(
    tf.tensor2d([
      [1, 0, 0],
      [0, 2, 1],
      [0, 0, 1],
      [1, 1, 1],
    ]),
  );
  const cases: [string, tf.Tensor, (x: tf.Tensor) => tf.Tensor][] = [
    ["crossEntropy", logits, (x) => crossEntropy(x, labels)],
    [
      "crossEntropy weighted, smoothed",
      logits,
      (x) => crossEntropy(x, labels, { weight: [0.5, 1, 2], labelSmoothing: 0.1 }),
    ],
    ["crossEntropy probability targets", logits, (x) => crossEntropy(x, softTargets)],
    ["nllLoss", logits, (x) => nllLoss(x, labels, { weight: [1, 2, 3] })],
    ["klDiv", logits, (x) => klDiv(tf.logSoftmax(x), softTargets, { reduction: "batchmean" })],
    ["binaryCrossEntropy", probs, (x) => binaryCrossEntropy(x, binaryTargets)],
    [
      "binaryCrossEntropyWithLogits",
      logits,
      (x) => binaryCrossEntropyWithLogits(x, binaryTargets, { posWeight: [1, 2, 0.5] }),
    ],
    ["sigmoidFocalLoss", logits, (x) => sigmoidFocalLoss(x, binaryTargets, { reduction: "mean" })],
    ["softmaxFocalLoss", logits, (x) => softmaxFocalLoss(x, labels, { alpha: [0.25, 0.5, 0.25] })],
    ["poly1Loss", logits, (x) => poly1Loss(x, labels, { epsilon: 2 })],
    ["hingeLoss", logits, (x) => hingeLoss(x, tf.sub(tf.mul(binaryTargets, 2), 1))],
    ["squaredHingeLoss", logits, (x) => squaredHingeLoss(x, tf.sub(tf.mul(binaryTargets, 2), 1))],
    ["multiMarginLoss", logits, (x) => multiMarginLoss(x, labels, { p: 2, margin: 0.7 })],
    [
      "multilabelSoftMarginLoss",
      logits,
      (x) => multilabelSoftMarginLoss(x, binaryTargets, { weight: [1, 2, 3] }),
    ],
    ["softMarginLoss", logits, (x) => softMarginLoss(x, tf.sub(tf.mul(binaryTargets, 2), 1))],
    [
      "marginRankingLoss",
      logits,
      (x) =>
        marginRankingLoss(
          x,
          tf.tensor2d([
            [0.3, -0.1, 0.1],
            [-0.2, 0.3, 0],
            [0.1, 0, -0.3],
            [0.6, -0.4, 0.2],
          ]),
          tf.sub(tf.mul(binaryTargets, 2), 1),
          { margin: 0.05 },
        ),
    ],
    [
      "hingeEmbeddingLoss",
      tf.abs(logits),
      (x) => hingeEmbeddingLoss(x, tf.sub(tf.mul(binaryTargets, 2), 1), { margin: 3 }),
    ],
    [
      "cosineEmbeddingLoss",
      logits,
      (x) =>
        cosineEmbeddingLoss(
          x,
          tf.tensor2d([
            [2, -1.5, 0.6],
            [0.3, 0.2, -1.1],
            [-0.8, 0.9, 0.1],
            [1.2, -0.3, 0.4],
          ]),
          tf.tensor1d([1, -1, 1, -1]),
          { margin: -0.9 },
        ),
    ],
  ];
  for (const [name, x, f] of cases) {
    it(name, () => {
      const check = checkGradient(f, x, { step: 1e-3 });
      expect(
        check.worst,
        `${Array.from(check.analytic)} vs ${Array.from(check.numeric)}`,
      ).toBeLessThanOrEqual(1);
    });
  }
});

describe("classification losses: logits of +-100 give finite values and gradients", () => {
  const extreme = tf.tensor2d([
    [100, -100, 0],
    [-100, 100, -100],
  ]);
  const extremeLabels = tf.tensor1d([1, 1], "int32");
  const multi = tf.tensor2d([
    [0, 1, 1],
    [1, 1, 0],
  ]);
  const finite = (f: (x: tf.Tensor) => tf.Tensor) => {
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => tf.sum(f(x)) as tf.Scalar)(extreme);
    return [...value.dataSync(), ...grad.dataSync()].every(Number.isFinite);
  };
  it.each([
    ["crossEntropy", (x: tf.Tensor) => crossEntropy(x, extremeLabels, { labelSmoothing: 0.1 })],
    ["softmaxFocalLoss", (x: tf.Tensor) => softmaxFocalLoss(x, extremeLabels)],
    ["poly1Loss", (x: tf.Tensor) => poly1Loss(x, extremeLabels)],
    [
      "binaryCrossEntropyWithLogits",
      (x: tf.Tensor) => binaryCrossEntropyWithLogits(x, multi, { posWeight: [2, 2, 2] }),
    ],
    ["sigmoidFocalLoss", (x: tf.Tensor) => sigmoidFocalLoss(x, multi)],
    ["sigmoidFocalLoss gamma 0", (x: tf.Tensor) => sigmoidFocalLoss(x, multi, { gamma: 0 })],
    ["multilabelSoftMarginLoss", (x: tf.Tensor) => multilabelSoftMarginLoss(x, multi)],
    ["softMarginLoss", (x: tf.Tensor) => softMarginLoss(x, tf.sub(tf.mul(multi, 2), 1))],
    ["binaryCrossEntropy of sigmoid", (x: tf.Tensor) => binaryCrossEntropy(tf.sigmoid(x), multi)],
  ])("%s", (_name, f) => {
    expect(finite(f)).toBe(true);
  });

  it("crossEntropy at logit 100 for the wrong class costs 200 exactly", () => {
    // log-softmax of [-100, 100, ...] at class 0: -200
    expect(scalar(crossEntropy(tf.tensor2d([[-100, 100]]), [0]))).toBeCloseTo(200, 3);
    expect(scalar(binaryCrossEntropyWithLogits([-100], [1]))).toBeCloseTo(100, 3);
  });
});

describe("classification losses: errors", () => {
  it("rejects labels out of range with the index", () => {
    const error = attempt(() => crossEntropy(tf.zeros([2, 3]), [0, 3]));
    expect(isPlumblineError(error, "invalid_value")).toBe(true);
    expect(error.message).toBe("crossEntropy: `target` must contain labels in [0, 3), got 3 at index 1");
  });

  it("rejects a target of the wrong shape and weights of the wrong length", () => {
    const shape = attempt(() => crossEntropy(tf.zeros([2, 3]), [0, 1, 2]));
    expect(isPlumblineError(shape, "shape_mismatch")).toBe(true);
    expect(shape.message).toBe(
      "crossEntropy: `target` must be class indices of shape [2] or probabilities of shape [2,3], got [3]",
    );
    const weight = attempt(() => crossEntropy(tf.zeros([2, 3]), [0, 1], { weight: [1, 2] }));
    expect(weight.message).toBe("crossEntropy: option `weight` must have shape [3], got [2]");
  });

  it("rejects bad options", () => {
    expect(
      isPlumblineError(
        attempt(() => crossEntropy(tf.zeros([1, 2]), [0], { labelSmoothing: 2 })),
        "invalid_option",
      ),
    ).toBe(true);
    expect(attempt(() => klDiv([0], [1], { reduction: "avg" as never })).message).toBe(
      'klDiv: option `reduction` must be one of "none", "mean", "sum", "batchmean", got "avg"',
    );
    expect(attempt(() => multiMarginLoss(tf.zeros([1, 2]), [0], { p: 3 as never })).message).toBe(
      "multiMarginLoss: option `p` must be an integer in [1, 2], got 3",
    );
  });
});
