import * as tf from "@tensorflow/tfjs-core";
import { accurateSum } from "../accurate-sum.js";
import { type KerasLoss, kerasOptions } from "../factory.js";
import { customGradient } from "../gradient-tools.js";
import { optBoolean, optInteger, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import type { TensorInput } from "../tensor-input.js";
import { classRows, classWeights, maskIgnored } from "./class-layout.js";

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions {
  /** Per-class weights [C] (PyTorch `weight`). */
  readonly weight?: TensorInput;
  /** Targets equal to this class index contribute nothing (and are left out of the mean). Default -100. */
  readonly ignoreIndex?: number;
  /** Mixes the target with the uniform distribution: (1 - e) target + e / C. Default 0. */
  readonly labelSmoothing?: number;
  /** Default `"mean"`. */
  readonly reduction?: Reduction;
}

const CROSS_ENTROPY_OPTIONS = optionNames<CrossEntropyOptions>()(
  "weight",
  "ignoreIndex",
  "labelSmoothing",
  "reduction",
);

/**
 * Per-row cross-entropy with label smoothing e against class indices y, with a hand-written
 * gradient (one softmax pass, reused by the backward pass, instead of autodiff through
 * log-softmax, one-hot and sums; the backward pass is two passes over [M, C] and a scatter):
 *   l_i = (1 - e) (-w_y lp_iy) + (e / C) (-sum_c w_c lp_ic),  lp = logsoftmax(x_i).
 * Since d(-lp_ic)/dx_ij = p_ij - 1[j = c]:
 *   dl_i/dx_ij = ((1 - e) w_y + (e / C) W) p_ij - (1 - e) w_y 1[j = y] - (e / C) w_j,  W = sum_c w_c,
 * which for w = 1 is p_ij - T_ij with T = one-hot(y) scaled to (1 - e) + e / C on, e / C off.
 * The labels and weights are constants.
 */
export function crossEntropyRows(
  rows: tf.Tensor,
  labels: tf.Tensor,
  smoothing = 0,
  weight?: tf.Tensor1D,
): tf.Tensor1D {
  const [m, c] = rows.shape as [number, number];
  labels = labels.dtype === "int32" ? labels : tf.cast(labels, "int32");
  const op = customGradient((x: tf.Tensor2D, save: tf.GradSaveFunc) => {
    // log-sum-exp without an exp pass of our own: the softmax kernel is native on the WASM and
    // CPU backends, and at the row maximum p = exp(max - lse) >= 1/C never underflows, so
    // lse = max_j x_j - log(max_j p_j) is exact to float32 rounding even for logits of +-100.
    const p = tf.softmax(x);
    const lse = tf.sub(tf.max(x, 1), tf.log(tf.max(p, 1)));
    save(weight ? [p, labels, weight] : [p, labels]);
    const flatIndex = tf.add(tf.mul(tf.range(0, m, 1, "int32"), tf.scalar(c, "int32")), labels);
    const picked = tf.sub(tf.gather(tf.reshape(x, [-1]), flatIndex), lse); // lp_iy
    let value = tf.neg(weight ? tf.mul(picked, tf.gather(weight, labels)) : picked);
    if (smoothing > 0) {
      // sum_c w_c lp_ic = sum_c w_c x_ic - W lse
      const weighted = weight ? tf.reshape(tf.matMul(x, tf.reshape(weight, [c, 1])), [m]) : tf.sum(x, 1);
      const smooth = tf.neg(tf.sub(weighted, tf.mul(weight ? tf.sum(weight) : c, lse)));
      value = tf.add(tf.mul(value, 1 - smoothing), tf.mul(smooth, smoothing / c));
    }
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [p, savedLabels, savedWeight] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D | undefined];
        const dyColumn = tf.reshape(dy, [m, 1]);
        // The one-hot term touches one entry per row: it is written into the dense part by a
        // scatter (one pass) instead of building a one-hot matrix, casting it (the WASM OneHot
        // kernel emits int32 whatever the dtype) and subtracting it (three passes).
        const at = tf.stack([tf.range(0, m, 1, "int32"), savedLabels], 1);
        const dyOnHot = (scale: tf.Tensor | number) => tf.mul(tf.reshape(dy, [m]), scale);
        if (!savedWeight) {
          // dy (p - e/C) - dy (1 - e) one-hot(y)
          const dense = tf.mul(p, dyColumn);
          const base = smoothing > 0 ? tf.sub(dense, tf.mul(dyColumn, smoothing / c)) : dense;
          return tf.tensorScatterUpdate(base, at, tf.sub(tf.gatherND(base, at), dyOnHot(1 - smoothing)));
        }
        // dy [ (w_y (1 - e) + W e/C) p - e/C w ] - dy w_y (1 - e) one-hot(y)
        const wY = tf.gather(savedWeight, savedLabels);
        const coefficient = tf.add(tf.mul(wY, 1 - smoothing), tf.mul(tf.sum(savedWeight), smoothing / c));
        const dense = tf.mul(p, tf.reshape(tf.mul(tf.reshape(dy, [m]), coefficient), [m, 1]));
        const base =
          smoothing > 0
            ? tf.sub(dense, tf.mul(dyColumn, tf.reshape(tf.mul(savedWeight, smoothing / c), [1, c])))
            : dense;
        return tf.tensorScatterUpdate(
          base,
          at,
          tf.sub(tf.gatherND(base, at), dyOnHot(tf.mul(wY, 1 - smoothing))),
        );
      },
    };
  });
  return op(rows) as tf.Tensor1D;
}

