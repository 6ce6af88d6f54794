import * as tf from "@tensorflow/tfjs-core";

/**
 * Sums that stay accurate at any size on every backend.
 *
 * The WASM backend's Sum and Mean kernels accumulate in float32 one element after the other, so
 * the rounding error of a sum of n terms grows like n·u (u = 2^-24): the mean sigmoid focal loss
 * of 1e7 elements came out as 0.64783 where float64 gives 0.648869 (1.6e-3 relative). Summing in
 * blocks instead (pairwise summation with a wide base, Higham 2002, §4.2) bounds the error by
 * about (B + levels)·u: the values are cut into rows of B = 2048 (the tail padded with zeros),
 * each row is summed, and the row sums are summed the same way until one block remains
 * (3 levels for 1e7 elements). The CPU backend accumulates in float64 already; the blocked form
 * costs it one extra pass over the values. Reductions of at most B elements are left to the
 * kernel. All steps (pad, reshape, sum) have gradients on every backend. An empty reduction is 0
 * (the WASM kernel returns uninitialised memory there).
 */

/** Elements summed by one kernel call at most. */
export const SUM_BLOCK = 2048;

/** Sums the last axis of `x` [outer, m] in blocks of {@link SUM_BLOCK}: [outer]. */
function blockedRowSum(x: tf.Tensor2D): tf.Tensor1D {
  let rows: tf.Tensor2D = x;
  while (rows.shape[1] > SUM_BLOCK) {
    const [outer, m] = rows.shape;
    const blocks = Math.ceil(m / SUM_BLOCK);
    const padded =
      blocks * SUM_BLOCK === m
        ? rows
        : tf.pad(rows, [
            [0, 0],
            [0, blocks * SUM_BLOCK - m],
          ]);
    rows = tf.sum(tf.reshape(padded, [outer, blocks, SUM_BLOCK]), 2) as tf.Tensor2D;
  }
  return tf.sum(rows, 1) as tf.Tensor1D;
}

function normalizeAxes(rank: number, axis?: number | readonly number[]): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  return [...new Set(list.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
}

/**
 * `tf.sum(x, axis, keepDims)` with the blocked summation above: the reduced axes are moved last
 * and flattened, summed in blocks, and the result reshaped as `tf.sum` shapes it.
 */
export function accurateSum(x: tf.Tensor, axis?: number | readonly number[], keepDims = false): tf.Tensor {
  return tf.tidy(() => {
    const axes = normalizeAxes(x.rank, axis);
    const reducedSize = axes.reduce((n, a) => n * x.shape[a]!, 1);
    const shape = keepDims
      ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d))
      : x.shape.filter((_, i) => !axes.includes(i));
    // the WASM Sum kernel returns uninitialised memory for an empty reduction (3.6e-41 here)
    if (reducedSize === 0) return tf.zeros(shape);
    if (reducedSize <= SUM_BLOCK || x.rank === 0) return tf.sum(x, axes, keepDims);
    const kept = Array.from({ length: x.rank }, (_, i) => i).filter((i) => !axes.includes(i));
    const moved =
      kept.length === 0 || axes.every((a, i) => a === kept.length + i)
        ? x
        : tf.transpose(x, [...kept, ...axes]);
    const outer = kept.reduce((n, a) => n * x.shape[a]!, 1);
    const sums = blockedRowSum(tf.reshape(moved, [outer, reducedSize]) as tf.Tensor2D);
    return tf.reshape(sums, shape);
  });
}

/**
 * `tf.mean(x, axis, keepDims)` through {@link accurateSum}: the sum divided by the number of
 * elements reduced. The mean of no elements is NaN (0 / 0), as in PyTorch.
 */
export function accurateMean(x: tf.Tensor, axis?: number | readonly number[], keepDims = false): tf.Tensor {
  return tf.tidy(() => {
    const axes = normalizeAxes(x.rank, axis);
    const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
    return tf.div(accurateSum(x, axes, keepDims), count);
  });
}
