import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateSum } from "../accurate-sum.js";
import { noGrad, safeSqrt } from "../gradient-tools.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions } from "../options.js";
import { assertFields, asTensor, type TensorInput } from "../tensor-input.js";

/** Inputs of {@link yoloV1Loss}, in the layout of the YOLOv1 output tensor (S × S × (B·5 + C)). */
export interface YoloV1LossInputs {
  /**
   * [N, S, S, B·5 + C]: per grid cell, B boxes (x, y, w, h, confidence) then C class
   * probabilities; x, y are the box centre's offset inside the cell, w, h its size relative to
   * the image, all in [0, 1].
   */
  readonly predictions: TensorInput;
  /**
   * [N, S, S, 5 + C]: per cell the ground-truth box (x, y, w, h, same convention), 1 when an
   * object's centre falls in the cell (else 0), then the one-hot class.
   */
  readonly target: TensorInput;
}

const YOLO_V1_INPUT_NAMES = optionNames<YoloV1LossInputs>()("predictions", "target");

/** Options of {@link yoloV1Loss}. */
export interface YoloV1LossOptions {
  /** Boxes per cell B. Default 2 (the paper's). */
  readonly numBoxes?: number;
  /** λ_coord. Default 5. */
  readonly lambdaCoord?: number;
  /** λ_noobj. Default 0.5. */
  readonly lambdaNoObject?: number;
  /**
   * The confidence target of the responsible box: its IoU with the ground truth (`"iou"`,
   * default, the paper) or 1 (`"one"`, as many re-implementations).
   */
  readonly confidenceTarget?: "iou" | "one";
  /** `"sum"` (default): the paper's sums over the batch; `"mean"`: divided by the batch size. */
  readonly reduction?: "sum" | "mean";
}

const YOLO_V1_LOSS_OPTIONS = optionNames<YoloV1LossOptions>()(
  "numBoxes",
  "lambdaCoord",
  "lambdaNoObject",
  "confidenceTarget",
  "reduction",
);

/** The terms of {@link yoloV1Loss}, each already weighted by its λ; `total` is their sum. */
export interface YoloV1LossParts {
  readonly total: tf.Scalar;
  /** λ_coord Σ 1^obj_ij [(x - x̂)² + (y - ŷ)² + (√w - √ŵ)² + (√h - √ĥ)²]. */
  readonly coordinates: tf.Scalar;
  /** Σ 1^obj_ij (C - Ĉ)² + λ_noobj Σ 1^noobj_ij C². */
  readonly confidence: tf.Scalar;
  /** Σ_i 1^obj_i Σ_c (p_i(c) - p̂_i(c))². */
  readonly classification: tf.Scalar;
}

/** IoU of boxes given as centre (cx, cy) and size (w, h) in image units, elementwise. */
function centreBoxIou(a: tf.Tensor[], b: tf.Tensor[]): tf.Tensor {
  const [ax, ay, aw, ah] = a as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const [bx, by, bw, bh] = b as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const overlap = (ac: tf.Tensor, as: tf.Tensor, bc: tf.Tensor, bs: tf.Tensor) =>
    tf.relu(
      tf.sub(
        tf.minimum(tf.add(ac, tf.div(as, 2)), tf.add(bc, tf.div(bs, 2))),
        tf.maximum(tf.sub(ac, tf.div(as, 2)), tf.sub(bc, tf.div(bs, 2))),
      ),
    );
  const inter = tf.mul(overlap(ax, aw, bx, bw), overlap(ay, ah, by, bh));
  const union = tf.sub(tf.add(tf.mul(aw, ah), tf.mul(bw, bh)), inter);
  return tf.div(inter, tf.maximum(union, 1e-12));
}

/**
 * The YOLOv1 sum-squared loss as the survey writes it (Redmon et al. 2016, eq. 3):
 *   λ_coord Σ_i Σ_j 1^obj_ij [(x_i - x̂_i)² + (y_i - ŷ_i)²]
 *   + λ_coord Σ_i Σ_j 1^obj_ij [(√w_i - √ŵ_i)² + (√h_i - √ĥ_i)²]
 *   + Σ_i Σ_j 1^obj_ij (C_i - Ĉ_i)² + λ_noobj Σ_i Σ_j 1^noobj_ij (C_i - Ĉ_i)²
 *   + Σ_i 1^obj_i Σ_c (p_i(c) - p̂_i(c))²,
 * over the S × S cells i and their B boxes j. The box "responsible" for a cell's object
 * (1^obj_ij) is the one with the highest IoU with the ground truth (the first on ties); every
 * other box gets the no-object term (Ĉ = 0); the responsible box's confidence target is that IoU
 * (or 1 with `confidenceTarget: "one"`). Responsibility and IoU are constants for the gradient.
 * The square roots damp errors on large boxes; √ of a non-positive size is taken as 0 with a zero
 * gradient (instead of NaN). Beside the YOLOv5-style {@link yoloLoss}. Matches a torch 1.13
 * re-implementation of the paper's formula (value and gradient). O(N S² (B + C)).
 */
