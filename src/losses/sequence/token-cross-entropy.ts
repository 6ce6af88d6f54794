import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { accurateSum } from "../accurate-sum.js";
import { crossEntropy } from "../classification/cross-entropy.js";
import { lossFactory } from "../factory.js";
import { optInteger, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { assertRank, asTensor } from "../tensor-input.js";

/** Options of {@link tokenCrossEntropy}. */
export interface TokenCrossEntropyOptions {
  /** Target value marking padding (left out). Default -100, PyTorch's `ignore_index`. */
  readonly ignoreIndex?: number;
  /** Optional 0/1 padding mask [N, T] (1 = real token); combined with `ignoreIndex`. */
  readonly mask?: tf.Tensor;
  /** Label smoothing ε in [0, 1): targets (1-ε)·onehot + ε/V, as PyTorch. Default 0. */
  readonly labelSmoothing?: number;
  /**
   * "mean" (default): summed over real tokens, divided by their number (PyTorch's
   * `F.cross_entropy(..., ignore_index)`; NaN when every token is padding, as PyTorch);
   * "sum"; "none": the [N, T] map with 0 at padding.
   */
  readonly reduction?: Reduction;
}

const TOKEN_CROSS_ENTROPY_OPTIONS = optionNames<TokenCrossEntropyOptions>()(
  "ignoreIndex",
  "mask",
  "labelSmoothing",
  "reduction",
);

/**
 * Cross-entropy of next-token `logits` [N, T, V] (or [T, V]) against integer `targets` [N, T],
 * leaving out padding (targets equal to `ignoreIndex`, or `mask` 0): the rows of
 * {@link crossEntropy}, stable for any logit. With label smoothing the per-token loss is
 * (1-ε)·NLL + ε·mean_v(-log p_v), as PyTorch. Cost O(N·T·V).
 */
export function tokenCrossEntropy(
  logits: tf.Tensor,
  targets: tf.Tensor | number[][] | number[],
  options: TokenCrossEntropyOptions = {},
): tf.Tensor {
  const fn = "tokenCrossEntropy";
  const opts = readOptions<TokenCrossEntropyOptions>(fn, options, TOKEN_CROSS_ENTROPY_OPTIONS);
  const ignoreIndex = optInteger(fn, "ignoreIndex", opts.ignoreIndex, -100);
  const smoothing = optNumber(fn, "labelSmoothing", opts.labelSmoothing, 0, { min: 0, max: 0.999999 });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const z = asTensor(logits, fn, "logits");
    if (z.rank !== 3 && z.rank !== 2)
      fail(
        "shape_mismatch",
        `${fn}: \`logits\` must have rank 3 ([batch, time, vocab]) or 2 ([time, vocab]), got shape [${z.shape.join(", ")}]`,
      );
    const vocab = z.shape[z.rank - 1]!;
    const y = asTensor(targets, fn, "targets");
    const positions = z.shape.slice(0, -1);
    if (y.rank !== positions.length || y.shape.some((d, i) => d !== positions[i])) {
      fail(
        "shape_mismatch",
        `${fn}: \`targets\` must have shape [${positions.join(", ")}] (the logits without the vocabulary axis), got [${y.shape.join(", ")}]`,
      );
    }
    const data = y.dataSync();
    const keep = new Float32Array(data.length);
    const labels = new Int32Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      labels[i] = ignoreIndex;
      if (v === ignoreIndex) continue;
      if (!Number.isInteger(v) || v < 0 || v >= vocab)
        fail(
          "invalid_value",
          `${fn}: \`targets\` must contain token ids in [0, ${vocab}) or ignoreIndex ${ignoreIndex}, got ${describeValue(v)} at index ${i}`,
        );
      keep[i] = 1;
      labels[i] = v;
    }
    let weights: tf.Tensor = tf.tensor(keep, y.shape);
    if (opts.mask !== undefined) {
      const mask = asTensor(opts.mask, fn, "mask");
      assertRank(mask, y.rank, fn, "mask", "the targets' shape");
      weights = tf.mul(weights, mask);
    }
    // the rows of crossEntropy (its one-softmax forward and scatter backward), 0 at ignored tokens
    const rows = crossEntropy(tf.reshape(z, [-1, vocab]), tf.tensor1d(labels, "int32"), {
      ignoreIndex,
      labelSmoothing: smoothing,
      reduction: "none",
    });
    const perToken = tf.reshape(rows, y.shape);
    const masked = tf.mul(perToken, weights);
    if (reduction === "none") return masked;
    if (reduction === "sum") return accurateSum(masked);
    return tf.div(accurateSum(masked), accurateSum(weights));
  });
}

/** Keras-style form of {@link tokenCrossEntropy}: `yTrue` the token ids [N, T], `yPred` the logits [N, T, V]. */
export const tokenCrossEntropyFactory = lossFactory<TokenCrossEntropyOptions>(
  (logits, targets, options) => tokenCrossEntropy(logits, targets, options),
  { name: "tokenCrossEntropy", options: TOKEN_CROSS_ENTROPY_OPTIONS },
);
