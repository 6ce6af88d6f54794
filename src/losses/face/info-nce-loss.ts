import * as tf from "@tensorflow/tfjs-core";
import { crossEntropyRows } from "../classification/cross-entropy.js";
import { optBoolean, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { embeddingPair } from "../tensor-input.js";
import { l2Normalize } from "../tensor-math.js";

/** Options of {@link infoNceLoss}. */
export interface InfoNceLossOptions {
  /** Temperature τ > 0. Default 0.07 (CLIP's initial value). */
  readonly temperature?: number;
  /** Average the a→b and b→a cross-entropies (CLIP). Default true. */
  readonly symmetric?: boolean;
  /** "none": per-pair losses [N] (the average of both directions when symmetric). */
  readonly reduction?: Reduction;
}

const INFO_NCE_LOSS_OPTIONS = optionNames<InfoNceLossOptions>()("temperature", "symmetric", "reduction");

/**
 * InfoNCE over a batch of paired embeddings `a`, `b` [N, D]: row i of `b` is the positive of
 * row i of `a`, the other rows its negatives. Cosine similarities (rows L2-normalised, eps
 * 1e-12) divided by τ; cross-entropy with the diagonal as targets; `symmetric` (default)
 * averages both directions as CLIP does. Stable (log-softmax). Cost O(N²·D).
 */
export function infoNceLoss(
  a: tf.Tensor | number[][],
  b: tf.Tensor | number[][],
  options: InfoNceLossOptions = {},
): tf.Tensor {
  const fn = "infoNceLoss";
  const opts = readOptions<InfoNceLossOptions>(fn, options, INFO_NCE_LOSS_OPTIONS);
  const temperature = optNumber(fn, "temperature", opts.temperature, 0.07, { min: 0, minExclusive: true });
  const symmetric = optBoolean(fn, "symmetric", opts.symmetric, true);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const [x, y] = embeddingPair(a, b, fn, "a", "b");
    const n = x.shape[0]!;
    const logits = tf.div(tf.matMul(l2Normalize(x, 1), l2Normalize(y, 1), false, true), temperature);
    const targets = tf.range(0, n, 1, "int32");
    let perPair = crossEntropyRows(logits, targets);
    if (symmetric) perPair = tf.mul(0.5, tf.add(perPair, crossEntropyRows(tf.transpose(logits), targets)));
    return reduceLoss(perPair, reduction);
  });
}
