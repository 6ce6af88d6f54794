import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { absolute } from "../gradient-tools.js";
import { optionNames, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertRank, tensorPair } from "../tensor-input.js";

/** Options of {@link edgeLoss}. */
export interface EdgeLossOptions {
  /** "none": per-image losses [N]; "mean" (default) equals DenseDepth's mean over every pixel of the batch; "sum". */
  readonly reduction?: Reduction;
}

const EDGE_LOSS_OPTIONS = optionNames<EdgeLossOptions>()("reduction");

/**
 * Edge loss (survey §8.1.9): the L1 distance between the spatial gradients of the predicted and
 * the ground-truth depth maps, which penalises blurred or misplaced depth edges that a per-pixel
 * loss barely sees. With `e = input - target` and forward differences
 * `∂x e[i, j] = e[i, j + 1] - e[i, j]`, `∂y e[i, j] = e[i + 1, j] - e[i, j]` (zero on the last
 * column and row, as TensorFlow's `tf.image.image_gradients`), per image
 * `L = (Σ |∂x e| + Σ |∂y e|) / (H·W·C)`.
 *
 * `input` and `target` are [N, H, W] or [N, H, W, C] (NHWC) depth maps of the same shape, H, W >= 1.
 * Matches DenseDepth's `l_edges` (Alhashim & Wonka 2018, `depth_loss_function`:
 * `mean(|dy_pred - dy_true| + |dx_pred - dx_true|)` over `tf.image.image_gradients`), value and
 * gradient (torch 1.13 autograd transcription, scripts/golden/losses_depth_edge.py). Dense ground
 * truth only: there is no mask of valid pixels. Cost O(N·H·W·C).
 */
export function edgeLoss(
  input: tf.Tensor | number[][][] | number[][][][],
  target: tf.Tensor | number[][][] | number[][][][],
  options: EdgeLossOptions = {},
): tf.Tensor {
  const fn = "edgeLoss";
  const opts = readOptions<EdgeLossOptions>(fn, options, EDGE_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    let [x, y] = tensorPair(input, target, fn, "input", "target");
    assertRank(x, [3, 4], fn, "input", "[batch, height, width] or [batch, height, width, channels]");
    if (x.rank === 3) {
      x = tf.expandDims(x, 3);
      y = tf.expandDims(y, 3);
    }
    const [n, h, w, c] = x.shape as [number, number, number, number];
    if (n === 0 || h === 0 || w === 0 || c === 0)
      fail("empty_input", `${fn}: \`input\` must hold at least one pixel, got shape [${x.shape.join(", ")}]`);
    const e = tf.sub(x, y);
    // A 1×1 map has no differences: 0, kept on the tape (zerosLike has a zero gradient) so the
    // gradient is 0 rather than disconnected.
    let total = h > 1 || w > 1 ? tf.zeros([n]) : tf.sum(tf.zerosLike(e), [1, 2, 3]);
    if (w > 1) {
      const dx = tf.sub(
        tf.slice(e, [0, 0, 1, 0], [-1, -1, -1, -1]),
        tf.slice(e, [0, 0, 0, 0], [-1, -1, w - 1, -1]),
      );
      total = tf.add(total, accurateSum(absolute(dx), [1, 2, 3]));
    }
    if (h > 1) {
      const dy = tf.sub(
        tf.slice(e, [0, 1, 0, 0], [-1, -1, -1, -1]),
        tf.slice(e, [0, 0, 0, 0], [-1, h - 1, -1, -1]),
      );
      total = tf.add(total, accurateSum(absolute(dy), [1, 2, 3]));
    }
    return reduceLoss(tf.div(total, h * w * c), reduction);
  });
}

/** Keras-style form of {@link edgeLoss}: `(yTrue, yPred) => loss`. */
export const edgeLossFactory = lossFactory<EdgeLossOptions>(
  (input, target, options) => edgeLoss(input, target, options),
  {
    name: "edgeLoss",
    options: EDGE_LOSS_OPTIONS,
  },
);
