import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { numberOption, reductionOf } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";
import { reduceOrZero } from "../tensor-math.js";
import { boxPair, interUnion } from "./box-geometry.js";

/** Options shared by the box-overlap losses. */
export interface BoxLossOptions {
  /** Default `"none"`, as torchvision. `mean` of an empty batch is 0. */
  readonly reduction?: Reduction;
  /** Added to denominators. Default 1e-7 (torchvision). */
  readonly eps?: number;
}

/**
 * IoU loss 1 - IoU per box pair, IoU = inter / (union + eps), boxes xyxy [..., 4].
 * Same intersection and eps as torchvision 0.26's box losses. Scale-invariant; zero gradient
 * when boxes do not overlap (use GIoU, DIoU or CIoU then). O(n).
 */
export function iouLoss(boxes1: TensorInput, boxes2: TensorInput, options: BoxLossOptions = {}): tf.Tensor {
  const fn = "iouLoss";
  const reduction = reductionOf(options, fn, "none");
  const eps = numberOption(options.eps, 1e-7, fn, "eps", { min: 0 });
  return tf.tidy(() => {
    const p = boxPair(boxes1, boxes2, fn);
    const { inter, union } = interUnion(p);
    return reduceOrZero(tf.sub(1, tf.div(inter, tf.add(union, eps))), reduction);
  });
}

/** Keras-style form of {@link iouLoss}: `yPred` and `yTrue` boxes [N, 4] xyxy. */
export const iouLossFactory = lossFactory(iouLoss, "iouLoss");
