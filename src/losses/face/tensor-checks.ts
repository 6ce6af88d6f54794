import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { assertReduction, type Reduction } from "../reduction.js";

/**
 * Input and option checks shared by the losses of face/, depth/, generation/ and sequence/.
 * Shapes and options are checked eagerly; float tensors are not scanned for NaN (that would
 * force a device read on every training step), so NaN inputs propagate as in PyTorch. Integer
 * label tensors are read and checked, since an out-of-range label would be silently one-hot
 * encoded as zeros.
 */

/** A tensor or anything `tf.tensor` accepts (nested arrays, typed arrays). */
export type TensorInput = tf.Tensor | tf.TensorLike;

/** Converts `value` to a tensor (float32 unless `dtype` says otherwise); refuses non-numeric input. */
export function asTensor(
  value: unknown,
  fn: string,
  arg: string,
  dtype: "float32" | "int32" = "float32",
): tf.Tensor {
  if (value instanceof tf.Tensor) return value.dtype === dtype ? value : tf.cast(value, dtype);
  if (Array.isArray(value) || ArrayBuffer.isView(value) || typeof value === "number") {
    try {
      return tf.tensor(value as tf.TensorLike, undefined, dtype);
    } catch (error) {
      return fail(
        "invalid_value",
        `${fn}: \`${arg}\` must be a tensor or a rectangular numeric array, got ${describeValue(value)} (${(error as Error).message})`,
      );
    }
  }
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be a tensor or a numeric array, got ${describeValue(value)}`,
  );
}

/** Throws `shape_mismatch` unless `tensor` has rank `rank`. */
export function assertRank(tensor: tf.Tensor, rank: number, fn: string, arg: string, what = ""): void {
  if (tensor.rank !== rank) {
    fail(
      "shape_mismatch",
      `${fn}: \`${arg}\` must have rank ${rank}${what ? ` (${what})` : ""}, got shape [${tensor.shape.join(", ")}]`,
    );
  }
}

/** Throws `shape_mismatch` unless both tensors have the same shape. */
export function assertSameShape(a: tf.Tensor, b: tf.Tensor, fn: string, argA: string, argB: string): void {
  if (a.rank !== b.rank || a.shape.some((d, i) => d !== b.shape[i])) {
    fail(
      "shape_mismatch",
      `${fn}: \`${argA}\` and \`${argB}\` must have the same shape, got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]`,
    );
  }
}

/** Throws `shape_mismatch` unless `dimA` of `a` equals `dimB` of `b`. */
export function assertDimsAgree(
  a: tf.Tensor,
  dimA: number,
  b: tf.Tensor,
  dimB: number,
  fn: string,
  argA: string,
  argB: string,
): void {
  if (a.shape[dimA] !== b.shape[dimB]) {
    fail(
      "shape_mismatch",
      `${fn}: dimension ${dimA} of \`${argA}\` and dimension ${dimB} of \`${argB}\` must agree, got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]`,
    );
  }
}

/** Throws `empty_input` when the tensor has no elements. */
export function assertNonEmptyTensor(tensor: tf.Tensor, fn: string, arg: string): void {
  if (tensor.size === 0)
    fail("empty_input", `${fn}: \`${arg}\` must not be empty, got shape [${tensor.shape.join(", ")}]`);
}

/**
 * Reads and checks integer class labels in `[0, numClasses)`; returns them as an int32 tensor.
 */
export function labelTensor(value: unknown, numClasses: number, fn: string, arg: string): tf.Tensor {
  const labels = value instanceof tf.Tensor ? value : asTensor(value, fn, arg, "float32");
  const data = labels.dataSync();
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v))
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain integer class labels, got ${describeValue(v)} at index ${i}`,
      );
    if (v < 0 || v >= numClasses)
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain labels in [0, ${numClasses}), got ${v} at index ${i}`,
      );
  }
  return labels.dtype === "int32" ? labels : tf.cast(labels, "int32");
}

