import * as tf from "@tensorflow/tfjs-core";
import { elementwiseLoss } from "../elementwise-loss.js";
import { lossFactory } from "../factory.js";
import { abs, noGrad } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";

/** Options of {@link wingLoss}. */
export interface WingLossOptions {
  /** w: the range of the log part, > 0. Default 10. */
  readonly width?: number;
  /** epsilon: curvature of the log part, > 0. Default 2. */
  readonly curvature?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
  /** Per-element weights broadcast against the element losses. */
  readonly weights?: TensorInput;
}

const WING_LOSS_OPTIONS = optionNames<WingLossOptions>()("width", "curvature", "reduction", "weights");

/**
 * Wing loss (Feng et al. 2018, facial landmarks): with x = |input - target|,
 * w ln(1 + x / epsilon) when x < w, else x - C with C = w - w ln(1 + w / epsilon) (continuous).
 * Matches the formula via torch 2.11 autograd. Amplifies small and medium errors relative to
 * L1/L2, linear for outliers. O(n).
 */
export function wingLoss(input: TensorInput, target: TensorInput, options: WingLossOptions = {}): tf.Tensor {
  const fn = "wingLoss";
  const opts = readOptions<WingLossOptions>(fn, options, WING_LOSS_OPTIONS);
  const width = optNumber(fn, "width", opts.width, 10, { min: 0, minExclusive: true });
  const curvature = optNumber(fn, "curvature", opts.curvature, 2, { min: 0, minExclusive: true });
  return elementwiseLoss(fn, input, target, opts, ($input, $target) => {
    const x = abs(tf.sub($input, $target));
    const c = width - width * Math.log1p(width / curvature);
    const values = tf.where(
      noGrad((a) => tf.less(a, width), x),
      tf.mul(width, tf.log1p(tf.div(x, curvature))),
      tf.sub(x, c),
    );
    return values;
  });
}

/** Keras-style form of {@link wingLoss}. */
export const wingLossFactory = lossFactory(wingLoss, { name: "wingLoss", options: WING_LOSS_OPTIONS });
