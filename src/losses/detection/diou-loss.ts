import type * as tf from "@tensorflow/tfjs-core";
import { tidy } from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { optNumber, readOptions, reductionOption } from "../options.js";
import type { TensorInput } from "../tensor-input.js";
import { reduceOrZero } from "../tensor-math.js";
import { BOX_LOSS_OPTIONS, type BoxLossOptions, boxPair, diouAndIou } from "./box-geometry.js";

/**
 * Distance-IoU loss (Zheng et al. 2020): 1 - IoU + rho^2(centres) / (c^2 + eps), c the diagonal
 * of the enclosing box. Matches torchvision 0.26 `ops.distance_box_iou_loss` (eps 1e-7, default
 * reduction "none", empty batch 0). Pulls centres together even without overlap. O(n).
 */
export function diouLoss(boxes1: TensorInput, boxes2: TensorInput, options: BoxLossOptions = {}): tf.Tensor {
  const fn = "diouLoss";
  const opts = readOptions<BoxLossOptions>(fn, options, BOX_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction, "none");
  const eps = optNumber(fn, "eps", opts.eps, 1e-7, { min: 0 });
  return tidy(() => reduceOrZero(diouAndIou(boxPair(boxes1, boxes2, fn), eps).loss, reduction));
}

/** Keras-style form of {@link diouLoss}: `yPred` and `yTrue` boxes [N, 4] xyxy. */
export const diouLossFactory = lossFactory(diouLoss, { name: "diouLoss", options: BOX_LOSS_OPTIONS });
