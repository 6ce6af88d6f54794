/**
 * plumbline/tfjs with TensorFlow.js layers on the CPU backend: the compiled per-batch metrics'
 * epoch values (batch-size-weighted means over batches that do not divide the data) equal
 * plumbline's metrics over the whole validation set, the non-decomposable ones are refused, and
 * the fit callback logs whole-set AUROC, AP and F1 into the history each epoch.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { useBackend } from "../conformance/adapters/tf-backend.js";
import { binaryCrossEntropyWithLogitsFactory, crossEntropyFactory, mseLossFactory } from "../losses/index.js";
import {
  binaryAccuracy,
  binaryAuroc,
  binaryAurocDef,
  binaryAveragePrecision,
  binaryAveragePrecisionDef,
  binaryBrierScore,
  binaryF1Def,
  binaryLogLoss,
  multiclassAccuracy,
  multiclassF1Def,
  multiclassLogLoss,
} from "../metrics/classification/index.js";
import { meanAbsoluteError, meanSquaredError } from "../metrics/regression/index.js";
import { epochMetrics, kerasMetric } from "./index.js";

await useBackend("cpu");

/** Seeded data: N rows of D features, a noisy linear binary label. */
function data(n: number, d: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor2D; labels: number[] } {
  const x = tf.randomNormal([n, d], 0, 1, "float32", seed) as tf.Tensor2D;
  const score = tf.add(
    tf.matMul(x, tf.reshape(tf.linspace(-1, 1, d), [d, 1])),
    tf.randomNormal([n, 1], 0, 0.7, "float32", seed + 1),
  );
  const labels = Array.from(tf.step(score).dataSync());
  return { x, y: tf.tensor2d(labels, [n, 1]), labels };
}

