import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { optionNames, optNumber, readOptions } from "../options.js";
import type { TensorInput } from "../tensor-input.js";
import { overlapLoss, type SoftOverlapOptions } from "./overlap-sums.js";

/** Options of {@link tverskyLoss} and {@link focalTverskyLoss}. */
export interface TverskyLossOptions extends SoftOverlapOptions {
  /** Weight of false positives sum p (1 - t). Default 0.5 (then alpha = beta = 0.5 is Dice). */
  readonly alpha?: number;
  /** Weight of false negatives sum (1 - p) t. Default 0.5. */
  readonly beta?: number;
  /** Exponent of (1 - TI). Default 1 (plain Tversky). */
  readonly gamma?: number;
}

const TVERSKY_LOSS_OPTIONS = optionNames<TverskyLossOptions>()(
  "smooth",
  "eps",
  "mode",
  "ignoreIndex",
  "reduction",
  "alpha",
  "beta",
  "gamma",
);

function tversky(
  fn: string,
  input: TensorInput,
  target: TensorInput,
  options: TverskyLossOptions,
  gammaDefault: number,
): tf.Tensor {
  const opts = readOptions<TverskyLossOptions>(fn, options, TVERSKY_LOSS_OPTIONS);
  const alpha = optNumber(fn, "alpha", opts.alpha, 0.5, { min: 0 });
  const beta = optNumber(fn, "beta", opts.beta, 0.5, { min: 0 });
  const gamma = optNumber(fn, "gamma", opts.gamma, gammaDefault, { min: 0, minExclusive: true });
  return overlapLoss(fn, input, target, opts, ({ tp, predicted, actual }, smooth, eps) => {
    const fp = tf.sub(predicted, tp);
    const fnSum = tf.sub(actual, tp);
    const denominator = tf.add(tf.add(tf.add(tp, tf.mul(alpha, fp)), tf.mul(beta, fnSum)), smooth);
    const index = tf.div(tf.add(tp, smooth), tf.maximum(denominator, eps));
    const loss = tf.sub(1, index);
    return gamma === 1 ? loss : tf.pow(loss, gamma);
  });
}

/**
 * Tversky loss (Salehi et al. 2017): TI = (TP + s) / (TP + alpha FP + beta FN + s) with soft
 * counts TP = sum p t, FP = sum p (1 - t), FN = sum (1 - p) t; loss (1 - TI)^gamma per group.
 * beta > alpha penalises missed foreground more: for small lesions and heavy imbalance.
 * Matches the formula via torch 2.11 autograd (global mode). O(n).
 */
export function tverskyLoss(
  input: TensorInput,
  target: TensorInput,
  options: TverskyLossOptions = {},
): tf.Tensor {
  return tversky("tverskyLoss", input, target, options, 1);
}

/**
 * Focal Tversky loss (Abraham & Khan 2019): (1 - TI)^gamma with gamma = 1 / (4/3) = 0.75 by
 * default (the paper's exponent 1/gamma with gamma = 4/3); otherwise as {@link tverskyLoss}
 * (defaults alpha 0.5, beta 0.5; the paper uses alpha 0.3, beta 0.7). O(n).
 */
export function focalTverskyLoss(
  input: TensorInput,
  target: TensorInput,
  options: TverskyLossOptions = {},
): tf.Tensor {
  return tversky("focalTverskyLoss", input, target, options, 0.75);
}

/** Keras-style form of {@link tverskyLoss}. */
export const tverskyLossFactory = lossFactory(tverskyLoss, {
  name: "tverskyLoss",
  options: TVERSKY_LOSS_OPTIONS,
});
/** Keras-style form of {@link focalTverskyLoss}. */
export const focalTverskyLossFactory = lossFactory(focalTverskyLoss, {
  name: "focalTverskyLoss",
  options: TVERSKY_LOSS_OPTIONS,
});
