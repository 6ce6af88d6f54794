import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { optNumber, readOptions, reductionOption } from "../options.js";
import type { TensorInput } from "../tensor-input.js";
import { reduceOrZero } from "../tensor-math.js";
import { BOX_LOSS_OPTIONS, type BoxLossOptions, boxPair, enclosing, interUnion } from "./box-geometry.js";

/**
 * Generalized IoU loss (Rezatofighi et al. 2019): 1 - IoU + (|C| - union) / (|C| + eps), C the
 * smallest enclosing box. Matches torchvision 0.26 `ops.generalized_box_iou_loss` (eps 1e-7,
 * default reduction "none", empty batch 0). Gives a gradient for non-overlapping boxes. O(n).
 */
export function giouLoss(boxes1: TensorInput, boxes2: TensorInput, options: BoxLossOptions = {}): tf.Tensor {
  const fn = "giouLoss";
  const opts = readOptions<BoxLossOptions>(fn, options, BOX_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction, "none");
  const eps = optNumber(fn, "eps", opts.eps, 1e-7, { min: 0 });
  return tf.tidy(() => {
    const p = boxPair(boxes1, boxes2, fn);
    const { inter, union } = interUnion(p);
    const iou = tf.div(inter, tf.add(union, eps));
    const c = enclosing(p);
    const areaC = tf.mul(tf.sub(c.cx2, c.cx1), tf.sub(c.cy2, c.cy1));
    const giou = tf.sub(iou, tf.div(tf.sub(areaC, union), tf.add(areaC, eps)));
    return reduceOrZero(tf.sub(1, giou), reduction);
  });
}

/** Keras-style form of {@link giouLoss}: `yPred` and `yTrue` boxes [N, 4] xyxy. */
export const giouLossFactory = lossFactory(giouLoss, { name: "giouLoss", options: BOX_LOSS_OPTIONS });
