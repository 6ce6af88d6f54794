import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { stopGradient } from "../gradient-tools.js";
import { optNumber, readOptions, reductionOption } from "../options.js";
import type { TensorInput } from "../tensor-input.js";
import { reduceOrZero } from "../tensor-math.js";
import { BOX_LOSS_OPTIONS, type BoxLossOptions, boxPair, diouAndIou } from "./box-geometry.js";

/**
 * Complete-IoU loss (Zheng et al. 2020): DIoU loss + alpha v, with the aspect-ratio term
 * v = (4 / pi^2) (atan(w_gt / h_gt) - atan(w / h))^2 and alpha = v / (1 - IoU + v + eps) held
 * constant for the gradient (torchvision computes it under `no_grad`). Matches torchvision 0.26
 * `ops.complete_box_iou_loss` (eps 1e-7, default reduction "none", empty batch 0). O(n).
 */
export function ciouLoss(boxes1: TensorInput, boxes2: TensorInput, options: BoxLossOptions = {}): tf.Tensor {
  const fn = "ciouLoss";
  const opts = readOptions<BoxLossOptions>(fn, options, BOX_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction, "none");
  const eps = optNumber(fn, "eps", opts.eps, 1e-7, { min: 0 });
  return tf.tidy(() => {
    const p = boxPair(boxes1, boxes2, fn);
    const { loss, iou } = diouAndIou(p, eps);
    const w = tf.sub(p.x2, p.x1);
    const h = tf.sub(p.y2, p.y1);
    const wGt = tf.sub(p.gx2, p.gx1);
    const hGt = tf.sub(p.gy2, p.gy1);
    const v = tf.mul(4 / Math.PI ** 2, tf.square(tf.sub(tf.atan(tf.div(wGt, hGt)), tf.atan(tf.div(w, h)))));
    const alpha = stopGradient(tf.div(v, tf.add(tf.add(tf.sub(1, iou), v), eps)));
    return reduceOrZero(tf.add(loss, tf.mul(alpha, v)), reduction);
  });
}

/** Keras-style form of {@link ciouLoss}: `yPred` and `yTrue` boxes [N, 4] xyxy. */
export const ciouLossFactory = lossFactory(ciouLoss, { name: "ciouLoss", options: BOX_LOSS_OPTIONS });