export function yoloV1Loss(inputs: YoloV1LossInputs, options: YoloV1LossOptions = {}): YoloV1LossParts {
  const fn = "yoloV1Loss";
  const opts = readOptions<YoloV1LossOptions>(fn, options, YOLO_V1_LOSS_OPTIONS);
  const numBoxes = optInteger(fn, "numBoxes", opts.numBoxes, 2, { min: 1, max: 1000 });
  const lambdaCoord = optNumber(fn, "lambdaCoord", opts.lambdaCoord, 5, { min: 0 });
  const lambdaNoObject = optNumber(fn, "lambdaNoObject", opts.lambdaNoObject, 0.5, { min: 0 });
  const confidenceTarget = optOneOf(fn, "confidenceTarget", opts.confidenceTarget, ["iou", "one"], "iou");
  const reduction = optOneOf(fn, "reduction", opts.reduction, ["sum", "mean"], "sum");
  assertFields(inputs, YOLO_V1_INPUT_NAMES, fn, "inputs");
  const parts = tf.tidy(() => {
    const pred = asTensor(inputs.predictions, fn, "predictions");
    const target = asTensor(inputs.target, fn, "target");
    if (pred.rank !== 4 || pred.shape[1] !== pred.shape[2] || pred.shape[3]! <= numBoxes * 5)
      fail(
        "shape_mismatch",
        `${fn}: \`predictions\` must have shape [N, S, S, ${numBoxes}·5 + C] with C >= 1, got [${pred.shape.join(", ")}]`,
      );
    const [n, s, , depth] = pred.shape as [number, number, number, number];
    const classes = depth - numBoxes * 5;
    if (target.shape.join() !== [n, s, s, 5 + classes].join())
      fail(
        "shape_mismatch",
        `${fn}: \`target\` must have shape [${n}, ${s}, ${s}, ${5 + classes}] (box, object flag, ${classes} classes), got [${target.shape.join(", ")}]`,
      );
    const boxes = tf.reshape(tf.slice(pred, [0, 0, 0, 0], [-1, -1, -1, numBoxes * 5]), [
      n,
      s,
      s,
      numBoxes,
      5,
    ]);
    const [x, y, w, h, confidence] = tf.unstack(boxes, 4) as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    const classProbabilities = tf.slice(pred, [0, 0, 0, numBoxes * 5], [-1, -1, -1, -1]);
    const truth = tf.expandDims(tf.slice(target, [0, 0, 0, 0], [-1, -1, -1, 4]), 3); // [N, S, S, 1, 4]
    const [tx, ty, tw, th] = tf.unstack(truth, 4) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const object = tf.squeeze(tf.slice(target, [0, 0, 0, 4], [-1, -1, -1, 1]), [3]); // [N, S, S]
    const targetClasses = tf.slice(target, [0, 0, 0, 5], [-1, -1, -1, -1]);
    // cell offsets turn cell-relative centres into image units for the IoU
    const column = tf.reshape(tf.range(0, s), [1, 1, s, 1]);
    const row = tf.reshape(tf.range(0, s), [1, s, 1, 1]);
    const iou = noGrad(
      (bx, by, bw, bh, gx, gy, gw, gh) =>
        centreBoxIou(
          [tf.div(tf.add(bx, column), s), tf.div(tf.add(by, row), s), bw, bh],
          [tf.div(tf.add(gx, column), s), tf.div(tf.add(gy, row), s), gw, gh],
        ),
      x,
      y,
      w,
      h,
      tx,
      ty,
      tw,
      th,
    ); // [N, S, S, B]
    const responsible = noGrad(
      (overlap, obj) => tf.mul(tf.oneHot(tf.argMax(overlap, 3), numBoxes), tf.expandDims(obj, 3)),
      iou,
      object,
    );
    const noObject = tf.sub(1, responsible);
    const squared = (a: tf.Tensor, b: tf.Tensor) => tf.square(tf.sub(a, b));
    const coordinates = tf.mul(
      lambdaCoord,
      accurateSum(
        tf.mul(
          responsible,
          tf.addN([
            squared(x, tx),
            squared(y, ty),
            squared(safeSqrt(w), safeSqrt(tw)),
            squared(safeSqrt(h), safeSqrt(th)),
          ]),
        ),
      ),
    );
    const confidenceGoal = confidenceTarget === "iou" ? iou : tf.onesLike(iou);
    const confidenceTerm = tf.add(
      accurateSum(tf.mul(responsible, squared(confidence, confidenceGoal))),
      tf.mul(lambdaNoObject, accurateSum(tf.mul(noObject, tf.square(confidence)))),
    );
    const classification = accurateSum(
      tf.mul(tf.expandDims(object, 3), squared(classProbabilities, targetClasses)),
    );
    const scale = reduction === "mean" ? 1 / n : 1;
    const terms = [coordinates, confidenceTerm, classification].map((t) => tf.mul(t, scale));
    return [tf.addN(terms), ...terms] as tf.Scalar[];
  });
  return { total: parts[0]!, coordinates: parts[1]!, confidence: parts[2]!, classification: parts[3]! };
}
