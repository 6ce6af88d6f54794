import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { embeddingPair } from "../tensor-input.js";

/** Options of {@link barlowTwinsLoss}. */
export interface BarlowTwinsLossOptions {
  /** Weight λ of the redundancy-reduction (off-diagonal) term. Default 5e-3 (the paper's). */
  readonly lambda?: number;
  /** Added to the batch variance before the square root. Default 1e-5 (BatchNorm's). */
  readonly eps?: number;
  /** Default "sum" (the paper's loss); "none" gives the per-feature terms [D] whose sum is the loss; "mean" their mean. */
  readonly reduction?: Reduction;
}

const BARLOW_TWINS_LOSS_OPTIONS = optionNames<BarlowTwinsLossOptions>()("lambda", "eps", "reduction");

/**
 * Barlow Twins loss of two views `z1`, `z2` [N, D]: each standardised over the batch
 * ((z - mean)/sqrt(var + eps), biased variance, as BatchNorm1d without affine), the
 * cross-correlation C = ẑ1ᵀ ẑ2 / N, then Σ_i (1 - C_ii)² + λ Σ_{i≠j} C_ij². Needs N >= 2.
 */
export function barlowTwinsLoss(
  z1: tf.Tensor | number[][],
  z2: tf.Tensor | number[][],
  options: BarlowTwinsLossOptions = {},
): tf.Tensor {
  const fn = "barlowTwinsLoss";
  const opts = readOptions<BarlowTwinsLossOptions>(fn, options, BARLOW_TWINS_LOSS_OPTIONS);
  const lambda = optNumber(fn, "lambda", opts.lambda, 5e-3, { min: 0 });
  const eps = optNumber(fn, "eps", opts.eps, 1e-5, { min: 0 });
  const reduction = reductionOption(fn, opts.reduction, "sum");
  return tf.tidy(() => {
    const [a, b] = embeddingPair(z1, z2, fn, "z1", "z2", true);
    const n = a.shape[0]!;
    if (n < 2 || a.shape[1] === 0)
      fail(
        "empty_input",
        `${fn}: \`z1\` must have at least 2 rows and 1 feature, got shape [${a.shape.join(", ")}]`,
      );
    const standardise = (z: tf.Tensor) => {
      const { mean, variance } = tf.moments(z, 0);
      return tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, eps)));
    };
    const c = tf.div(tf.matMul(standardise(a), standardise(b), true, false), n);
    const eye = tf.eye(a.shape[1]!);
    const onDiagonal = tf.square(tf.sub(1, tf.sum(tf.mul(c, eye), 1)));
    const offDiagonal = tf.mul(lambda, tf.sum(tf.mul(tf.square(c), tf.sub(1, eye)), 1));
    return reduceLoss(tf.add(onDiagonal, offDiagonal), reduction);
  });
}
