import * as tf from "@tensorflow/tfjs-core";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { absolute, select, stepMask } from "../gradient-tools.js";
import { optInteger, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { assertRank, asTensor, tensorPair } from "../tensor-input.js";

/** Options of {@link scaleShiftInvariantLoss}. */
export interface ScaleShiftInvariantLossOptions {
  /** Optional 0/1 mask of valid pixels [N, H, W]; default every pixel. */
  readonly mask?: tf.Tensor;
  /** Weight α of the gradient-matching term. Default 0.5 (MiDaS). 0 disables it. */
  readonly alpha?: number;
  /** Number of scales of the gradient-matching term (steps 1, 2, 4, ...). Default 4. */
  readonly scales?: number;
  /**
   * "mean" (default): MiDaS' batch-based reduction, each term's sum over the batch divided by
   * the batch's number of valid pixels at that scale (the data term by twice that); "none":
   * per-image losses [N], each normalised by its own valid pixels (the terms of MiDaS'
   * image-based form, whose mean it is); "sum": their sum.
   */
  readonly reduction?: Reduction;
}

const SCALE_SHIFT_INVARIANT_LOSS_OPTIONS = optionNames<ScaleShiftInvariantLossOptions>()(
  "mask",
  "alpha",
  "scales",
  "reduction",
);

function sumHW(t: tf.Tensor): tf.Tensor {
  return accurateSum(t, [1, 2]);
}

/** Least-squares scale and shift per image (0 and 0 where the 2×2 system is singular); differentiable. */
function scaleAndShift(prediction: tf.Tensor, target: tf.Tensor, mask: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const a00 = sumHW(tf.mul(mask, tf.square(prediction)));
  const a01 = sumHW(tf.mul(mask, prediction));
  const a11 = sumHW(mask);
  const b0 = sumHW(tf.mul(tf.mul(mask, prediction), target));
  const b1 = sumHW(tf.mul(mask, target));
  const det = tf.sub(tf.mul(a00, a11), tf.square(a01));
  const valid = stepMask(det);
  const safeDet = select(valid, det, 1);
  const scale = tf.mul(valid, tf.div(tf.sub(tf.mul(a11, b0), tf.mul(a01, b1)), safeDet));
  const shift = tf.mul(valid, tf.div(tf.add(tf.mul(tf.neg(a01), b0), tf.mul(a00, b1)), safeDet));
  return [scale, shift];
}

/**
 * MiDaS' scale-and-shift-invariant loss of a predicted relative depth (or disparity)
 * `input` [N, H, W] against `target` [N, H, W]: align the prediction per image by least
 * squares (s·d + t), then the masked MSE / 2 plus α times the multi-scale gradient-matching
 * term on the aligned residual (scales use every 2^k-th pixel). The alignment is
 * differentiable, as in MiDaS. Cost O(N·H·W).
 */
export function scaleShiftInvariantLoss(
  input: tf.Tensor,
  target: tf.Tensor,
  options: ScaleShiftInvariantLossOptions = {},
): tf.Tensor {
  const fn = "scaleShiftInvariantLoss";
  const opts = readOptions<ScaleShiftInvariantLossOptions>(fn, options, SCALE_SHIFT_INVARIANT_LOSS_OPTIONS);
  const alpha = optNumber(fn, "alpha", opts.alpha, 0.5, { min: 0 });
  const scales = optInteger(fn, "scales", opts.scales, 4, { min: 1, max: 32 });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    let [x, y] = tensorPair(input, target, fn, "input", "target");
    if (x.rank === 4 && x.shape[3] === 1) {
      x = tf.squeeze(x, [3]);
      y = tf.squeeze(y, [3]);
    }
    assertRank(x, 3, fn, "input", "[batch, height, width]");
    const mask =
      opts.mask === undefined ? tf.ones(x.shape) : tf.reshape(asTensor(opts.mask, fn, "mask"), x.shape);
    const [s, t] = scaleAndShift(x, y, mask);
    const aligned = tf.add(tf.mul(tf.reshape(s, [-1, 1, 1]), x), tf.reshape(t, [-1, 1, 1]));
    const count = sumHW(mask);
    // MiDaS' reductions: batch-based divides the batch's summed image losses by the batch's
    // summed divisor (0 when that is 0); image-based divides each image by its own divisor.
    const normalise = (imageLoss: tf.Tensor, divisor: tf.Tensor): tf.Tensor =>
      reduction === "mean"
        ? tf.div(tf.sum(imageLoss), tf.maximum(tf.sum(divisor), 1e-30))
        : tf.div(imageLoss, tf.maximum(divisor, 1e-30));
    let loss = normalise(sumHW(tf.mul(mask, tf.square(tf.sub(aligned, y)))), tf.mul(2, count));
    const [n, h, w] = x.shape as [number, number, number];
    for (let k = 0; k < scales && alpha > 0; k++) {
      const step = 2 ** k;
      // Every step-th pixel: pad to a multiple of the step, fold, keep offset 0 (strided slices
      // have no gradient in TensorFlow.js, and gather's needs a kernel WASM lacks).
      const hk = Math.ceil(h / step);
      const wk = Math.ceil(w / step);
      const sub = (v: tf.Tensor) =>
        step === 1
          ? v
          : tf.reshape(
              tf.slice(
                tf.reshape(
                  tf.pad(v, [
                    [0, 0],
                    [0, hk * step - h],
                    [0, wk * step - w],
                  ]),
                  [n, hk, step, wk, step],
                ),
                [0, 0, 0, 0, 0],
                [n, hk, 1, wk, 1],
              ),
              [n, hk, wk],
            );
      const m = sub(mask);
      const diff = tf.mul(m, tf.sub(sub(aligned), sub(y)));
      let imageLoss: tf.Tensor = tf.zeros([n]);
      if (wk > 1) {
        const gx = absolute(
          tf.sub(tf.slice(diff, [0, 0, 1], [-1, -1, -1]), tf.slice(diff, [0, 0, 0], [-1, -1, wk - 1])),
        );
        const mx = tf.mul(tf.slice(m, [0, 0, 1], [-1, -1, -1]), tf.slice(m, [0, 0, 0], [-1, -1, wk - 1]));
        imageLoss = tf.add(imageLoss, sumHW(tf.mul(mx, gx)));
      }
      if (hk > 1) {
        const gy = absolute(
          tf.sub(tf.slice(diff, [0, 1, 0], [-1, -1, -1]), tf.slice(diff, [0, 0, 0], [-1, hk - 1, -1])),
        );
        const my = tf.mul(tf.slice(m, [0, 1, 0], [-1, -1, -1]), tf.slice(m, [0, 0, 0], [-1, hk - 1, -1]));
        imageLoss = tf.add(imageLoss, sumHW(tf.mul(my, gy)));
      }
      loss = tf.add(loss, tf.mul(alpha, normalise(imageLoss, sumHW(m))));
    }
    return reduction === "sum" ? tf.sum(loss) : loss;
  });
}

/** Keras-style form of {@link scaleShiftInvariantLoss}. */
export const scaleShiftInvariantLossFactory = lossFactory<ScaleShiftInvariantLossOptions>(
  (input, target, options) => scaleShiftInvariantLoss(input, target, options),
  { name: "scaleShiftInvariantLoss", options: SCALE_SHIFT_INVARIANT_LOSS_OPTIONS },
);
