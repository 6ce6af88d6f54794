import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { scalar } from "../../../test/support/losses.js";
import { useBackend } from "../../conformance/adapters/tf-backend.js";
import { isPlumblineError } from "../../core/errors.js";
import { checkGradient } from "../gradient-check.js";
import { balancedL1Loss } from "./balanced-l1-loss.js";
import { ciouLoss } from "./ciou-loss.js";
import { diouLoss } from "./diou-loss.js";
import { giouLoss } from "./giou-loss.js";
import { iouLoss } from "./iou-loss.js";
import { wingLoss } from "./wing-loss.js";
import { yoloLoss } from "./yolo-loss.js";

await useBackend("cpu");

describe("box losses: hand-worked values", () => {
  it("IoU and GIoU of two unit-offset squares", () => {
    // [0,0,2,2] vs [1,1,3,3]: inter 1, union 7, IoU 1/7; enclosing 9: GIoU = 1/7 - 2/9
    expect(scalar(iouLoss([[0, 0, 2, 2]], [[1, 1, 3, 3]], { reduction: "sum" }))).toBeCloseTo(1 - 1 / 7, 5);
    expect(scalar(giouLoss([[0, 0, 2, 2]], [[1, 1, 3, 3]], { reduction: "sum" }))).toBeCloseTo(
      1 - (1 / 7 - 2 / 9),
      5,
    );
  });

  it("DIoU adds the squared centre distance over the squared enclosing diagonal", () => {
    // centres (1,1) and (2,2): rho^2 = 2; enclosing [0,0,3,3]: c^2 = 18
    expect(scalar(diouLoss([[0, 0, 2, 2]], [[1, 1, 3, 3]], { reduction: "sum" }))).toBeCloseTo(
      1 - 1 / 7 + 2 / 18,
      5,
    );
    // same aspect ratio: v = 0, so CIoU = DIoU
    expect(scalar(ciouLoss([[0, 0, 2, 2]], [[1, 1, 3, 3]], { reduction: "sum" }))).toBeCloseTo(
      1 - 1 / 7 + 2 / 18,
      5,
    );
  });

  it("identical boxes cost 0 and disjoint boxes cost more than 1 under GIoU", () => {
    expect(scalar(giouLoss([[0, 0, 1, 1]], [[0, 0, 1, 1]], { reduction: "sum" }))).toBeCloseTo(0, 5);
    // [0,0,1,1] vs [2,0,3,1]: IoU 0, enclosing 3, union 2: 1 + 1/3
    expect(scalar(giouLoss([[0, 0, 1, 1]], [[2, 0, 3, 1]], { reduction: "sum" }))).toBeCloseTo(4 / 3, 5);
  });

  it("box losses default to reduction none and give 0 for an empty batch", () => {
    expect(
      giouLoss(
        [
          [0, 0, 1, 1],
          [0, 0, 2, 2],
        ],
        [
          [0, 0, 1, 1],
          [0, 0, 1, 1],
        ],
      ).shape,
    ).toEqual([2]);
    for (const f of [iouLoss, giouLoss, diouLoss, ciouLoss]) {
      expect(scalar(f(tf.zeros([0, 4]), tf.zeros([0, 4]), { reduction: "mean" }))).toBe(0);
      expect(scalar(f(tf.zeros([0, 4]), tf.zeros([0, 4]), { reduction: "sum" }))).toBe(0);
    }
  });

  it("wing loss is w ln(1 + x/eps) inside and x - C outside", () => {
    // w = 10, eps = 2: x = 2 -> 10 ln 2; x = 12 -> 12 - (10 - 10 ln 6)
    expect(scalar(wingLoss([2], [0]))).toBeCloseTo(10 * Math.log(2), 4);
    expect(scalar(wingLoss([12], [0]))).toBeCloseTo(12 - (10 - 10 * Math.log(6)), 4);
  });

  it("balanced L1 is continuous at beta and has slope gamma outside", () => {
    const inside = scalar(balancedL1Loss([0.999999], [0]));
    const outside = scalar(balancedL1Loss([1.000001], [0]));
    expect(inside).toBeCloseTo(outside, 4);
    const g = tf.grad((x: tf.Tensor) => balancedL1Loss(x, [0], { reduction: "sum" }))(tf.tensor1d([3]));
    expect(g.dataSync()[0]).toBeCloseTo(1.5, 5);
  });
});

