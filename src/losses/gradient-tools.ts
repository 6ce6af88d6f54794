import * as tf from "@tensorflow/tfjs-core";

/**
 * Autodiff building blocks shared by every loss folder, and the place where the TensorFlow.js
 * 4.22 gradient pitfalls met while matching PyTorch 2.11 are worked around:
 *
 * - `tf.abs` has gradient -1 at exactly 0 (it uses step(x, -1)), PyTorch's is 0: equal
 *   predictions would be pushed apart. Use {@link abs} (x·sign(x), gradient sign(x)).
 * - Comparison and logical ops (`greater`, `less`, `equal`, `logicalAnd`, ...) have no
 *   registered gradient: a tape that passes through one between an input and the loss throws,
 *   even when the mask only feeds `tf.where`'s condition. Compute such masks with
 *   {@link noGrad}, or as a float mask through `tf.step` ({@link stepMask}, zero gradient) and
 *   blend with {@link select}.
 * - `mirrorPad`'s gradient only slices the centre and drops what reached the mirrored copies;
 *   {@link reflectPad} builds reflection padding from slices and a concat instead.
 * - On the WASM backend, `gather`'s gradient needs UnsortedSegmentSum and the depthwise
 *   convolution gradients are missing: select rows with a one-hot matmul, apply a fixed
 *   permutation by inverting it and gathering the constant side, and write box filters as
 *   sums of slices.
 * - On the WASM backend `oneHot` emits int32 whatever dtype and on/off values are asked for:
 *   use the default 0/1 one-hot and scale it by a float tensor (label smoothing as
 *   (1-ε)·onehot + ε/C), never fractional on/off values (see classification/cross-entropy.ts).
 * - Where these are unavoidable the losses say so next to the code: center-loss.ts (one-hot
 *   matmul instead of gather), lovasz-loss.ts (inverse permutation), depth/ssim-loss.ts
 *   (separable filters as sums of slices), depth/scale-shift-invariant-loss.ts (strided
 *   subsampling by reshape, since strided slices have no gradient either).
 * - There is no stop-gradient op: {@link stopGradient} is a custom gradient.
 * - sqrt has an infinite gradient at 0 (a distance between coinciding points): {@link safeSqrt}.
 */

/** What a custom-gradient body returns: the value and the gradient function (dy, saved tensors) -> input gradients. */
export interface CustomGradientResult {
  readonly value: tf.Tensor;
  readonly gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * `tf.customGrad` with a plain signature: `body` takes the input tensors (and, last, the
 * `tf.GradSaveFunc`) and returns `{ value, gradFunc }`; the result is typed as `F`. The one place
 * that casts around tf.customGrad's declared types.
 */
export function customGradient<
  F extends (...xs: tf.Tensor[]) => tf.Tensor = (...xs: tf.Tensor[]) => tf.Tensor,
>(body: (...args: never[]) => CustomGradientResult): F {
  return tf.customGrad(body as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as F;
}

/**
 * The identity in the forward pass with a zero gradient (TensorFlow's `tf.stop_gradient`,
 * PyTorch's `.detach()`).
 */
export const stopGradient = customGradient<(x: tf.Tensor) => tf.Tensor>((x: tf.Tensor) => ({
  value: tf.clone(x),
  // d(stop(x))/dx = 0: the value passes through, no gradient flows back.
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/**
 * Evaluates `f` (a mask or any other piecewise selector) outside the gradient tape: the result
 * is a constant for autodiff. Every condition computed from a differentiable input with a
 * comparison or logical op goes through here.
 */
export function noGrad(f: (...xs: tf.Tensor[]) => tf.Tensor, ...xs: tf.Tensor[]): tf.Tensor {
  const op = customGradient((...args: tf.Tensor[]) => {
    const inputs = args.slice(0, xs.length);
    return { value: f(...inputs), gradFunc: () => inputs.map((x) => tf.zerosLike(x)) };
  });
  return op(...xs);
}

/**
 * |x| with PyTorch's subgradient sign(x) (0 at x = 0). x·sign(x) has the value |x| and, since
 * sign has a zero gradient, the autodiff gradient sign(x).
 */
export function abs(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sign(x)));
}

/** Alias of {@link abs} (the name the face/depth losses use). */
export const absolute: (x: tf.Tensor) => tf.Tensor = abs;

/**
 * 1 where x > 0, else 0, as float32, through `tf.step` (whose gradient is registered as zero),
 * for masks derived from a differentiable tensor; blend with {@link select} instead of `tf.where`.
 */
export function stepMask(x: tf.Tensor): tf.Tensor {
  return tf.step(x, 0);
}

/** mask·a + (1 - mask)·b for a 0/1 float mask (a differentiable `tf.where`; a and b must be finite). */
export function select(mask: tf.Tensor, a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor {
  return tf.tidy(() => tf.add(tf.mul(mask, a), tf.mul(tf.sub(1, mask), b)));
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

/** Reflection padding ("reflect": the edge is not repeated) of one axis by p, from slices and a concat. */
function reflectAxis(t: tf.Tensor, axis: number, p: number): tf.Tensor {
  const n = t.shape[axis]!;
  const at = (index: number) => {
    const begin = t.shape.map(() => 0);
    const size = t.shape.map(() => -1);
    begin[axis] = index;
    size[axis] = 1;
    return tf.slice(t, begin, size);
  };
  const before = Array.from({ length: p }, (_, k) => at(p - k));
  const after = Array.from({ length: p }, (_, k) => at(n - 2 - k));
  return tf.concat([...before, t, ...after], axis);
}

/**
 * Reflection padding of the two spatial axes of an NHWC batch, built from slices and concats
 * so the gradient reaching the padded copies is added back to the pixels they copy (unlike
 * `tf.mirrorPad`'s gradient, see above).
 */
export function reflectPad(t: tf.Tensor, p: number): tf.Tensor {
  return tf.tidy(() => reflectAxis(reflectAxis(t, 1, p), 2, p));
}
