import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { type KerasLoss, kerasOptions } from "../factory.js";
import { customGradient } from "../gradient-tools.js";
import { optBoolean, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertSameShape, asTensor, type TensorInput } from "../tensor-input.js";

/** Options of {@link gaussianNllLoss}. */
export interface GaussianNllLossOptions {
  /** Add the constant 0.5 log(2 pi). Default false. */
  readonly full?: boolean;
  /** Lower clamp of the variance. Default 1e-6. */
  readonly eps?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const GAUSSIAN_NLL_LOSS_OPTIONS = optionNames<GaussianNllLossOptions>()("full", "eps", "reduction");

/**
 * Clamps the variance at `eps` in the forward pass while passing the gradient straight through,
 * as torch does (it clamps under `no_grad`, so d var_clamped / d var = 1 everywhere).
 */
function clampStraightThrough(variance: tf.Tensor, eps: number): tf.Tensor {
  const op = customGradient((v: tf.Tensor) => ({
    value: tf.maximum(v, eps),
    gradFunc: (dy: tf.Tensor) => dy,
  }));
  return op(variance);
}

/**
 * Gaussian negative log-likelihood of `target` under N(input, variance):
 * 0.5 (log(max(var, eps)) + (input - target)^2 / max(var, eps)) [+ 0.5 log(2 pi) when `full`].
 * Matches torch 2.11 `F.gaussian_nll_loss` (clamp without gradient cut, `variance` may have one
 * dimension fewer than `input` or a trailing 1 for a shared variance). Heteroscedastic regression:
 * large predicted variance discounts outliers. O(n).
 */
export function gaussianNllLoss(
  input: TensorInput,
  target: TensorInput,
  variance: TensorInput,
  options: GaussianNllLossOptions = {},
): tf.Tensor {
  const fn = "gaussianNllLoss";
  const opts = readOptions<GaussianNllLossOptions>(fn, options, GAUSSIAN_NLL_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const full = optBoolean(fn, "full", opts.full, false);
  const eps = optNumber(fn, "eps", opts.eps, 1e-6, { min: 0 });
  return tf.tidy(() => {
    const $input = asTensor(input, fn, "input");
    const $target = asTensor(target, fn, "target");
    let $var = asTensor(variance, fn, "variance");
    assertSameShape($input, $target, fn, "input", "target");
    if ($var.rank === $input.rank - 1 && $var.shape.every((d, i) => d === $input.shape[i]))
      $var = tf.expandDims($var, -1);
    const ok =
      $var.rank === $input.rank &&
      $var.shape.every((d, i) => d === $input.shape[i] || (i === $var.rank - 1 && d === 1));
    if (!ok)
      fail(
        "shape_mismatch",
        `${fn}: \`variance\` must match \`input\` [${$input.shape}] or drop/size-1 its last dimension, got [${$var.shape}]`,
      );
    const v = clampStraightThrough($var, eps);
    let values = tf.mul(0.5, tf.add(tf.log(v), tf.div(tf.squaredDifference($input, $target), v)));
    if (full) values = tf.add(values, 0.5 * Math.log(2 * Math.PI));
    return reduceLoss(values, reduction);
  });
}

/**
 * Keras-style form of {@link gaussianNllLoss}: `yPred` holds the mean and the variance side by
 * side on its last axis (first half mean, second half variance, e.g. a softplus head).
 */
export function gaussianNllLossFactory(options: GaussianNllLossOptions = {}): KerasLoss {
  const resolved = kerasOptions("gaussianNllLoss", options, GAUSSIAN_NLL_LOSS_OPTIONS);
  return (yTrue, yPred) =>
    tf.tidy(() => {
      const half = yPred.shape[yPred.rank - 1]! / 2;
      const [mean, variance] = tf.split(yPred, [half, half], -1);
      return gaussianNllLoss(mean!, yTrue, variance!, resolved) as tf.Scalar;
    });
}
