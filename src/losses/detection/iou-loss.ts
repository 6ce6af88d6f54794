import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { optNumber, readOptions, reductionOption } from "../options.js";
import type { TensorInput } from "../tensor-input.js";
import { reduceOrZero } from "../tensor-math.js";
import { BOX_LOSS_OPTIONS, type BoxLossOptions, boxPair, interUnion } from "./box-geometry.js";

export type { BoxLossOptions };

/**
 * IoU loss 1 - IoU per box pair, IoU = inter / (union + eps), boxes xyxy [..., 4].
 * Same intersection and eps as torchvision 0.26's box losses. Scale-invariant; zero gradient
 * when boxes do not overlap (use GIoU, DIoU or CIoU then). O(n).
 */
export function iouLoss(boxes1: TensorInput, boxes2: TensorInput, options: BoxLossOptions = {}): tf.Tensor {
  const fn = "iouLoss";
  const opts = readOptions<BoxLossOptions>(fn, options, BOX_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction, "none");
  const eps = optNumber(fn, "eps", opts.eps, 1e-7, { min: 0 });
  return tf.tidy(() => {
    const p = boxPair(boxes1, boxes2, fn);
    const { inter, union } = interUnion(p);
    return reduceOrZero(tf.sub(1, tf.div(inter, tf.add(union, eps))), reduction);
  });
}

/** Keras-style form of {@link iouLoss}: `yPred` and `yTrue` boxes [N, 4] xyxy. */
export const iouLossFactory = lossFactory(iouLoss, { name: "iouLoss", options: BOX_LOSS_OPTIONS });
