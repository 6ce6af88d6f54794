import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { numberOption, reductionOf } from "../options.js";
import type { Reduction } from "../reduction.js";
import { type TensorInput, tensorPair } from "../tensor-input.js";
import { reduceOrZero } from "../tensor-math.js";
import { logisticElements } from "./binary-cross-entropy-with-logits.js";

/** Options of {@link sigmoidFocalLoss}. */
export interface SigmoidFocalLossOptions {
  /** Weight of the positive class in (0, 1); a negative value turns the weighting off. Default 0.25. */
  readonly alpha?: number;
  /** Focusing exponent >= 0; 0 gives (alpha-weighted) binary cross-entropy. Default 2. */
  readonly gamma?: number;
  /** Default `"none"`, as torchvision. */
  readonly reduction?: Reduction;
}

/**
 * Sigmoid focal loss (Lin et al. 2017, RetinaNet): with p = sigmoid(x),
 * p_t = p t + (1 - p)(1 - t), CE = BCE-with-logits(x, t):
 *   loss = alpha_t (1 - p_t)^gamma CE, alpha_t = alpha t + (1 - alpha)(1 - t) (omitted when alpha < 0).
 * Matches torchvision 0.26 `ops.sigmoid_focal_loss` (alpha weights the positive class, default
 * reduction "none"; detectors then divide the sum by the number of positives themselves).
 * Down-weights easy examples, for extreme foreground-background imbalance. Finite value and
 * gradient for logits of +-100. O(n).
 */
export function sigmoidFocalLoss(
  input: TensorInput,
  target: TensorInput,
  options: SigmoidFocalLossOptions = {},
): tf.Tensor {
  const fn = "sigmoidFocalLoss";
  const reduction = reductionOf(options, fn, "none");
  const alpha = numberOption(options.alpha, 0.25, fn, "alpha", { max: 1 });
  const gamma = numberOption(options.gamma, 2, fn, "gamma", { min: 0 });
  return tf.tidy(() => {
    const [$input, $target] = tensorPair(input, target, fn, "input", "target");
    const p = tf.sigmoid($input);
    const ce = logisticElements($input, $target);
    const pT = tf.add(tf.mul(p, $target), tf.mul(tf.sub(1, p), tf.sub(1, $target)));
    // gamma = 0: (1 - p_t)^0 is 1 with a zero derivative; skip the pow, whose gradient would be 0 * inf at p_t = 1.
    let values = gamma === 0 ? ce : tf.mul(ce, tf.pow(tf.sub(1, pT), gamma));
    if (alpha >= 0)
      values = tf.mul(values, tf.add(tf.mul(alpha, $target), tf.mul(1 - alpha, tf.sub(1, $target))));
    return reduceOrZero(values, reduction);
  });
}

/** Keras-style form of {@link sigmoidFocalLoss} (`yPred` are logits; reduction defaults to `"mean"` here). */
export const sigmoidFocalLossFactory = lossFactory(sigmoidFocalLoss, "sigmoidFocalLoss");
