import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { assertLabels } from "../../core/validate.js";
import { accurateSum } from "../accurate-sum.js";
import { optInteger, optionNames, optNumber, optOneOf, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { asLabels, assertSameShape, asTensor, type TensorInput } from "../tensor-input.js";

/** Over which elements the overlap sums run. */
export type OverlapMode = "global" | "per-image" | "per-class" | "per-image-class";

/** Soft true positives and the two totals, one entry per group of the mode. */
export interface OverlapSums {
  /** sum p t */
  readonly tp: tf.Tensor;
  /** sum p */
  readonly predicted: tf.Tensor;
  /** sum t */
  readonly actual: tf.Tensor;
}

/** Options of {@link softDiceLoss} (also used by the Jaccard and Tversky losses). */
export interface SoftOverlapOptions {
  /** Added to numerator and denominator. 0 (default) scores empty-vs-empty as loss 1; 1 scores it 0. */
  readonly smooth?: number;
  /** Lower clamp of the denominator, so that 0/0 is 0 instead of NaN. Default 1e-7. */
  readonly eps?: number;
  /**
   * `global`: one score over every element (Keras-style, default); `per-image`: one per sample;
   * `per-class`: one per class over the batch (input [N, C, ...]); `per-image-class`: one per
   * sample and class (MONAI-style).
   */
  readonly mode?: OverlapMode;
  /** With class-index targets, pixels with this label are left out. */
  readonly ignoreIndex?: number;
  /** How the per-group losses combine. Default `"mean"`. */
  readonly reduction?: Reduction;
}

export const SOFT_OVERLAP_OPTIONS = optionNames<SoftOverlapOptions>()(
  "smooth",
  "eps",
  "mode",
  "ignoreIndex",
  "reduction",
);

export const overlapModes: readonly OverlapMode[] = ["global", "per-image", "per-class", "per-image-class"];

/** Moves axis 1 (classes) last and applies softmax there, then moves it back. */
export function softmaxAxis1(x: tf.Tensor): tf.Tensor {
  if (x.rank <= 2) return tf.softmax(x);
  const perm = [0, ...x.shape.slice(2).map((_, i) => i + 2), 1];
  const back = [0, x.rank - 1, ...x.shape.slice(2).map((_, i) => i + 1)];
  return tf.transpose(tf.softmax(tf.transpose(x, perm)), back);
}

/**
 * Probabilities and targets of the same shape. `target` is either soft/one-hot of the input's
 * shape, or class indices [N, d1, ...] for an input [N, C, d1, ...] (one-hot encoded here; with
 * `ignoreIndex` those pixels are removed from both by a mask).
 */
export function alignTargets(
  input: TensorInput,
  target: TensorInput,
  fn: string,
  ignoreIndex?: number,
): { probs: tf.Tensor; target: tf.Tensor } {
  const p = asTensor(input, fn, "input");
  const t = target instanceof tf.Tensor ? target : asTensor(target, fn, "target");
  if (t.shape.join() === p.shape.join() && t.dtype !== "int32") {
    if (ignoreIndex !== undefined)
      fail(
        "invalid_option",
        `${fn}: option \`ignoreIndex\` needs class-index targets, got targets of the input's shape`,
      );
    return { probs: p, target: t };
  }
  const expected = [p.shape[0]!, ...p.shape.slice(2)];
  if (p.rank < 2 || t.shape.join() !== expected.join()) {
    fail(
      "shape_mismatch",
      `${fn}: \`target\` must have the input's shape [${p.shape}] or be class indices [${expected}], got [${t.shape}]`,
    );
  }
  const numClasses = p.shape[1]!;
  const labels = asLabels(t, fn, "target");
  assertLabels(t.dataSync(), numClasses, fn, "target", ignoreIndex);
  const valid = ignoreIndex === undefined ? undefined : tf.notEqual(labels, ignoreIndex);
  const safe = valid ? tf.where(valid, labels, tf.zerosLike(labels)) : labels;
  const oneHot = tf.oneHot(safe, numClasses);
  const back = [0, oneHot.rank - 1, ...expected.slice(1).map((_, i) => i + 1)];
  let oneHotAxis1 = oneHot.rank > 2 ? tf.transpose(oneHot, back) : oneHot;
  let probs = p;
  if (valid) {
    const mask = tf.expandDims(tf.cast(valid, "float32"), 1);
    oneHotAxis1 = tf.mul(oneHotAxis1, mask);
    probs = tf.mul(probs, mask);
  }
  return { probs, target: oneHotAxis1 };
}

/** The axes to sum over for each mode (the remaining axes index the groups). */
export function sumAxes(rank: number, mode: OverlapMode, fn: string): number[] {
  const all = Array.from({ length: rank }, (_, i) => i);
  if (mode === "global") return all;
  if (mode === "per-image") return all.slice(1);
  if ((mode === "per-class" || mode === "per-image-class") && rank < 2) {
    fail("shape_mismatch", `${fn}: mode "${mode}" needs input [N, C, ...], got rank ${rank}`);
  }
  if (mode === "per-class") return all.filter((a) => a !== 1);
  return all.slice(2);
}

/** sum p t, sum p and sum t per group of `mode`. */
export function overlapSums(probs: tf.Tensor, target: tf.Tensor, mode: OverlapMode, fn: string): OverlapSums {
  assertSameShape(probs, target, fn, "input", "target");
  const axes = sumAxes(probs.rank, mode, fn);
  return {
    tp: accurateSum(tf.mul(probs, target), axes),
    predicted: accurateSum(probs, axes),
    actual: accurateSum(target, axes),
  };
}

/**
 * The skeleton of the soft overlap losses (Dice, Jaccard, Tversky): takes their options already
 * read (`readOptions`), parses `reduction`, `mode`, `smooth` (default 0), `eps` (default 1e-7)
 * and `ignoreIndex`, aligns the targets, takes the overlap sums per
 * group of the mode, turns them into per-group losses with `perGroup`, and reduces. Runs inside
 * `tf.tidy`. O(n).
 */
export function overlapLoss(
  fn: string,
  input: TensorInput,
  target: TensorInput,
  options: SoftOverlapOptions,
  perGroup: (sums: OverlapSums, smooth: number, eps: number) => tf.Tensor,
): tf.Tensor {
  const reduction = reductionOption(fn, options.reduction);
  const mode = optOneOf(fn, "mode", options.mode, overlapModes, "global");
  const smooth = optNumber(fn, "smooth", options.smooth, 0, { min: 0 });
  const eps = optNumber(fn, "eps", options.eps, 1e-7, { min: 0 });
  const ignoreIndex = optInteger(fn, "ignoreIndex", options.ignoreIndex, undefined);
  return tf.tidy(() => {
    const { probs, target: t } = alignTargets(input, target, fn, ignoreIndex);
    return reduceLoss(perGroup(overlapSums(probs, t, mode, fn), smooth, eps), reduction);
  });
}
