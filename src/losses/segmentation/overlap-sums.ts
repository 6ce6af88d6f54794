import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { assertLabels } from "../../core/validate.js";
import { numberOption, reductionOf } from "../options.js";
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

export const overlapModes: readonly OverlapMode[] = ["global", "per-image", "per-class", "per-image-class"];

export function assertMode(value: unknown, fn: string): OverlapMode {
  const mode = value ?? "global";
  if (!overlapModes.includes(mode as OverlapMode)) {
    fail(
      "invalid_option",
      `${fn}: option \`mode\` must be one of ${overlapModes.map((m) => JSON.stringify(m)).join(", ")}, got ${describeValue(mode)}`,
    );
  }
  return mode as OverlapMode;
}

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
    tp: tf.sum(tf.mul(probs, target), axes),
    predicted: tf.sum(probs, axes),
    actual: tf.sum(target, axes),
  };
}

/**
 * The skeleton of the soft overlap losses (Dice, Jaccard, Tversky): reads `reduction`, `mode`,
 * `smooth` (default 0) and `eps` (default 1e-7), aligns the targets, takes the overlap sums per
 * group of the mode, turns them into per-group losses with `perGroup`, and reduces. Runs inside
 * `tf.tidy`. O(n).
 */
export function overlapLoss(
  fn: string,
  input: TensorInput,
  target: TensorInput,
  options: {
    readonly reduction?: Reduction;
    readonly mode?: OverlapMode;
    readonly smooth?: number;
    readonly eps?: number;
    readonly ignoreIndex?: number;
  },
  perGroup: (sums: OverlapSums, smooth: number, eps: number) => tf.Tensor,
): tf.Tensor {
  const reduction = reductionOf(options, fn);
  const mode = assertMode(options.mode, fn);
  const smooth = numberOption(options.smooth, 0, fn, "smooth", { min: 0 });
  const eps = numberOption(options.eps, 1e-7, fn, "eps", { min: 0 });
  return tf.tidy(() => {
    const { probs, target: t } = alignTargets(input, target, fn, options.ignoreIndex);
    return reduceLoss(perGroup(overlapSums(probs, t, mode, fn), smooth, eps), reduction);
  });
}
