import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { optBoolean, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertNonEmptyTensor, assertSameShape, asTensor } from "../tensor-input.js";
import { pairwiseDistance } from "./pairwise-distance.js";

/** Options of {@link tripletMarginLoss}. */
export interface TripletMarginLossOptions {
  /** Margin α. Default 1. */
  readonly margin?: number;
  /** Norm degree p >= 1 (or Infinity). Default 2. */
  readonly p?: number;
  /** Added to the difference before the norm, as PyTorch does. Default 1e-6. */
  readonly eps?: number;
  /** Distance swap (Balntas et al. 2016): use min(d(a,n), d(p,n)) as the negative distance. Default false. */
  readonly swap?: boolean;
  readonly reduction?: Reduction;
}

const TRIPLET_MARGIN_LOSS_OPTIONS = optionNames<TripletMarginLossOptions>()(
  "margin",
  "p",
  "eps",
  "swap",
  "reduction",
);

/**
 * Triplet margin loss on given triplets: `anchor`, `positive`, `negative` [N, D] (or [D] for
 * one triplet). Formula: L_i = max(d(a_i, p_i) - d(a_i, n_i) + margin, 0) with
 * d(x, y) = ||x - y + eps||_p; with `swap`, d(a, n) is replaced by min(d(a, n), d(p, n)).
 * Matches torch 2.11 `F.triplet_margin_loss` (same eps placement, same defaults). The
 * distance has the zero subgradient where two points coincide instead of NaN. Cost O(N·D).
 */
export function tripletMarginLoss(
  anchor: tf.Tensor | number[][],
  positive: tf.Tensor | number[][],
  negative: tf.Tensor | number[][],
  options: TripletMarginLossOptions = {},
): tf.Tensor {
  const fn = "tripletMarginLoss";
  const opts = readOptions<TripletMarginLossOptions>(fn, options, TRIPLET_MARGIN_LOSS_OPTIONS);
  const margin = optNumber(fn, "margin", opts.margin, 1);
  // p may be Infinity (the max norm), which optNumber's finiteness check would refuse
  const p = opts.p === Number.POSITIVE_INFINITY ? opts.p : optNumber(fn, "p", opts.p, 2, { min: 1 });
  const eps = optNumber(fn, "eps", opts.eps, 1e-6, { min: 0 });
  const swap = optBoolean(fn, "swap", opts.swap, false);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const a = asTensor(anchor, fn, "anchor");
    const pos = asTensor(positive, fn, "positive");
    const neg = asTensor(negative, fn, "negative");
    if (a.rank !== 1 && a.rank !== 2)
      fail(
        "shape_mismatch",
        `${fn}: \`anchor\` must have rank 1 or 2 ([features] or [batch, features]), got shape [${a.shape.join(", ")}]`,
      );
    assertSameShape(a, pos, fn, "anchor", "positive");
    assertSameShape(a, neg, fn, "anchor", "negative");
    assertNonEmptyTensor(a, fn, "anchor");
    const dPos = pairwiseDistance(a, pos, p, eps);
    let dNeg = pairwiseDistance(a, neg, p, eps);
    if (swap) dNeg = tf.minimum(dNeg, pairwiseDistance(pos, neg, p, eps));
    return reduceLoss(tf.relu(tf.add(tf.sub(dPos, dNeg), margin)), reduction);
  });
}
