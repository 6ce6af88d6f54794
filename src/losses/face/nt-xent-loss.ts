import * as tf from "@tensorflow/tfjs-core";
import { crossEntropyRows } from "../classification/cross-entropy.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { embeddingPair } from "../tensor-input.js";
import { l2Normalize } from "../tensor-math.js";

/** Options of {@link ntXentLoss}. */
export interface NtXentLossOptions {
  /** Temperature τ > 0. Default 0.5 (SimCLR's CIFAR setting). */
  readonly temperature?: number;
  /** "none": the 2N per-view losses (views of `a` first, then of `b`). */
  readonly reduction?: Reduction;
}

const NT_XENT_LOSS_OPTIONS = optionNames<NtXentLossOptions>()("temperature", "reduction");

/**
 * NT-Xent of SimCLR over two views `a`, `b` [N, D]: the 2N normalised views, each one's
 * positive is its other view, the remaining 2N-2 its negatives; self-similarity is excluded.
 * Formula: ℓ_i = -log( exp(s_{i,pos(i)}/τ) / Σ_{k≠i} exp(s_{ik}/τ) ), mean over the 2N views.
 * The diagonal is masked with a large negative number (-1e9 after scaling) instead of -inf so
 * the gradient stays finite. Cost O(N²·D).
 */
export function ntXentLoss(
  a: tf.Tensor | number[][],
  b: tf.Tensor | number[][],
  options: NtXentLossOptions = {},
): tf.Tensor {
  const fn = "ntXentLoss";
  const opts = readOptions<NtXentLossOptions>(fn, options, NT_XENT_LOSS_OPTIONS);
  const temperature = optNumber(fn, "temperature", opts.temperature, 0.5, { min: 0, minExclusive: true });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const [x, y] = embeddingPair(a, b, fn, "a", "b");
    const n = x.shape[0]!;
    const z = l2Normalize(tf.concat([x, y], 0), 1);
    const eye = tf.eye(2 * n);
    const logits = tf.sub(
      tf.mul(tf.div(tf.matMul(z, z, false, true), temperature), tf.sub(1, eye)),
      tf.mul(eye, 1e9),
    );
    const targets = tf.concat([tf.range(n, 2 * n, 1, "int32"), tf.range(0, n, 1, "int32")]);
    return reduceLoss(crossEntropyRows(logits, targets), reduction);
  });
}
