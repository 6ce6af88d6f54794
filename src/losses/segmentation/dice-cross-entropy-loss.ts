import * as tf from "@tensorflow/tfjs-core";
import { sparseTargets } from "../classification/class-layout.js";
import { crossEntropy } from "../classification/cross-entropy.js";
import { lossFactory } from "../factory.js";
import { numberOption } from "../options.js";
import { asTensor, type TensorInput } from "../tensor-input.js";
import { type OverlapMode, softmaxAxis1 } from "./overlap-sums.js";
import { softDiceLoss } from "./soft-dice-loss.js";

/** Options of {@link diceCrossEntropyLoss}. */
export interface DiceCrossEntropyLossOptions {
  /** Default 1. */
  readonly diceWeight?: number;
  /** Default 1. */
  readonly crossEntropyWeight?: number;
  /** Dice smoothing. Default 1e-5. */
  readonly smooth?: number;
  /** Dice grouping. Default `"per-class"`. */
  readonly mode?: OverlapMode;
  /** Labels equal to this are left out of both terms. */
  readonly ignoreIndex?: number;
}

/**
 * Dice + cross-entropy (the nnU-Net / MONAI `DiceCELoss` recipe): logits [N, C, ...] and class
 * indices [N, ...];
 *   loss = crossEntropyWeight CE(logits, labels) + diceWeight softDice(softmax(logits), labels).
 * CE gives smooth per-pixel gradients, Dice counters class imbalance. Both terms are means. O(n).
 */
export function diceCrossEntropyLoss(
  logits: TensorInput,
  labels: TensorInput,
  options: DiceCrossEntropyLossOptions = {},
): tf.Tensor {
  const fn = "diceCrossEntropyLoss";
  const diceWeight = numberOption(options.diceWeight, 1, fn, "diceWeight", { min: 0 });
  const ceWeight = numberOption(options.crossEntropyWeight, 1, fn, "crossEntropyWeight", { min: 0 });
  const smooth = numberOption(options.smooth, 1e-5, fn, "smooth", { min: 0 });
  return tf.tidy(() => {
    const x = asTensor(logits, fn, "logits");
    const ignore = options.ignoreIndex === undefined ? {} : { ignoreIndex: options.ignoreIndex };
    const ce = crossEntropy(x, labels, ignore);
    const dice = softDiceLoss(softmaxAxis1(x), labels, {
      smooth,
      mode: options.mode ?? "per-class",
      ...ignore,
    });
    return tf.add(tf.mul(ceWeight, ce), tf.mul(diceWeight, dice));
  });
}

/** Keras-style form of {@link diceCrossEntropyLoss}: `yPred` logits [N, C], `yTrue` class indices [N] / [N, 1] or one-hot [N, C]. */
export const diceCrossEntropyLossFactory = lossFactory(
  (
    input: tf.Tensor,
    target: tf.Tensor,
    options?: DiceCrossEntropyLossOptions & { reduction?: "mean" | "sum" },
  ) => {
    const { reduction: _r, ...rest } = options ?? {};
    return diceCrossEntropyLoss(input, target, rest);
  },
  "diceCrossEntropyLoss",
  sparseTargets,
);
