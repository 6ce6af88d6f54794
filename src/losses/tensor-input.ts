import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../core/errors.js";
import { assertReduction, type Reduction } from "./reduction.js";

/** A tensor or anything `tf.tensor` accepts (nested arrays, typed arrays). */
export type TensorInput = tf.Tensor | tf.TensorLike;

/**
 * Converts a loss argument to a tensor. Tensors pass through untouched (so gradients flow);
 * arrays become float32 (or int32 when `dtype` says so). Anything else is `invalid_value`.
 */
export function asTensor(
  value: TensorInput,
  fn: string,
  arg: string,
  dtype: "float32" | "int32" = "float32",
): tf.Tensor {
  if (value instanceof tf.Tensor) return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value) || typeof value === "number") {
    return tf.tensor(value as tf.TensorLike, undefined, dtype);
  }
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be a tf.Tensor or TensorLike, got ${describeValue(value)}`,
  );
}

/** `int32` copy of a label tensor (float labels are truncated toward zero like a cast). */
export function asLabels(value: TensorInput, fn: string, arg: string): tf.Tensor {
  const t = asTensor(value, fn, arg, "int32");
  return t.dtype === "int32" ? t : tf.cast(t, "int32");
}

/** Throws `shape_mismatch` unless the shapes are equal. */
export function assertSameShape(a: tf.Tensor, b: tf.Tensor, fn: string, argA: string, argB: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    fail(
      "shape_mismatch",
      `${fn}: \`${argA}\` and \`${argB}\` must have the same shape, got [${a.shape}] and [${b.shape}]`,
    );
  }
}

/** Throws `shape_mismatch` unless `t` has the given rank (or one of the ranks). */
export function assertRank(t: tf.Tensor, ranks: readonly number[], fn: string, arg: string): void {
  if (!ranks.includes(t.rank)) {
    fail("shape_mismatch", `${fn}: \`${arg}\` must have rank ${ranks.join(" or ")}, got shape [${t.shape}]`);
  }
}

/** The `reduction` option with its default, validated. */
export function reductionOf(
  options: { readonly reduction?: Reduction } | undefined,
  fn: string,
  fallback: Reduction = "mean",
): Reduction {
  return assertReduction(options?.reduction ?? fallback, fn);
}

/** A finite number option (optionally with a lower bound, inclusive or exclusive). */
export function numberOption(
  value: unknown,
  fallback: number,
  fn: string,
  option: string,
  bounds: { readonly min?: number; readonly exclusiveMin?: number; readonly max?: number } = {},
): number {
  const v = value === undefined ? fallback : value;
  const ok =
    typeof v === "number" &&
    Number.isFinite(v) &&
    (bounds.min === undefined || v >= bounds.min) &&
    (bounds.exclusiveMin === undefined || v > bounds.exclusiveMin) &&
    (bounds.max === undefined || v <= bounds.max);
  if (!ok) {
    const range = [
      bounds.min !== undefined ? `>= ${bounds.min}` : "",
      bounds.exclusiveMin !== undefined ? `> ${bounds.exclusiveMin}` : "",
      bounds.max !== undefined ? `<= ${bounds.max}` : "",
    ]
      .filter(Boolean)
      .join(" and ");
    fail(
      "invalid_option",
      `${fn}: option \`${option}\` must be a finite number${range ? ` ${range}` : ""}, got ${describeValue(v)}`,
    );
  }
  return v as number;
}

/** A boolean option with its default. */
export function booleanOption(value: unknown, fallback: boolean, fn: string, option: string): boolean {
  const v = value === undefined ? fallback : value;
  if (typeof v !== "boolean")
    fail("invalid_option", `${fn}: option \`${option}\` must be a boolean, got ${describeValue(v)}`);
  return v;
}

/**
 * The identity in the forward pass with a zero gradient (PyTorch's `detach()` / `no_grad`).
 * TensorFlow.js has no stop-gradient op, so this is a custom gradient.
 */
export const stopGradient: (x: tf.Tensor) => tf.Tensor = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;

/**
 * log(1 + exp(z)) without overflow: max(z, 0) + log1p(exp(-|z|)). Its autodiff gradient is
 * sigmoid(z) (relu' - sign(z) exp(-|z|)/(1 + exp(-|z|))), finite for any finite z.
 */
export function softplus(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
}

/**
 * Reduction for losses whose empty batch must give 0 (torchvision box losses): `mean` of no
 * elements is 0 instead of NaN.
 */
export function reduceOrZero(values: tf.Tensor, reduction: Reduction): tf.Tensor {
  if (values.size === 0 && reduction !== "none") return tf.scalar(0);
  return reduction === "none" ? values : reduction === "sum" ? tf.sum(values) : tf.mean(values);
}

/**
 * |x| with the subgradient 0 at x = 0, as PyTorch. TensorFlow.js' own `abs` gradient is -1 at 0
 * (it uses step(x, -1)); x sign(x) has the same value and, since sign has a zero gradient,
 * the autodiff gradient sign(x).
 */
export function abs(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sign(x)));
}

/**
 * Evaluates `f` (a mask or any other piecewise selector) outside the gradient tape: the result
 * is a constant for autodiff. TensorFlow.js refuses to backpropagate through comparison and
 * logical ops that lie between an input and the loss (even when they only feed `tf.where`'s
 * condition), so every condition computed from a differentiable input goes through here.
 */
export function noGrad(f: (...xs: tf.Tensor[]) => tf.Tensor, ...xs: tf.Tensor[]): tf.Tensor {
  const op = tf.customGrad(((...args: tf.Tensor[]) => {
    const inputs = args.slice(0, xs.length);
    return { value: f(...inputs), gradFunc: () => inputs.map((x) => tf.zerosLike(x)) };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(...xs);
}
