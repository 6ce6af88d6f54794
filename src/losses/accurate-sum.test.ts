/**
 * Issue 9, class 4: reductions inside the losses accumulate accurately at any size. The WASM
 * backend's float32 Sum kernel gave the mean sigmoid focal loss of 1e7 elements with a relative
 * error of about 1e-2 (0.4187 for 0.4238 here); the blocked sums of accurate-sum.ts keep it
 * within float32 rounding of the per-element values. References are float64 sums in JS over the
 * same float32 inputs.
 */
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { useBackend } from "../conformance/adapters/tf-backend.js";
import { accurateMean, accurateSum, SUM_BLOCK } from "./accurate-sum.js";
import { binaryCrossEntropyWithLogits } from "./classification/binary-cross-entropy-with-logits.js";
import { sigmoidFocalLoss } from "./classification/sigmoid-focal-loss.js";
import { mseLoss } from "./regression/mse-loss.js";
import { softDiceLoss } from "./segmentation/soft-dice-loss.js";

const N = 1e7;

/** float64 reference of the mean sigmoid focal loss (alpha 0.25, gamma 2) of float32 inputs. */
function focalMean(xs: Float32Array, ts: Float32Array): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const t = ts[i]!;
    const p = 1 / (1 + Math.exp(-x));
    const ce = Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
    const pT = p * t + (1 - p) * (1 - t);
    total += (0.25 * t + 0.75 * (1 - t)) * (1 - pT) ** 2 * ce;
  }
  return total / xs.length;
}

/** Deterministic float32 data in JS (much faster than tf.random* on the CPU backend). */
function uniform(n: number, seed: number, scale = 1, shift = 0): Float32Array {
  const out = new Float32Array(n);
  let state = seed >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32) * scale + shift;
  }
  return out;
}

const relative = (value: number, reference: number) => Math.abs(value - reference) / Math.abs(reference);

for (const backend of ["wasm", "cpu"] as const) {
  describe(`accurate reductions at 1e7 elements (${backend})`, () => {
    it("accurateSum and accurateMean match float64 over all axes and over one long axis", async () => {
      await useBackend(backend);
      const data = uniform(N, 7);
      const x = tf.tensor2d(data, [2, N / 2]);
      let first = 0;
      let second = 0;
      for (let i = 0; i < N / 2; i++) first += data[i]!;
      for (let i = N / 2; i < N; i++) second += data[i]!;
      expect(relative(accurateSum(x).dataSync()[0]!, first + second)).toBeLessThan(1e-6);
      expect(relative(accurateMean(x).dataSync()[0]!, (first + second) / N)).toBeLessThan(1e-6);
      const rows = accurateSum(x, 1).dataSync();
      expect(relative(rows[0]!, first)).toBeLessThan(1e-6);
      expect(relative(rows[1]!, second)).toBeLessThan(1e-6);
      expect(accurateSum(x, -1, true).shape).toEqual([2, 1]);
      tf.dispose(x);
    });

    it("mseLoss and binaryCrossEntropyWithLogits (mean and sum) match float64", async () => {
      await useBackend(backend);
      const xs = uniform(N, 11, 8, -4);
      const ys = uniform(N, 12, 8, -4);
      const input = tf.tensor1d(xs);
      const target = tf.tensor1d(ys);
      let squares = 0;
      for (let i = 0; i < N; i++) squares += (xs[i]! - ys[i]!) ** 2;
      expect(relative(mseLoss(input, target).dataSync()[0]!, squares / N)).toBeLessThan(1e-6);
      const labels = tf.tidy(() => tf.step(target));
      const ls = labels.dataSync();
      let logistic = 0;
      for (let i = 0; i < N; i++)
        logistic += Math.max(xs[i]!, 0) - xs[i]! * ls[i]! + Math.log1p(Math.exp(-Math.abs(xs[i]!)));
      const sum = binaryCrossEntropyWithLogits(input, labels, { reduction: "sum" }).dataSync()[0]!;
      expect(relative(sum, logistic)).toBeLessThan(1e-6);
      tf.dispose([input, target, labels]);
    });
  });
}

describe("accurate loss reductions at 1e7 elements (wasm; the CPU kernels accumulate in float64)", () => {
  it("sigmoidFocalLoss mean matches float64 (the issue's reproduction)", async () => {
    await useBackend("wasm");
    const x = tf.randomNormal([N], 0, 2, "float32", 1);
    const t = tf.tidy(() => tf.step(tf.sub(tf.randomUniform([N], 0, 1, "float32", 2), 0.7)));
    const reference = focalMean(x.dataSync() as Float32Array, t.dataSync() as Float32Array);
    const value = sigmoidFocalLoss(x, t, { reduction: "mean" }).dataSync()[0]!;
    expect(relative(value, reference)).toBeLessThan(2e-6);
    // the kernel's own float32 mean is far off at this size: the reason for the blocked sums
    expect(relative(tf.mean(sigmoidFocalLoss(x, t)).dataSync()[0]!, reference)).toBeGreaterThan(1e-4);
    tf.dispose([x, t]);
  });

  it("softDiceLoss over 1e7 pixels matches float64 overlap sums", async () => {
    await useBackend("wasm");
    const p = tf.randomUniform([N], 0, 1, "float32", 3);
    const t = tf.tidy(() => tf.step(tf.sub(tf.randomUniform([N], 0, 1, "float32", 4), 0.5)));
    const ps = p.dataSync();
    const ts = t.dataSync();
    let tp = 0;
    let total = 0;
    for (let i = 0; i < N; i++) {
      tp += ps[i]! * ts[i]!;
      total += ps[i]! + ts[i]!;
    }
    const value = softDiceLoss(p, t).dataSync()[0]!;
    expect(relative(value, 1 - (2 * tp) / total)).toBeLessThan(2e-6);
    tf.dispose([p, t]);
  });

  it("sums of at most one block are left to the kernel, and their gradient is one", async () => {
    const tfm = await useBackend("wasm");
    const small = tfm.ones([SUM_BLOCK]);
    expect(accurateSum(small).dataSync()[0]).toBe(SUM_BLOCK);
    const g = tfm.grad((v: tf.Tensor) => accurateSum(v))(tfm.ones([3 * SUM_BLOCK + 5]));
    expect(Array.from(new Set(g.dataSync()))).toEqual([1]);
    expect(accurateMean(tfm.zeros([0])).dataSync()[0]).toBeNaN();
    tf.dispose([small, g]);
  });
});
