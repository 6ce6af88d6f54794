import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { lossFactory } from "../factory.js";
import { absolute } from "../gradient-tools.js";
import { optionNames, optOneOf, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { tensorPair } from "../tensor-input.js";
import { sampleRows } from "./horizontal-sampler.js";

/** Options of {@link leftRightConsistencyLoss}. */
export interface LeftRightConsistencyLossOptions {
  /**
   * Unit of the disparities: `"width"` (default, Godard et al.: a fraction of the image width,
   * the output of a sigmoid scaled by 0.3 in monodepth) or `"pixels"`.
   */
  readonly units?: "width" | "pixels";
  /**
   * "mean" (default): mean |d^l - d^r warped to the left| plus mean |d^r - d^l warped to the
   * right| (monodepth's `lr_left_loss + lr_right_loss`); "sum": the same sums; "none": the
   * per-pixel map [N, H, W] of both terms added.
   */
  readonly reduction?: Reduction;
}

const LEFT_RIGHT_CONSISTENCY_LOSS_OPTIONS = optionNames<LeftRightConsistencyLossOptions>()(
  "units",
  "reduction",
);

/**
 * Left-right disparity consistency loss (Godard, Mac Aodha & Brostow 2017, "Unsupervised
 * Monocular Depth Estimation with Left-Right Consistency"): the left disparity map should equal
 * the right one projected into the left view, and vice versa,
 *   C_lr = 1/N Σ |d^l(x) - d^r(x - d^l(x))| + 1/N Σ |d^r(x) - d^l(x + d^r(x))|,
 * with the projections by the paper's horizontal bilinear sampler (see `sampleRows`). Inputs
 * `dispLeft`, `dispRight` [N, H, W] or [N, H, W, 1], as fractions of the width by default. Matches
 * monodepth's `lr_loss` at one scale (its `generate_image_left/right` and `bilinear_sampler_1d_h`
 * transcribed to torch 1.13, value and gradient). O(N H W), on the host (see `sampleRows`).
 */
export function leftRightConsistencyLoss(
  dispLeft: tf.Tensor,
  dispRight: tf.Tensor,
  options: LeftRightConsistencyLossOptions = {},
): tf.Tensor {
  const fn = "leftRightConsistencyLoss";
  const opts = readOptions<LeftRightConsistencyLossOptions>(fn, options, LEFT_RIGHT_CONSISTENCY_LOSS_OPTIONS);
  const units = optOneOf(fn, "units", opts.units, ["width", "pixels"], "width");
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    let [left, right] = tensorPair(dispLeft, dispRight, fn, "dispLeft", "dispRight");
    if (left.rank === 4 && left.shape[3] === 1) {
      left = tf.squeeze(left, [3]);
      right = tf.squeeze(right, [3]);
    }
    if (left.rank !== 3 || left.size === 0)
      fail(
        "shape_mismatch",
        `${fn}: \`dispLeft\` must have shape [batch, height, width] or [batch, height, width, 1] and not be empty, got [${dispLeft.shape.join(", ")}]`,
      );
    const scale = units === "width" ? left.shape[2]! : 1;
    const image = (d: tf.Tensor) => tf.expandDims(d, 3) as tf.Tensor4D;
    // generate_image_left(d^r, d^l) samples d^r at x - d^l; generate_image_right(d^l, d^r) at x + d^r
    const rightToLeft = tf.squeeze(sampleRows(image(right), tf.mul(left, -scale) as tf.Tensor3D), [3]);
    const leftToRight = tf.squeeze(sampleRows(image(left), tf.mul(right, scale) as tf.Tensor3D), [3]);
    const leftTerm = absolute(tf.sub(rightToLeft, left));
    const rightTerm = absolute(tf.sub(leftToRight, right));
    if (reduction === "none") return tf.add(leftTerm, rightTerm);
    return tf.add(reduceLoss(leftTerm, reduction), reduceLoss(rightTerm, reduction));
  });
}

/** Keras-style form of {@link leftRightConsistencyLoss}: `yPred` [N, H, W, 2] holds the left and the right disparity; `yTrue` is not used. */
export const leftRightConsistencyLossFactory = lossFactory<LeftRightConsistencyLossOptions>(
  (input, _unused, options) => {
    const [left, right] = tf.split(input, 2, -1);
    return leftRightConsistencyLoss(left!, right!, options);
  },
  { name: "leftRightConsistencyLoss", options: LEFT_RIGHT_CONSISTENCY_LOSS_OPTIONS },
);
