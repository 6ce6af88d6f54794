import * as tf from "@tensorflow/tfjs-core";
import { isNumericView, readNdArray } from "../core/coerce.js";
import { describeValue, fail } from "../core/errors.js";
import { suggestName } from "../core/options.js";
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
 * The one place where a loss argument becomes a tensor: converts it to a tensor of `dtype`
 * (float32 unless it says int32). A tensor of that dtype passes through untouched (so gradients
 * flow); a numeric tensor of another dtype is cast; a string or complex tensor is
 * `invalid_value`. Numbers, typed arrays and nested arrays are read by the core's one coercion
 * path (`readNdArray`, core/coerce.ts): a ragged array is `shape_mismatch`, a non-number element
 * `invalid_value`, both naming the index; nested arrays are flattened straight into float32 or
 * int32 storage, within the allocation budget. NaN and infinities are numbers and pass through,
 * as PyTorch lets them propagate through a loss.
 */
export function asTensor(
  value: unknown,
  fn: string,
  arg: string,
  dtype: "float32" | "int32" = "float32",
): tf.Tensor {
  if (value instanceof tf.Tensor) {
    if (value.dtype === dtype) return value;
    if (value.dtype === "string" || value.dtype === "complex64")
      fail("invalid_value", `${fn}: \`${arg}\` must be a numeric tensor, got a ${value.dtype} tensor`);
    return tf.cast(value, dtype);
  }
  if (typeof value === "number") return tf.scalar(value, dtype);
  if (Array.isArray(value) || isNumericView(value)) {
    const storage = dtype === "int32" ? Int32Array : Float32Array;
    const { data, shape } = readNdArray(value, fn, arg, storage);
    // The tensor owns its storage: the caller's own array (rank 1) is copied, not aliased.
    const owned = data !== value && data instanceof storage ? data : storage.from(data);
    return tf.tensor(owned, [...shape], dtype);
  }
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be a tf.Tensor, a number or a (nested) numeric array, got ${describeValue(value)}`,
  );
}

/**
 * Checks that a record of named inputs (e.g. `yoloLoss`'s `{ predBoxes, ... }`) is a plain
 * object holding only the declared `names`: an unknown field is `invalid_value` with a "did you
 * mean", so a misspelt input is not silently left out.
 */
export function assertFields(value: unknown, names: readonly string[], fn: string, arg: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof tf.Tensor)
    fail(
      "invalid_value",
      `${fn}: \`${arg}\` must be an object with fields ${names.join(", ")}, got ${describeValue(value)}`,
    );
  for (const key of Object.keys(value)) {
    if (!names.includes(key)) {
      const hint = suggestName(key, names);
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` has an unknown field \`${key}\`${hint ? ` (${hint})` : ""}; known: ${names.join(", ")}`,
      );
    }
  }
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