/**
 * Cross-entropy of logits against class indices (sparse categorical) or class probabilities
 * (categorical). With log-softmax lp and class index y:
 *   l = -w_y lp_y, and with label smoothing e: (1 - e) l + (e / C) (-sum_c w_c lp_c).
 * With probability targets t: l = -sum_c w_c t'_c lp_c, t' = (1 - e) t + e / C.
 * `mean` follows PyTorch: with class indices it divides by the sum of the targets' weights
 * (the count of non-ignored targets when unweighted; NaN when every target is ignored); with
 * probability targets it divides by the number of rows. Class-index targets use a hand-written
 * gradient (see `crossEntropyRows`); probability targets use autodiff.
 * Matches torch 2.11 `F.cross_entropy` (input [N, C] or [N, C, d1, ...]). The log-softmax
 * subtracts the row maximum, so logits of +-100 give finite values and gradients. O(N C).
 */
export function crossEntropy(
  input: TensorInput,
  target: TensorInput,
  options: CrossEntropyOptions = {},
): tf.Tensor {
  const fn = "crossEntropy";
  const opts = readOptions<CrossEntropyOptions>(fn, options, CROSS_ENTROPY_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const ignoreIndex = optInteger(fn, "ignoreIndex", opts.ignoreIndex, -100);
  const smoothing = optNumber(fn, "labelSmoothing", opts.labelSmoothing, 0, { min: 0, max: 1 });
  return tf.tidy(() => {
    const { rows, labels, probabilities, outShape, numClasses } = classRows(input, target, fn, ignoreIndex);
    const weight = classWeights(opts.weight, numClasses, fn);
    if (probabilities) {
      // only probability targets need the whole log-softmax (six passes on WASM, where it is
      // not a kernel); class indices go through crossEntropyRows' one softmax
      const logp = tf.logSoftmax(rows);
      let t =
        smoothing > 0 ? tf.add(tf.mul(probabilities, 1 - smoothing), smoothing / numClasses) : probabilities;
      if (weight) t = tf.mul(t, weight);
      const values = tf.neg(tf.sum(tf.mul(logp, t), 1));
      return reduction === "none" ? tf.reshape(values, outShape) : reduceLoss(values, reduction);
    }
    const { safe, valid: validF } = maskIgnored(labels!, ignoreIndex);
    const wTarget = weight ? tf.mul(tf.gather(weight, safe), validF) : validF;
    const values = tf.mul(crossEntropyRows(rows, safe, smoothing, weight), validF);
    if (reduction === "none") return tf.reshape(values, outShape);
    if (reduction === "sum") return accurateSum(values);
    return tf.div(accurateSum(values), accurateSum(wTarget));
  });
}

/** Options of {@link crossEntropyFactory}. */
export interface CrossEntropyFactoryOptions extends CrossEntropyOptions {
  /** `yPred` holds logits (default) or probabilities (then log(clip(p, 1e-7, 1)) serves as logits, renormalised). */
  readonly fromLogits?: boolean;
}

const CROSS_ENTROPY_FACTORY_OPTIONS = optionNames<CrossEntropyFactoryOptions>()(
  "weight",
  "ignoreIndex",
  "labelSmoothing",
  "reduction",
  "fromLogits",
);

/**
 * Keras-style form of {@link crossEntropy}: `yPred` is [N, C] (or [N, ..., C], classes last as
 * in Keras); `yTrue` is one-hot/probabilities of the same shape (categorical) or class indices
 * [N] / [N, 1] (sparse categorical).
 */
export function crossEntropyFactory(options: CrossEntropyFactoryOptions = {}): KerasLoss {
  const fn = "crossEntropy";
  const opts = kerasOptions(fn, options, CROSS_ENTROPY_FACTORY_OPTIONS);
  const fromLogits = optBoolean(fn, "fromLogits", opts.fromLogits, true);
  const { fromLogits: _fromLogits, ...rest } = opts;
  return (yTrue, yPred) =>
    tf.tidy(() => {
      let logits = fromLogits ? yPred : tf.log(tf.clipByValue(yPred, 1e-7, 1));
      let target = yTrue;
      const sameShape = yTrue.shape.join() === yPred.shape.join();
      if (!sameShape) {
        target = tf.cast(tf.reshape(yTrue, yPred.shape.slice(0, -1)), "int32");
      }
      if (logits.rank > 2) {
        const perm = [0, logits.rank - 1, ...logits.shape.slice(1, -1).map((_, i) => i + 1)];
        logits = tf.transpose(logits, perm);
        if (sameShape) target = tf.transpose(target, perm);
      }
      return crossEntropy(logits, target, rest) as tf.Scalar;
    });
}
