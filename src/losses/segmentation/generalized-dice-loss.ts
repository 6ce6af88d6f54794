import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";
import { alignTargets } from "./overlap-sums.js";

/** Options of {@link generalizedDiceLoss}. */
export interface GeneralizedDiceLossOptions {
  /** Added to numerator and denominator. Default 1e-5 (MONAI's smooth_nr = smooth_dr). */
  readonly smooth?: number;
  /** `batch` (default): sums over the batch; `per-image`: one loss per sample. */
  readonly mode?: "batch" | "per-image";
  /** With class-index targets, pixels with this label are left out. */
  readonly ignoreIndex?: number;
  /** How per-image losses combine. Default `"mean"`. */
  readonly reduction?: Reduction;
}

const GENERALIZED_DICE_LOSS_OPTIONS = optionNames<GeneralizedDiceLossOptions>()(
  "smooth",
  "mode",
  "ignoreIndex",
  "reduction",
);

/**
 * Generalized Dice loss (Sudre et al. 2017): with class weights w_c = 1 / (sum t_c)^2,
 *   loss = 1 - (2 sum_c w_c sum p_c t_c + s) / (sum_c w_c sum (p_c + t_c) + s).
 * A class absent from the target (infinite weight) takes the largest finite weight, as MONAI
 * 1.x `GeneralizedDiceLoss` does. Input [N, C, ...] probabilities; targets as
 * {@link softDiceLoss}. Re-weights rare classes: for multi-class imbalance. O(n).
 */
export function generalizedDiceLoss(
  input: TensorInput,
  target: TensorInput,
  options: GeneralizedDiceLossOptions = {},
): tf.Tensor {
  const fn = "generalizedDiceLoss";
  const opts = readOptions<GeneralizedDiceLossOptions>(fn, options, GENERALIZED_DICE_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const smooth = optNumber(fn, "smooth", opts.smooth, 1e-5, { min: 0 });
  const mode = optOneOf(fn, "mode", opts.mode, ["batch", "per-image"], "batch");
  const ignoreIndex = optInteger(fn, "ignoreIndex", opts.ignoreIndex, undefined);
  return tf.tidy(() => {
    const { probs, target: t } = alignTargets(input, target, fn, ignoreIndex);
    if (probs.rank < 2) fail("shape_mismatch", `${fn}: \`input\` must be [N, C, ...], got [${probs.shape}]`);
    const spatial = Array.from({ length: probs.rank - 2 }, (_, i) => i + 2);
    const axes = mode === "batch" ? [0, ...spatial] : spatial;
    const sum = (x: tf.Tensor) => (axes.length === 0 ? x : accurateSum(x, axes));
    const tp = sum(tf.mul(probs, t));
    const total = sum(tf.add(probs, t));
    const counts = sum(t);
    // weights depend on the target only: no gradient flows through them
    const present = tf.greater(counts, 0);
    const raw = tf.where(
      present,
      tf.div(1, tf.square(tf.where(present, counts, tf.onesLike(counts)))),
      tf.zerosLike(counts),
    );
    const maxWeight = tf.max(raw, -1, true);
    const weights = tf.where(present, raw, tf.broadcastTo(maxWeight, raw.shape));
    const numerator = tf.add(tf.mul(2, tf.sum(tf.mul(weights, tp), -1)), smooth);
    const denominator = tf.add(tf.sum(tf.mul(weights, total), -1), smooth);
    const loss = tf.sub(1, tf.div(numerator, denominator));
    if (mode === "batch" || reduction === "none") return loss;
    return reduction === "sum" ? tf.sum(loss) : tf.mean(loss);
  });
}

/** Keras-style form of {@link generalizedDiceLoss} (`yPred` [N, C, ...] probabilities, `yTrue` one-hot of the same shape). */
export const generalizedDiceLossFactory = lossFactory(generalizedDiceLoss, {
  name: "generalizedDiceLoss",
  options: GENERALIZED_DICE_LOSS_OPTIONS,
});
