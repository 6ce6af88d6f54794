import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { assertLabels } from "../../core/validate.js";
import { asLabels, asTensor, type TensorInput } from "../tensor-input.js";

/** Scores laid out as rows of classes, with the labels and the unreduced output shape. */
export interface ClassRows {
  /** [M, C] scores, one row per sample (and spatial position). */
  readonly rows: tf.Tensor2D;
  /** [M] int32 labels (class-index targets), or undefined for probability targets. */
  readonly labels?: tf.Tensor1D;
  /** [M, C] probability targets, when the target has the input's shape. */
  readonly probabilities?: tf.Tensor2D;
  /** Shape of the unreduced loss: the input shape without the class axis. */
  readonly outShape: number[];
  readonly numClasses: number;
}

/**
 * PyTorch layout: `input` is [N, C] or [N, C, d1, ...] (classes on axis 1); `target` is class
 * indices [N] / [N, d1, ...] or probabilities of the input's shape. Moves the class axis last and
 * flattens to rows. Class-index targets are checked (integers in [0, C) or `ignoreIndex`); this
 * reads the labels back from the backend, O(M).
 */
export function classRows(
  input: TensorInput,
  target: TensorInput,
  fn: string,
  ignoreIndex?: number,
): ClassRows {
  const $input = asTensor(input, fn, "input");
  if ($input.rank < 1) fail("shape_mismatch", `${fn}: \`input\` must have rank >= 1, got a scalar`);
  const numClasses = $input.rank === 1 ? $input.shape[0]! : $input.shape[1]!;
  const batched = $input.rank === 1 ? tf.expandDims($input, 0) : $input;
  const perm = [0, ...batched.shape.slice(2).map((_, i) => i + 2), 1];
  const moved = batched.rank > 2 ? tf.transpose(batched, perm) : batched;
  const rows = tf.reshape(moved, [-1, numClasses]) as tf.Tensor2D;
  const outShape = $input.rank === 1 ? [] : [$input.shape[0]!, ...$input.shape.slice(2)];
  const rawTarget = target instanceof tf.Tensor ? target : asTensor(target, fn, "target");
  if (rawTarget.shape.join() === $input.shape.join()) {
    const asFloat = rawTarget.dtype === "float32" ? rawTarget : tf.cast(rawTarget, "float32");
    const t = $input.rank === 1 ? tf.expandDims(asFloat, 0) : asFloat;
    const tm = t.rank > 2 ? tf.transpose(t, perm) : t;
    return { rows, probabilities: tf.reshape(tm, [-1, numClasses]) as tf.Tensor2D, outShape, numClasses };
  }
  if (rawTarget.shape.join() !== outShape.join()) {
    fail(
      "shape_mismatch",
      `${fn}: \`target\` must be class indices of shape [${outShape}] or probabilities of shape [${$input.shape}], got [${rawTarget.shape}]`,
    );
  }
  const labels = asLabels(rawTarget, fn, "target");
  if (rawTarget.dtype !== "int32") {
    const raw = rawTarget.dataSync();
    assertLabels(raw, numClasses, fn, "target", ignoreIndex);
  } else {
    assertLabels(labels.dataSync(), numClasses, fn, "target", ignoreIndex);
  }
  return { rows, labels: tf.reshape(labels, [-1]) as tf.Tensor1D, outShape, numClasses };
}

/** Per-class weights as a [C] float tensor, checked against the number of classes. */
export function classWeights(
  weight: TensorInput | undefined,
  numClasses: number,
  fn: string,
): tf.Tensor1D | undefined {
  if (weight === undefined) return undefined;
  const w = asTensor(weight, fn, "weight");
  if (w.rank !== 1 || w.shape[0] !== numClasses) {
    fail("shape_mismatch", `${fn}: option \`weight\` must have shape [${numClasses}], got [${w.shape}]`);
  }
  return w as tf.Tensor1D;
}

/**
 * Keras-side target adapter for losses that need class indices: `yTrue` one-hot of `yPred`'s
 * shape becomes argmax indices (tfjs-layers' `model.fit` only accepts targets of the output's
 * shape for custom losses); indices [N] or [N, 1] are reshaped to [N].
 */
export function sparseTargets(yTrue: tf.Tensor, yPred: tf.Tensor): [tf.Tensor, tf.Tensor] {
  if (yTrue.shape.join() === yPred.shape.join()) return [yPred, tf.argMax(yTrue, -1)];
  return [yPred, tf.cast(tf.reshape(yTrue, [yPred.shape[0]!]), "int32")];
}

/**
 * Labels with `ignoreIndex` replaced by class 0 (`safe`, for one-hot/gather) and the float32
 * mask of the kept ones (`valid`); the ignored positions must then be multiplied by `valid`.
 */
export function maskIgnored(
  labels: tf.Tensor1D,
  ignoreIndex: number,
): { safe: tf.Tensor1D; valid: tf.Tensor } {
  const keep = tf.notEqual(labels, ignoreIndex);
  return {
    safe: tf.where(keep, labels, tf.zerosLike(labels)) as tf.Tensor1D,
    valid: tf.cast(keep, "float32"),
  };
}

/**
 * {@link classRows} for the losses that need class-index targets: probability targets are a
 * `shape_mismatch`.
 */
export function indexRows(
  input: TensorInput,
  target: TensorInput,
  fn: string,
  ignoreIndex?: number,
): ClassRows & { readonly labels: tf.Tensor1D } {
  const layout = classRows(input, target, fn, ignoreIndex);
  const { labels, outShape } = layout;
  if (!labels)
    fail(
      "shape_mismatch",
      `${fn}: \`target\` must hold class indices of shape [${outShape}], got probabilities`,
    );
  return { ...layout, labels };
}
