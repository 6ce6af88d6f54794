import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { absolute, select, stepMask, stopGradient } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertNonEmptyTensor, assertSameShape, asTensor, tensorPair } from "../tensor-input.js";
import { maskedMean } from "../tensor-math.js";

/** Options of {@link berHuLoss}. */
export interface BerHuLossOptions {
  /** c = thresholdFraction · max|residual| over the batch. Default 0.2 (Laina et al.). */
  readonly thresholdFraction?: number;
  /** A fixed threshold c > 0 instead of the batch-dependent one (thresholdFraction is then ignored). */
  readonly threshold?: number;
  /** Optional 0/1 mask of valid pixels (same shape); masked pixels add 0 and are left out of the max and of the mean. */
  readonly mask?: tf.Tensor;
  readonly reduction?: Reduction;
}

const BER_HU_LOSS_OPTIONS = optionNames<BerHuLossOptions>()(
  "thresholdFraction",
  "threshold",
  "mask",
  "reduction",
);

/**
 * BerHu loss of `input` (predicted depth) against `target`, any equal shapes. r = input -
 * target; c = thresholdFraction·max|r| over the batch, a constant for the gradient (as Laina et
 * al.); per element |r| where |r| <= c, else (r² + c²)/(2c). When every residual is 0, c = 0
 * and the loss is 0. Matches the torch 2.11 autograd formula of the conformance cases.
 */
export function berHuLoss(
  input: tf.Tensor | number[],
  target: tf.Tensor | number[],
  options: BerHuLossOptions = {},
): tf.Tensor {
  const fn = "berHuLoss";
  const opts = readOptions<BerHuLossOptions>(fn, options, BER_HU_LOSS_OPTIONS);
  const fraction = optNumber(fn, "thresholdFraction", opts.thresholdFraction, 0.2, {
    min: 0,
    minExclusive: true,
    max: 1,
  });
  const reduction = reductionOption(fn, opts.reduction);
  const threshold = optNumber(fn, "threshold", opts.threshold, undefined, { min: 0, minExclusive: true });
  return tf.tidy(() => {
    const [x, y] = tensorPair(input, target, fn, "input", "target");
    assertNonEmptyTensor(x, fn, "input");
    const mask = opts.mask === undefined ? undefined : asTensor(opts.mask, fn, "mask");
    if (mask) assertSameShape(x, mask, fn, "input", "mask");
    const residual = absolute(tf.sub(x, y));
    const masked = mask ? tf.mul(residual, mask) : residual;
    const c = threshold === undefined ? stopGradient(tf.mul(fraction, tf.max(masked))) : tf.scalar(threshold);
    const safeC = tf.maximum(c, 1e-30);
    const quadratic = tf.div(tf.add(tf.square(residual), tf.square(c)), tf.mul(2, safeC));
    const values = select(stepMask(tf.sub(residual, c)), quadratic, residual);
    if (mask && reduction === "mean") return maskedMean(values, mask);
    return reduceLoss(values, reduction, mask);
  });
}

/** Keras-style form of {@link berHuLoss}. */
export const berHuLossFactory = lossFactory<BerHuLossOptions>(
  (input, target, options) => berHuLoss(input, target, options),
  { name: "berHuLoss", options: BER_HU_LOSS_OPTIONS },
);
