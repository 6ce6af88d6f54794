import * as tf from "@tensorflow/tfjs-core";
import { pairLossFactory } from "../factory.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertSameShape, asTensor, type TensorInput } from "../tensor-input.js";

/** Options of {@link marginRankingLoss}. */
export interface MarginRankingLossOptions {
  /** Default 0. */
  readonly margin?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const MARGIN_RANKING_LOSS_OPTIONS = optionNames<MarginRankingLossOptions>()("margin", "reduction");

/**
 * Pairwise ranking hinge: max(0, -y (x1 - x2) + margin) with y = 1 when x1 should rank higher.
 * Matches torch 2.11 `F.margin_ranking_loss`. O(n).
 */
export function marginRankingLoss(
  input1: TensorInput,
  input2: TensorInput,
  target: TensorInput,
  options: MarginRankingLossOptions = {},
): tf.Tensor {
  const fn = "marginRankingLoss";
  const opts = readOptions<MarginRankingLossOptions>(fn, options, MARGIN_RANKING_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const margin = optNumber(fn, "margin", opts.margin, 0);
  return tf.tidy(() => {
    const a = asTensor(input1, fn, "input1");
    const b = asTensor(input2, fn, "input2");
    const y = asTensor(target, fn, "target");
    assertSameShape(a, b, fn, "input1", "input2");
    assertSameShape(a, y, fn, "input1", "target");
    return reduceLoss(tf.relu(tf.add(tf.neg(tf.mul(y, tf.sub(a, b))), margin)), reduction);
  });
}

/** Keras-style form of {@link marginRankingLoss}: `yPred` [N, 2] holds (x1, x2) per row, `yTrue` [N] or [N, 1] the +-1 labels. */
export const marginRankingLossFactory = pairLossFactory(marginRankingLoss, {
  name: "marginRankingLoss",
  options: MARGIN_RANKING_LOSS_OPTIONS,
  split: (yPred) => {
    const [a, b] = tf.split(yPred, 2, -1);
    return [tf.reshape(a!, [-1]), tf.reshape(b!, [-1])];
  },
});
