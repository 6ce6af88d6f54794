import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { softplus } from "../tensor-math.js";
import { sigmoidFocalLoss } from "./sigmoid-focal-loss.js";

await useBackend("cpu");

/** The focal loss written op by op (the previous implementation), differentiated by autodiff. */
function autodiffFocal(x: tf.Tensor, t: tf.Tensor, alpha: number, gamma: number): tf.Tensor {
  const p = tf.sigmoid(x);
  const ce = tf.add(tf.mul(tf.sub(1, t), x), softplus(tf.neg(x)));
  const pT = tf.add(tf.mul(p, t), tf.mul(tf.sub(1, p), tf.sub(1, t)));
  let values = gamma === 0 ? ce : tf.mul(ce, tf.pow(tf.sub(1, pT), gamma));
  if (alpha >= 0) values = tf.mul(values, tf.add(tf.mul(alpha, t), tf.mul(1 - alpha, tf.sub(1, t))));
  return values;
}

const x = tf.tensor1d([1.2, -0.3, 0.4, -0.8, 0.9, 0.1, 2.0, -1.5, 0.6, -2.4]);
// hard and soft targets
const t = tf.tensor1d([1, 0, 1, 0, 0.3, 0.7, 0, 1, 0.5, 0.9]);
// non-uniform upstream gradient, so dy reaches the custom gradient elementwise
const dyWeights = tf.tensor1d([1, 2, 0.5, -1, 3, 1, 0.25, 2, -0.5, 1]);

const grads = (f: (x: tf.Tensor, t: tf.Tensor) => tf.Tensor) =>
  tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, b), dyWeights)))([x, t]));

describe("sigmoidFocalLoss hand-derived gradient", () => {
  it.each([
    [0.25, 2],
    [0.25, 0],
    [-1, 2],
    [-1, 0],
    [0.6, 1],
    [0.25, 3],
    [0.25, 0.5],
    [-1, 1.5],
  ])(
    "alpha %s gamma %s: value and gradients in logits and targets equal autodiff of the formula",
    (alpha, gamma) => {
      const ours = sigmoidFocalLoss(x, t, { alpha, gamma });
      const reference = autodiffFocal(x, t, alpha, gamma);
      const close = (a: tf.Tensor, b: tf.Tensor) => {
        const [va, vb] = [a.dataSync(), b.dataSync()];
        expect(va.length).toBe(vb.length);
        va.forEach((v, i) => {
          expect(v).toBeCloseTo(vb[i]!, 5);
        });
      };
      close(ours, reference);
      const [dxOurs, dtOurs] = grads((a, b) => sigmoidFocalLoss(a, b, { alpha, gamma }));
      const [dxRef, dtRef] = grads((a, b) => autodiffFocal(a, b, alpha, gamma));
      close(dxOurs!, dxRef!);
      close(dtOurs!, dtRef!);
    },
  );

  it("value outside a gradient scope equals the value inside one", () => {
    const plain = sigmoidFocalLoss(x, t, { reduction: "sum" }).dataSync()[0]!;
    const { value } = tf.valueAndGrad(
      (a: tf.Tensor) => sigmoidFocalLoss(a, t, { reduction: "sum" }) as tf.Scalar,
    )(x);
    expect(value.dataSync()[0]).toBe(plain);
  });

  it.each([0, 0.5, 1, 2])(
    "gamma %s: finite value and gradients at logits of +-100, including m = 1 - p_t = 0",
    (gamma) => {
      const extreme = tf.tensor1d([100, -100, 100, -100, 0]);
      const targets = tf.tensor1d([1, 0, 0, 1, 1]);
      const [dx, dt] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(sigmoidFocalLoss(a, b, { gamma })))([
        extreme,
        targets,
      ]);
      const value = sigmoidFocalLoss(extreme, targets, { gamma });
      for (const v of [...value.dataSync(), ...dx!.dataSync(), ...dt!.dataSync()])
        expect(Number.isFinite(v)).toBe(true);
      // x = 100, t = 1 (p_t = 1 in float32): loss and logit gradient vanish (ce = log1p(exp(-100)) ~ 4e-44)
      expect(Math.abs(value.dataSync()[0]!)).toBeLessThan(1e-40);
      expect(Math.abs(dx!.dataSync()[0]!)).toBeLessThan(1e-40);
    },
  );
});
