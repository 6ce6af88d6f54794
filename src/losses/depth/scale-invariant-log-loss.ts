import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { optBoolean, optionNames, optNumber, optOneOf, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { assertNonEmptyTensor, assertSameShape, asTensor, tensorPair } from "../tensor-input.js";
import { maskedMean } from "../tensor-math.js";

/** Options of {@link scaleInvariantLogLoss}. */
export interface ScaleInvariantLogLossOptions {
  /** Weight λ of the scale-invariance term (0: plain log MSE, 1: fully scale invariant). Default 0.5 (Eigen et al.'s training value; BTS uses 0.85). */
  readonly lambda?: number;
  /** "depth" (default): inputs are depths and their logs are taken; "log": inputs are already log-depths. */
  readonly inputSpace?: "depth" | "log";
  /** Return sqrt(D)·scale as BTS/AdaBins do (SILog). Default false. */
  readonly sqrt?: boolean;
  /** Multiplier applied at the end (BTS: 10). Default 1. */
  readonly scale?: number;
  /** Optional 0/1 mask of valid pixels (same shape as the inputs); default: every pixel. */
  readonly mask?: tf.Tensor;
  /** "image" (default, Eigen et al.): D per image, then reduced over the batch; "batch": one D over every valid pixel of the batch (BTS). */
  readonly granularity?: "image" | "batch";
  /** Over images ("none": [N]); with granularity "batch" the result is one number whatever the reduction. */
  readonly reduction?: Reduction;
}

const SCALE_INVARIANT_LOG_LOSS_OPTIONS = optionNames<ScaleInvariantLogLossOptions>()(
  "lambda",
  "inputSpace",
  "sqrt",
  "scale",
  "mask",
  "granularity",
  "reduction",
);

/**
 * Scale-invariant log loss of predicted depths `input` against `target` ([N, ...pixels]).
 * d = log input - log target over valid pixels; D = mean(d²) - λ·mean(d)²; optional sqrt and
 * scale. Masked-out pixels contribute nothing; an image with no valid pixel gives 0 (and is
 * left out of the "mean"). Depths must be positive where valid (a log of 0 is -Infinity).
 */
export function scaleInvariantLogLoss(
  input: tf.Tensor,
  target: tf.Tensor,
  options: ScaleInvariantLogLossOptions = {},
): tf.Tensor {
  const fn = "scaleInvariantLogLoss";
  const opts = readOptions<ScaleInvariantLogLossOptions>(fn, options, SCALE_INVARIANT_LOG_LOSS_OPTIONS);
  const lambda = optNumber(fn, "lambda", opts.lambda, 0.5, { min: 0, max: 1 });
  const space = optOneOf(fn, "inputSpace", opts.inputSpace, ["depth", "log"], "depth");
  const takeSqrt = optBoolean(fn, "sqrt", opts.sqrt, false);
  const scale = optNumber(fn, "scale", opts.scale, 1, { min: 0, minExclusive: true });
  const granularity = optOneOf(fn, "granularity", opts.granularity, ["image", "batch"], "image");
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const [x, y] = tensorPair(input, target, fn, "input", "target");
    assertNonEmptyTensor(x, fn, "input");
    if (x.rank < 2)
      fail(
        "shape_mismatch",
        `${fn}: \`input\` must have a batch axis and at least one pixel axis, got shape [${x.shape.join(", ")}]`,
      );
    const mask = opts.mask === undefined ? tf.ones(x.shape) : asTensor(opts.mask, fn, "mask");
    assertSameShape(x, mask, fn, "input", "mask");
    // Where masked, compare 1 with 1 so the log stays finite and d = 0.
    const safeX = tf.add(tf.mul(x, mask), tf.sub(1, mask));
    const safeY = tf.add(tf.mul(y, mask), tf.sub(1, mask));
    const d = tf.mul(space === "depth" ? tf.sub(tf.log(safeX), tf.log(safeY)) : tf.sub(x, y), mask);
    const axes = granularity === "image" ? Array.from({ length: x.rank - 1 }, (_, i) => i + 1) : undefined;
    const count = accurateSum(mask, axes);
    const safeCount = tf.maximum(count, 1);
    const meanSquare = tf.div(accurateSum(tf.square(d), axes), safeCount);
    const meanD = tf.div(accurateSum(d, axes), safeCount);
    let value = tf.sub(meanSquare, tf.mul(lambda, tf.square(meanD)));
    if (takeSqrt) value = tf.sqrt(tf.maximum(value, 1e-30));
    value = tf.mul(value, scale);
    if (granularity === "batch" || reduction === "none") return value;
    if (reduction === "sum") return tf.sum(value);
    const valid = tf.cast(tf.greater(count, 0), "float32");
    return maskedMean(value, valid);
  });
}

/** Keras-style form of {@link scaleInvariantLogLoss}. */
export const scaleInvariantLogLossFactory = lossFactory<ScaleInvariantLogLossOptions>(
  (input, target, options) => scaleInvariantLogLoss(input, target, options),
  { name: "scaleInvariantLogLoss", options: SCALE_INVARIANT_LOG_LOSS_OPTIONS },
);