function model(units: number, seed: number): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({
        units: 8,
        inputShape: [5],
        activation: "relu",
        kernelInitializer: tfl.initializers.glorotUniform({ seed }),
      }),
      tfl.layers.dense({ units, kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
}

const last = (values: unknown[] | undefined) => Number(values?.[values.length - 1]);

describe("kerasMetric in model.compile", () => {
  it("binary metrics on logits: the logged validation values equal plumbline's over the whole set", async () => {
    const train = data(90, 5, 1);
    const val = data(47, 5, 3);
    const net = model(1, 7);
    net.compile({
      optimizer: tf.train.adam(0.05),
      loss: binaryCrossEntropyWithLogitsFactory(),
      metrics: [
        kerasMetric("binaryAccuracy", { predsKind: "logits" }),
        kerasMetric("binaryLogLoss", { predsKind: "logits" }),
        kerasMetric("binaryBrierScore", { predsKind: "logits" }),
      ],
    });
    const history = await net.fit(train.x, train.y, {
      epochs: 3,
      batchSize: 16,
      shuffle: false,
      validationData: [val.x, val.y],
      validationBatchSize: 10,
      verbose: 0,
    } as tfl.ModelFitArgs);
    const p = Float64Array.from(tf.sigmoid(net.predict(val.x) as tf.Tensor).dataSync());
    expect(last(history.history.val_binaryAccuracy)).toBeCloseTo(binaryAccuracy(p, val.labels), 6);
    expect(last(history.history.val_binaryLogLoss)).toBeCloseTo(binaryLogLoss(p, val.labels), 4);
    expect(last(history.history.val_binaryBrierScore)).toBeCloseTo(binaryBrierScore(p, val.labels), 5);
    expect(history.history.binaryAccuracy).toHaveLength(3);
  });

  it("multiclass accuracy, top-k accuracy and log loss, and regression errors", async () => {
    const x = tf.randomNormal([60, 5], 0, 1, "float32", 11);
    const labels = Array.from(
      tf.argMax(tf.matMul(x, tf.randomNormal([5, 3], 0, 1, "float32", 12)), 1).dataSync(),
    );
    const oneHot = tf.oneHot(tf.tensor1d(labels, "int32"), 3);
    const net = model(3, 13);
    net.compile({
      optimizer: tf.train.adam(0.05),
      loss: crossEntropyFactory(),
      metrics: [
        kerasMetric("multiclassAccuracy"),
        kerasMetric("topKAccuracy", { k: 2 }),
        kerasMetric("multiclassLogLoss", { predsKind: "logits" }),
      ],
    });
    const history = await net.fit(x, oneHot, {
      epochs: 2,
      batchSize: 16,
      shuffle: false,
      validationData: [x, oneHot],
      validationBatchSize: 7,
      verbose: 0,
    } as tfl.ModelFitArgs);
    const probs = tf.softmax(net.predict(x) as tf.Tensor).arraySync() as number[][];
    expect(last(history.history.val_multiclassAccuracy)).toBeCloseTo(
      multiclassAccuracy(probs, labels, { numClasses: 3, average: "micro" }),
      6,
    );
    expect(last(history.history.val_topKAccuracy)).toBeCloseTo(
      multiclassAccuracy(probs, labels, { numClasses: 3, average: "micro", topK: 2 }),
      6,
    );
    expect(last(history.history.val_multiclassLogLoss)).toBeCloseTo(
      multiclassLogLoss(probs, labels, { numClasses: 3 }),
      4,
    );

    const target = tf.randomNormal([40, 2], 0, 1, "float32", 21);
    const regression = model(2, 23);
    regression.compile({
      optimizer: tf.train.sgd(0.01),
      loss: mseLossFactory(),
      metrics: [kerasMetric("meanSquaredError"), kerasMetric("meanAbsoluteError")],
    });
    const inputs = tf.randomNormal([40, 5], 0, 1, "float32", 22);
    const fit = await regression.fit(inputs, target, {
      epochs: 1,
      batchSize: 16,
      shuffle: false,
      validationData: [inputs, target],
      validationBatchSize: 9,
      verbose: 0,
    } as tfl.ModelFitArgs);
    const predicted = (regression.predict(inputs) as tf.Tensor).arraySync() as number[][];
    const truth = target.arraySync() as number[][];
    expect(last(fit.history.val_meanSquaredError)).toBeCloseTo(
      meanSquaredError(predicted.flat(), truth.flat()),
      5,
    );
    expect(last(fit.history.val_meanAbsoluteError)).toBeCloseTo(
      meanAbsoluteError(predicted.flat(), truth.flat()),
      5,
    );
  });

  it("refuses metrics that are not means over samples, unknown names and ambiguous options", () => {
    expectError(
      () => kerasMetric("binaryAuroc" as never),
      "invalid_option",
      "kerasMetric: binaryAuroc is not a mean over samples (AUROC ranks all samples against each other), so a per-batch average is wrong; compute it over the validation set each epoch with epochMetrics",
    );
    expectError(() => kerasMetric("binaryF1" as never), "invalid_option");
    expectError(() => kerasMetric("binaryAcuracy" as never), "invalid_option");
    expect(() => kerasMetric("binaryAcuracy" as never)).toThrow("did you mean `binaryAccuracy`?");
    expectError(() => kerasMetric("binaryAccuracy", { predsKind: "auto" as never }), "invalid_option");
    expectError(() => kerasMetric("binaryAccuracy", { treshold: 0.3 } as never), "invalid_option");
  });
});

describe("epochMetrics callback", () => {
  it("logs whole-set AUROC, AP and F1 into the history every epoch", async () => {
    const train = data(80, 5, 31);
    const val = data(53, 5, 33);
    const net = model(1, 35);
    net.compile({ optimizer: tf.train.adam(0.05), loss: binaryCrossEntropyWithLogitsFactory() });
    const callback = epochMetrics(net, {
      validationData: [val.x, val.y],
      outputs: "sigmoid",
      batchSize: 13,
      metrics: { auroc: binaryAurocDef(), ap: binaryAveragePrecisionDef(), f1: binaryF1Def() },
    });
    const history = await net.fit(train.x, train.y, {
      epochs: 3,
      batchSize: 20,
      shuffle: false,
      verbose: 0,
      callbacks: [callback],
    });
    expect(history.history.val_auroc).toHaveLength(3);
    const p = Float64Array.from(tf.sigmoid(net.predict(val.x) as tf.Tensor).dataSync());
    expect(last(history.history.val_auroc)).toBeCloseTo(binaryAuroc(p, val.labels), 12);
    expect(last(history.history.val_ap)).toBeCloseTo(binaryAveragePrecision(p, val.labels), 12);
    expect(callback.latest.val_auroc).toBe(last(history.history.val_auroc));
    // the per-batch mean that compile({ metrics }) would log is a different number
    const perBatch = [0, 13, 26, 39].map((s) => binaryAuroc(p.slice(s, s + 13), val.labels.slice(s, s + 13)));
    const perBatchMean = perBatch.reduce((a, b) => a + b, 0) / perBatch.length;
    expect(Math.abs(perBatchMean - binaryAuroc(p, val.labels))).toBeGreaterThan(1e-3);
  });

  it("logs per-class results as one key per class", async () => {
    const x = tf.randomNormal([30, 5], 0, 1, "float32", 41);
    const y = tf.tensor1d(Array.from({ length: 30 }, (_, i) => i % 3));
    const net = model(3, 43);
    const callback = epochMetrics(net, {
      validationData: [x, y],
      outputs: "softmax",
      metrics: { f1: multiclassF1Def({ numClasses: 3, average: "none" }) },
    });
    const logs: Record<string, unknown> = {};
    await callback.onEpochEnd(0, logs);
    expect(Object.keys(logs).sort()).toEqual(["val_f1_0", "val_f1_1", "val_f1_2"]);
  });

  it("refuses bad options with one-line messages", () => {
    const net = model(1, 51);
    const x = tf.zeros([4, 5]);
    const y = tf.zeros([4, 1]);
    expectError(() => epochMetrics(net, { validationData: [x, y], metrics: {} }), "invalid_option");
    expectError(
      () => epochMetrics(net, { validationData: [x, tf.zeros([3, 1])], metrics: { a: binaryAurocDef() } }),
      "shape_mismatch",
    );
    expectError(
      () => epochMetrics(net, { validationData: [x, y], metrics: { a: binaryAuroc as never } }),
      "invalid_option",
    );
    expectError(
      () =>
        epochMetrics(net, {
          validationData: [x, y],
          metrics: { a: binaryAurocDef() },
          outputs: "tanh" as never,
        }),
      "invalid_option",
    );
    expectError(
      () =>
        epochMetrics(net, {
          validationData: [x, y],
          metrics: { a: binaryAurocDef() },
          batchsize: 3,
        } as never),
      "invalid_option",
    );
    expectError(
      () => epochMetrics({} as never, { validationData: [x, y], metrics: { a: binaryAurocDef() } }),
      "invalid_value",
    );
  });
});
