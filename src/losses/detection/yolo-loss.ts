import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { binaryCrossEntropyWithLogits } from "../classification/binary-cross-entropy-with-logits.js";
import { optionNames, optNumber, optOneOf, readOptions } from "../options.js";
import { assertFields, asTensor, labelTensor, type TensorInput } from "../tensor-input.js";
import { ciouLoss } from "./ciou-loss.js";
import { diouLoss } from "./diou-loss.js";
import { giouLoss } from "./giou-loss.js";
import { iouLoss } from "./iou-loss.js";

/** Inputs of {@link yoloLoss}: matched boxes, objectness of every anchor/cell, classes of the matched ones. */
export interface YoloLossInputs {
  /** Predicted boxes of the anchors matched to a ground-truth box, [P, 4] xyxy. */
  readonly predBoxes: TensorInput;
  /** Their ground-truth boxes, [P, 4] xyxy. */
  readonly targetBoxes: TensorInput;
  /** Objectness logits of every anchor, any shape. */
  readonly objectnessLogits: TensorInput;
  /** Objectness targets in [0, 1] of the same shape (1 or the IoU for matched anchors, 0 elsewhere). */
  readonly objectnessTarget: TensorInput;
  /** Class logits of the matched anchors, [P, C]. */
  readonly classLogits: TensorInput;
  /** Class targets of the matched anchors: indices [P] or multi-hot [P, C]. */
  readonly classTarget: TensorInput;
}

const YOLO_INPUT_NAMES = optionNames<YoloLossInputs>()(
  "predBoxes",
  "targetBoxes",
  "objectnessLogits",
  "objectnessTarget",
  "classLogits",
  "classTarget",
);

/** Options of {@link yoloLoss}. */
export interface YoloLossOptions {
  /** Gain of the box term. Default 0.05 (YOLOv5's hyp.scratch). */
  readonly boxWeight?: number;
  /** Gain of the objectness term. Default 1. */
  readonly objectnessWeight?: number;
  /** Gain of the class term. Default 0.5. */
  readonly classWeight?: number;
  /** Box-overlap loss of the box term. Default `"ciou"`. */
  readonly boxLoss?: "iou" | "giou" | "diou" | "ciou";
}

const YOLO_LOSS_OPTIONS = optionNames<YoloLossOptions>()(
  "boxWeight",
  "objectnessWeight",
  "classWeight",
  "boxLoss",
);

/** The scalar parts of {@link yoloLoss}. */
export interface YoloLossParts {
  readonly total: tf.Scalar;
  readonly box: tf.Scalar;
  readonly objectness: tf.Scalar;
  readonly classification: tf.Scalar;
}

/**
 * A YOLO-style detection loss built from plumbline's parts, in the shape of YOLOv5's
 * `ComputeLoss` after anchor matching (matching itself is the caller's):
 *   box = mean over matched anchors of the chosen IoU loss (CIoU by default),
 *   objectness = mean BCE-with-logits over all anchors,
 *   classification = mean BCE-with-logits over matched anchors and classes (one-vs-all, as YOLOv5),
 *   total = boxWeight box + objectnessWeight objectness + classWeight classification.
 * YOLOv5 also multiplies the total by the batch size; do that outside if you need its scale.
 * With no matched anchor the box and class terms are 0. Returns the parts for logging.
 */
export function yoloLoss(inputs: YoloLossInputs, options: YoloLossOptions = {}): YoloLossParts {
  const fn = "yoloLoss";
  const opts = readOptions<YoloLossOptions>(fn, options, YOLO_LOSS_OPTIONS);
  const boxWeight = optNumber(fn, "boxWeight", opts.boxWeight, 0.05, { min: 0 });
  const objectnessWeight = optNumber(fn, "objectnessWeight", opts.objectnessWeight, 1, { min: 0 });
  const classWeight = optNumber(fn, "classWeight", opts.classWeight, 0.5, { min: 0 });
  const kind = optOneOf(fn, "boxLoss", opts.boxLoss, ["iou", "giou", "diou", "ciou"], "ciou");
  const boxFn = { iou: iouLoss, giou: giouLoss, diou: diouLoss, ciou: ciouLoss }[kind];
  assertFields(inputs, YOLO_INPUT_NAMES, fn, "inputs");
  const parts = tf.tidy(() => {
    const box = boxFn(inputs.predBoxes, inputs.targetBoxes, { reduction: "mean" }) as tf.Scalar;
    const objectness = binaryCrossEntropyWithLogits(
      inputs.objectnessLogits,
      inputs.objectnessTarget,
    ) as tf.Scalar;
    const logits = asTensor(inputs.classLogits, fn, "classLogits");
    let target = asTensor(inputs.classTarget, fn, "classTarget");
    if (target.shape.join() !== logits.shape.join()) {
      if (logits.rank !== 2 || target.size !== logits.shape[0]) {
        fail(
          "shape_mismatch",
          `${fn}: \`classTarget\` must be indices [${logits.shape[0]}] or multi-hot [${logits.shape}], got [${target.shape}]`,
        );
      }
      target = tf.oneHot(
        labelTensor(tf.reshape(target, [-1]), logits.shape[1]!, fn, "classTarget"),
        logits.shape[1]!,
      );
    }
    const classification = (
      logits.size === 0 ? tf.scalar(0) : binaryCrossEntropyWithLogits(logits, target)
    ) as tf.Scalar;
    const total = tf.addN([
      tf.mul(boxWeight, box),
      tf.mul(objectnessWeight, objectness),
      tf.mul(classWeight, classification),
    ]) as tf.Scalar;
    return [total, box, objectness, classification] as tf.Scalar[];
  });
  return { total: parts[0]!, box: parts[1]!, objectness: parts[2]!, classification: parts[3]! };
}
