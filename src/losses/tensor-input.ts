import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../core/errors.js";
import { assertLabels } from "../core/validate.js";

/**
 * Tensor arguments of every loss folder: conversion and shape checks. Shapes are checked
 * eagerly; float tensors are not scanned for NaN (that would force a device read on every
 * training step), so NaN inputs propagate as in PyTorch. Integer label tensors are read and
 * checked by {@link labelTensor}, since an out-of-range label would be silently one-hot encoded
 * as zeros.
 */

/** A tensor or anything `tf.tensor` accepts (nested arrays, typed arrays). */
export type TensorInput = tf.Tensor | tf.TensorLike;

const shapeText = (t: tf.Tensor): string => `[${t.shape.join(", ")}]`;

/**
 * Converts a loss argument to a tensor of `dtype` (float32 unless it says int32). A tensor of
 * that dtype passes through untouched (so gradients flow); another dtype is cast. Arrays, typed
 * arrays and numbers become tensors; a ragged array or anything else is `invalid_value`.
 */
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
        `${fn}: \`${arg}\` must be a tf.Tensor or a rectangular numeric array, got ${describeValue(value)} (${(error as Error).message})`,
      );
    }
  }
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be a tf.Tensor or TensorLike, got ${describeValue(value)}`,
  );
}

/** `int32` copy of a label tensor (float labels are truncated toward zero like a cast); not range-checked. */
export function asLabels(value: TensorInput, fn: string, arg: string): tf.Tensor {
  return asTensor(value, fn, arg, "int32");
}

/**
 * Reads and checks integer class labels in `[0, numClasses)`; returns them as an int32 tensor.
 * O(n) device read.
 */
export function labelTensor(value: unknown, numClasses: number, fn: string, arg: string): tf.Tensor {
  const labels = value instanceof tf.Tensor ? value : asTensor(value, fn, arg, "float32");
  assertLabels(labels.dataSync(), numClasses, fn, arg);
  return labels.dtype === "int32" ? labels : tf.cast(labels, "int32");
}

/** Throws `shape_mismatch` unless the shapes are equal. */
export function assertSameShape(a: tf.Tensor, b: tf.Tensor, fn: string, argA: string, argB: string): void {
  if (a.rank !== b.rank || a.shape.some((d, i) => d !== b.shape[i])) {
    fail(
      "shape_mismatch",
      `${fn}: \`${argA}\` and \`${argB}\` must have the same shape, got ${shapeText(a)} and ${shapeText(b)}`,
    );
  }
}

/**
 * Throws `shape_mismatch` unless `t` has the given rank (or one of the ranks); `what` names the
 * expected layout in the message, e.g. "[N, C]".
 */
export function assertRank(
  t: tf.Tensor,
  ranks: number | readonly number[],
  fn: string,
  arg: string,
  what = "",
): void {
  const allowed = typeof ranks === "number" ? [ranks] : ranks;
  if (!allowed.includes(t.rank)) {
    fail(
      "shape_mismatch",
      `${fn}: \`${arg}\` must have rank ${allowed.join(" or ")}${what ? ` (${what})` : ""}, got shape ${shapeText(t)}`,
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
      `${fn}: dimension ${dimA} of \`${argA}\` and dimension ${dimB} of \`${argB}\` must agree, got ${shapeText(a)} and ${shapeText(b)}`,
    );
  }
}

/** Throws `empty_input` when the tensor has no elements. */
export function assertNonEmptyTensor(tensor: tf.Tensor, fn: string, arg: string): void {
  if (tensor.size === 0)
    fail("empty_input", `${fn}: \`${arg}\` must not be empty, got shape ${shapeText(tensor)}`);
}

/**
 * Two tensors that must have the same shape (input and target, two views): converted, the
 * first checked against `layout`'s rank when given, then the shapes compared (`shape_mismatch`).
 */
export function tensorPair(
  a: unknown,
  b: unknown,
  fn: string,
  argA: string,
  argB: string,
  layout?: { readonly rank: number; readonly what: string },
): [tf.Tensor, tf.Tensor] {
  const x = asTensor(a, fn, argA);
  const y = asTensor(b, fn, argB);
  if (layout) assertRank(x, layout.rank, fn, argA, layout.what);
  assertSameShape(x, y, fn, argA, argB);
  return [x, y];
}

/**
 * Two paired embedding batches [N, D] of the same shape (two views, or two members of each
 * pair): {@link tensorPair} with rank 2, and unless `allowEmpty` at least one row (`empty_input`).
 */
export function embeddingPair(
  a: unknown,
  b: unknown,
  fn: string,
  argA: string,
  argB: string,
  allowEmpty = false,
): [tf.Tensor, tf.Tensor] {
  const pair = tensorPair(a, b, fn, argA, argB, { rank: 2, what: "[batch, features]" });
  if (!allowEmpty) assertNonEmptyTensor(pair[0], fn, argA);
  return pair;
}
