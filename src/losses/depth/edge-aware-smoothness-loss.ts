import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateMean } from "../accurate-sum.js";
import { absolute } from "../gradient-tools.js";
import { optBoolean, optionNames, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import { assertRank, asTensor } from "../tensor-input.js";

/** Options of {@link edgeAwareSmoothnessLoss}. */
export interface EdgeAwareSmoothnessLossOptions {
  /** Divide each disparity map by its mean (+1e-7) first, as monodepth2 does, so the loss cannot shrink by shrinking the depth. Default true. */
  readonly normalize?: boolean;
  /** "none": per-image losses [N]. "mean" equals monodepth2's mean over the batch. */
  readonly reduction?: Reduction;
}

const EDGE_AWARE_SMOOTHNESS_LOSS_OPTIONS = optionNames<EdgeAwareSmoothnessLossOptions>()(
  "normalize",
  "reduction",
);

/**
 * Edge-aware smoothness of a disparity map `disparity` [N, H, W] or [N, H, W, 1] guided by the
 * colour `image` [N, H, W, C] (NHWC): first differences of the (mean-normalised) disparity
 * along x and y, weighted by exp(-|image difference| averaged over channels); per image the
 * mean over x plus the mean over y. Needs H, W >= 2. Cost O(N·H·W·C).
 */
export function edgeAwareSmoothnessLoss(
  disparity: tf.Tensor,
  image: tf.Tensor,
  options: EdgeAwareSmoothnessLossOptions = {},
): tf.Tensor {
  const fn = "edgeAwareSmoothnessLoss";
  const opts = readOptions<EdgeAwareSmoothnessLossOptions>(fn, options, EDGE_AWARE_SMOOTHNESS_LOSS_OPTIONS);
  const normalize = optBoolean(fn, "normalize", opts.normalize, true);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    let d = asTensor(disparity, fn, "disparity");
    const img = asTensor(image, fn, "image");
    if (d.rank === 3) d = tf.expandDims(d, 3);
    assertRank(d, 4, fn, "disparity", "[batch, height, width] or [batch, height, width, 1]");
    assertRank(img, 4, fn, "image", "[batch, height, width, channels]");
    const [n, h, w, c] = d.shape as [number, number, number, number];
    if (c !== 1)
      fail("shape_mismatch", `${fn}: \`disparity\` must have one channel, got shape [${d.shape.join(", ")}]`);
    if (img.shape[0] !== n || img.shape[1] !== h || img.shape[2] !== w)
      fail(
        "shape_mismatch",
        `${fn}: \`disparity\` and \`image\` must have the same batch, height and width, got [${d.shape.join(", ")}] and [${img.shape.join(", ")}]`,
      );
    if (h < 2 || w < 2) fail("shape_mismatch", `${fn}: images must be at least 2×2, got ${h}×${w}`);
    if (normalize) d = tf.div(d, tf.add(accurateMean(d, [1, 2], true), 1e-7));
    const dx = (t: tf.Tensor) =>
      tf.sub(tf.slice(t, [0, 0, 0, 0], [-1, -1, w - 1, -1]), tf.slice(t, [0, 0, 1, 0], [-1, -1, -1, -1]));
    const dy = (t: tf.Tensor) =>
      tf.sub(tf.slice(t, [0, 0, 0, 0], [-1, h - 1, -1, -1]), tf.slice(t, [0, 1, 0, 0], [-1, -1, -1, -1]));
    const weightX = tf.exp(tf.neg(tf.mean(absolute(dx(img)), 3, true)));
    const weightY = tf.exp(tf.neg(tf.mean(absolute(dy(img)), 3, true)));
    const perImage = tf.add(
      accurateMean(tf.mul(absolute(dx(d)), weightX), [1, 2, 3]),
      accurateMean(tf.mul(absolute(dy(d)), weightY), [1, 2, 3]),
    );
    return reduceLoss(perImage, reduction);
  });
}
