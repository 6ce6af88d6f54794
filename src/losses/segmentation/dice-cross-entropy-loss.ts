import * as tf from "@tensorflow/tfjs-core";
import { sparseTargets } from "../classification/class-layout.js";
import { crossEntropy } from "../classification/cross-entropy.js";
import { lossFactory } from "../factory.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions } from "../options.js";
import { asTensor, type TensorInput } from "../tensor-input.js";
import { type OverlapMode, overlapModes, softmaxAxis1 } from "./overlap-sums.js";
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

const DICE_CROSS_ENTROPY_LOSS_OPTIONS = optionNames<DiceCrossEntropyLossOptions>()(
  "diceWeight",
  "crossEntropyWeight",
  "smooth",
  "mode",
  "ignoreIndex",
);

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
  const opts = readOptions<DiceCrossEntropyLossOptions>(fn, options, DICE_CROSS_ENTROPY_LOSS_OPTIONS);
  const diceWeight = optNumber(fn, "diceWeight", opts.diceWeight, 1, { min: 0 });
  const ceWeight = optNumber(fn, "crossEntropyWeight", opts.crossEntropyWeight, 1, { min: 0 });
  const smooth = optNumber(fn, "smooth", opts.smooth, 1e-5, { min: 0 });
  const mode = optOneOf(fn, "mode", opts.mode, overlapModes, "per-class");
  const ignoreIndex = optInteger(fn, "ignoreIndex", opts.ignoreIndex, undefined);
  return tf.tidy(() => {
    const x = asTensor(logits, fn, "logits");
    const ignore = ignoreIndex === undefined ? {} : { ignoreIndex };
    const ce = crossEntropy(x, labels, ignore);
    const dice = softDiceLoss(softmaxAxis1(x), labels, {
      smooth,
      mode,
      ...ignore,
    });
    return tf.add(tf.mul(ceWeight, ce), tf.mul(diceWeight, dice));
  });
}

/** Keras-style form of {@link diceCrossEntropyLoss}: `yPred` logits [N, C], `yTrue` class indices [N] / [N, 1] or one-hot [N, C]. */
export const diceCrossEntropyLossFactory = lossFactory(diceCrossEntropyLoss, {
  name: "diceCrossEntropyLoss",
  options: DICE_CROSS_ENTROPY_LOSS_OPTIONS,
  prepare: sparseTargets,
});