describe("box losses: gradients", () => {
  const pred = tf.tensor2d([
    [0.1, 0.2, 2.3, 2.1],
    [1.0, 1.5, 3.2, 4.1],
    [5.0, 5.0, 6.5, 7.0],
  ]);
  const target = tf.tensor2d([
    [0.5, 0.4, 2.0, 2.6],
    [1.3, 1.1, 3.0, 3.5],
    [1.0, 1.0, 2.0, 2.5],
  ]);
  const cases: [string, (x: tf.Tensor) => tf.Tensor][] = [
    ["iouLoss", (x) => iouLoss(x, target)],
    ["giouLoss", (x) => giouLoss(x, target)],
    ["diouLoss", (x) => diouLoss(x, target)],
    ["wingLoss", (x) => wingLoss(x, target, { width: 1, curvature: 0.5 })],
    ["balancedL1Loss", (x) => balancedL1Loss(x, target)],
  ];
  for (const [name, f] of cases) {
    it(`${name} matches finite differences`, () => {
      const check = checkGradient(f, pred);
      expect(
        check.worst,
        `${Array.from(check.analytic)} vs ${Array.from(check.numeric)}`,
      ).toBeLessThanOrEqual(1);
    });
  }

  it("ciouLoss differentiates with alpha held constant (torchvision's no_grad)", () => {
    // Finite differences see alpha move; the reference gradient is DIoU's plus alpha * dv with alpha frozen.
    const alphaFrozen = tf.tidy(() => {
      const d = diouLoss(pred, target);
      const c = ciouLoss(pred, target);
      return tf.sub(c, d); // = alpha * v
    });
    const g = tf.grad((x: tf.Tensor) => tf.sum(ciouLoss(x, target)))(pred);
    const gd = tf.grad((x: tf.Tensor) => tf.sum(diouLoss(x, target)))(pred);
    // v as a function of the prediction only
    const v = (x: tf.Tensor) =>
      tf.tidy(() => {
        const [x1, y1, x2, y2] = tf.unstack(x, 1) as tf.Tensor[];
        const [g1, h1, g2, h2] = tf.unstack(target, 1) as tf.Tensor[];
        const at = tf.atan(tf.div(tf.sub(g2!, g1!), tf.sub(h2!, h1!)));
        const ap = tf.atan(tf.div(tf.sub(x2!, x1!), tf.sub(y2!, y1!)));
        return tf.mul(4 / Math.PI ** 2, tf.square(tf.sub(at, ap)));
      });
    const alpha = tf.div(alphaFrozen, v(pred));
    const gv = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(alpha, v(x))))(pred);
    const expected = tf.add(gd, gv).dataSync();
    const actual = g.dataSync();
    for (let i = 0; i < actual.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 4);
  });

  it("stays finite for zero-area boxes and far-apart boxes", () => {
    const degenerate = tf.tensor2d([[1, 1, 1, 1]]);
    const far = tf.tensor2d([[1000, 1000, 1001, 1001]]);
    for (const f of [iouLoss, giouLoss, diouLoss]) {
      const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => tf.sum(f(x, far)) as tf.Scalar)(degenerate);
      expect([...value.dataSync(), ...grad.dataSync()].every(Number.isFinite)).toBe(true);
    }
  });
});

describe("yoloLoss", () => {
  it("is the weighted sum of its parts and trains all three heads", () => {
    const inputs = {
      predBoxes: tf.tensor2d([[0, 0, 2, 2]]),
      targetBoxes: tf.tensor2d([[1, 1, 3, 3]]),
      objectnessLogits: tf.tensor1d([0.5, -1, 2, 0]),
      objectnessTarget: tf.tensor1d([1, 0, 0, 0]),
      classLogits: tf.tensor2d([[0.2, -0.4, 1]]),
      classTarget: tf.tensor1d([2], "int32"),
    };
    const parts = yoloLoss(inputs);
    const [total, box, obj, cls] = [parts.total, parts.box, parts.objectness, parts.classification].map(
      scalar,
    ) as number[];
    expect(box).toBeCloseTo(1 - 1 / 7 + 2 / 18, 5);
    expect(total).toBeCloseTo(0.05 * box! + 1 * obj! + 0.5 * cls!, 5);
    const grads = tf.grads(
      (b: tf.Tensor, o: tf.Tensor, c: tf.Tensor) =>
        yoloLoss({ ...inputs, predBoxes: b, objectnessLogits: o, classLogits: c }).total,
    )([inputs.predBoxes, inputs.objectnessLogits, inputs.classLogits]);
    for (const g of grads) expect(g.dataSync().some((v) => v !== 0)).toBe(true);
  });

  it("rejects an unknown box loss", () => {
    try {
      yoloLoss(
        {
          predBoxes: [[0, 0, 1, 1]],
          targetBoxes: [[0, 0, 1, 1]],
          objectnessLogits: [0],
          objectnessTarget: [1],
          classLogits: [[0]],
          classTarget: [0],
        },
        { boxLoss: "l2" as never },
      );
      expect.unreachable();
    } catch (error) {
      expect(isPlumblineError(error, "invalid_option")).toBe(true);
    }
  });
});

describe("box losses: errors", () => {
  it("rejects boxes without 4 coordinates and mismatched shapes", () => {
    try {
      giouLoss([[0, 0, 1]], [[0, 0, 1]]);
      expect.unreachable();
    } catch (error) {
      expect(isPlumblineError(error, "shape_mismatch")).toBe(true);
      expect((error as Error).message).toBe("giouLoss: `boxes1` must have shape [..., 4], got [1,3]");
    }
    try {
      ciouLoss(
        [[0, 0, 1, 1]],
        [
          [0, 0, 1, 1],
          [0, 0, 1, 1],
        ],
      );
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe(
        "ciouLoss: `boxes1` and `boxes2` must have the same shape, got [1, 4] and [2, 4]",
      );
    }
  });
});