/** Reads a finite number option, with an optional open/closed lower bound. */
export function numberOption(
  value: unknown,
  fallback: number,
  fn: string,
  option: string,
  bound: { min?: number; exclusiveMin?: number; max?: number } = {},
): number {
  const v = value === undefined ? fallback : value;
  const ok =
    typeof v === "number" &&
    Number.isFinite(v) &&
    (bound.min === undefined || v >= bound.min) &&
    (bound.exclusiveMin === undefined || v > bound.exclusiveMin) &&
    (bound.max === undefined || v <= bound.max);
  if (!ok) {
    const parts: string[] = [];
    if (bound.min !== undefined) parts.push(`>= ${bound.min}`);
    if (bound.exclusiveMin !== undefined) parts.push(`> ${bound.exclusiveMin}`);
    if (bound.max !== undefined) parts.push(`<= ${bound.max}`);
    fail(
      "invalid_option",
      `${fn}: option \`${option}\` must be a finite number${parts.length ? ` ${parts.join(" and ")}` : ""}, got ${describeValue(v)}`,
    );
  }
  return v as number;
}

/** Reads a boolean option. */
export function booleanOption(value: unknown, fallback: boolean, fn: string, option: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    fail("invalid_option", `${fn}: option \`${option}\` must be true or false, got ${describeValue(value)}`);
  return value;
}

/** Reads a string-union option. */
export function choiceOption<T extends string>(
  value: unknown,
  fallback: T,
  choices: readonly T[],
  fn: string,
  option: string,
): T {
  const v = value === undefined ? fallback : value;
  if (typeof v !== "string" || !(choices as readonly string[]).includes(v)) {
    fail(
      "invalid_option",
      `${fn}: option \`${option}\` must be ${choices.map((c) => `"${c}"`).join(", ")}, got ${describeValue(v)}`,
    );
  }
  return v as T;
}

/** Reads the `reduction` option (default `"mean"`). */
export function reductionOption(value: unknown, fn: string, fallback: Reduction = "mean"): Reduction {
  return assertReduction(value === undefined ? fallback : value, fn);
}

/**
 * Square root whose gradient at 0 is 0 instead of infinity (the subgradient a distance needs
 * when two points coincide): sqrt(max(x, tiny)) where x > 0, else 0. The value equals sqrt(x).
 */
export function safeSqrt(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const positive = stepMask(x);
    return tf.mul(positive, tf.sqrt(tf.add(x, tf.sub(1, positive))));
  });
}

/**
 * 1 where x > 0, else 0, as float32, through `tf.step` (whose gradient is registered as zero).
 * Comparison ops (`tf.greater`) have no gradient in TensorFlow.js, so a mask derived from a
 * differentiable tensor must not use them; blend with {@link select} instead of `tf.where`.
 */
export function stepMask(x: tf.Tensor): tf.Tensor {
  return tf.step(x, 0);
}

/** mask·a + (1 - mask)·b for a 0/1 float mask (a differentiable `tf.where`; a and b must be finite). */
export function select(mask: tf.Tensor, a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor {
  return tf.tidy(() => tf.add(tf.mul(mask, a), tf.mul(tf.sub(1, mask), b)));
}

/**
 * Rows scaled to unit L2 norm: x / max(||x||, 1e-12) along `axis`, as PyTorch's
 * `F.normalize(eps=1e-12)`. The norm is sqrt(max(sum x^2, 1e-24)), which has the same value and
 * a finite gradient for an all-zero row.
 */
export function l2Normalize(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.tidy(() => tf.div(x, tf.sqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-24))));
}

/** Row-wise cross-entropy of logits [N, C] against integer labels [N] (int32), stable via logSoftmax. */
export function crossEntropyRows(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits, -1);
    const oneHot = tf.oneHot(tf.cast(labels, "int32"), logits.shape[logits.rank - 1]!);
    return tf.neg(tf.sum(tf.mul(logProbs, oneHot), -1));
  });
}

const stopGradientOp = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  // d(stop(x))/dx = 0: the value passes through, no gradient flows back.
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]);

/** The value of `x` as a constant for autodiff (TensorFlow's `tf.stop_gradient`, PyTorch's `.detach()`). */
export function stopGradient(x: tf.Tensor): tf.Tensor {
  return stopGradientOp(x) as tf.Tensor;
}

/**
 * |x| with PyTorch's gradient sign(x) (0 at x = 0). TensorFlow.js' `tf.abs` gradient is -1 at
 * exactly 0, which would push equal predictions apart.
 */
export function absolute(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sign(x)));
}
