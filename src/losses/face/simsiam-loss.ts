import * as tf from "@tensorflow/tfjs-core";
import { stopGradient } from "../gradient-tools.js";
import { optionNames, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertNonEmptyTensor, assertRank, assertSameShape, asTensor } from "../tensor-input.js";
import { l2Normalize } from "../tensor-math.js";

/** Options of {@link simSiamLoss}. */
export interface SimSiamLossOptions {
  /** "none": per-sample losses [N]. */
  readonly reduction?: Reduction;
}

const SIM_SIAM_LOSS_OPTIONS = optionNames<SimSiamLossOptions>()("reduction");

/**
 * SimSiam's symmetric negative cosine similarity between predictor outputs `p1`, `p2` and
 * projector outputs `z1`, `z2` (all [N, D]); the z's are stop-gradient targets. Per sample
 * L_i = -0.5·(cos(p1_i, z2_i) + cos(p2_i, z1_i)); range [-1, 1]. Cost O(N·D).
 */
export function simSiamLoss(
  p1: tf.Tensor | number[][],
  p2: tf.Tensor | number[][],
  z1: tf.Tensor | number[][],
  z2: tf.Tensor | number[][],
  options: SimSiamLossOptions = {},
): tf.Tensor {
  const fn = "simSiamLoss";
  const opts = readOptions<SimSiamLossOptions>(fn, options, SIM_SIAM_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const tensors = [
      asTensor(p1, fn, "p1"),
      asTensor(p2, fn, "p2"),
      asTensor(z1, fn, "z1"),
      asTensor(z2, fn, "z2"),
    ] as const;
    assertRank(tensors[0], 2, fn, "p1", "[batch, features]");
    assertSameShape(tensors[0], tensors[1], fn, "p1", "p2");
    assertSameShape(tensors[0], tensors[2], fn, "p1", "z1");
    assertSameShape(tensors[0], tensors[3], fn, "p1", "z2");
    assertNonEmptyTensor(tensors[0], fn, "p1");
    const [a1, a2, b1, b2] = tensors;
    const negCos = (p: tf.Tensor, z: tf.Tensor) =>
      tf.neg(tf.sum(tf.mul(l2Normalize(p, 1), l2Normalize(stopGradient(z), 1)), 1));
    return reduceLoss(tf.mul(0.5, tf.add(negCos(a1, b2), negCos(a2, b1))), reduction);
  });
}
