import * as tf from "@tensorflow/tfjs-core";
import { lossFactory } from "../factory.js";
import { customGradient } from "../gradient-tools.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { type TensorInput, tensorPair } from "../tensor-input.js";
import { reduceOrZero } from "../tensor-math.js";

/** Options of {@link sigmoidFocalLoss}. */
export interface SigmoidFocalLossOptions {
  /** Weight of the positive class in (0, 1); a negative value turns the weighting off. Default 0.25. */
  readonly alpha?: number;
  /** Focusing exponent >= 0; 0 gives (alpha-weighted) binary cross-entropy. Default 2. */
  readonly gamma?: number;
  /** Default `"none"`, as torchvision. */
  readonly reduction?: Reduction;
}

const SIGMOID_FOCAL_LOSS_OPTIONS = optionNames<SigmoidFocalLossOptions>()("alpha", "gamma", "reduction");

/**
 * The elementwise focal loss of logits x against targets t with hand-derived gradients, so that
 * autodiff does not differentiate the ~20 elementwise ops of the forward one by one (4x slower
 * than torchvision on the WASM backend). Forward, with p = sigmoid(x):
 *   ce  = max(x, 0) - x t - log(sigmoid(|x|))        (BCE with logits, stable for any x:
 *                                                      log1p(exp(-|x|)) = -log sigmoid(|x|), and
 *                                                      sigmoid(|x|) in [1/2, 1] keeps the log exact
 *                                                      to float32 rounding; two cheap kernels on
 *                                                      WASM where log1p and exp are slow)
 *   m   = 1 - p_t = t + p (1 - 2t)                    (p_t = p t + (1 - p)(1 - t))
 *   w   = m^gamma,  a = alpha_t = (1 - alpha) + (2 alpha - 1) t  (a = 1 when alpha < 0)
 *   L   = a w ce
 * Hand-derived gradients (dy the upstream gradient), reusing p, ce, m, w, u = 1 - 2t, a, w ce:
 *   dp/dx = p (1 - p);  dm/dx = (1 - 2t) p (1 - p);  dce/dx = p - t
 *   dL/dx = a [ w'(m) dm/dx ce + w (p - t) ],   w'(m) = gamma m^(gamma - 1)
 *   dm/dt = 1 - 2p;  dce/dt = -x;  da/dt = 2 alpha - 1 (0 when alpha < 0)
 *   dL/dt = (2 alpha - 1) w ce + a [ w'(m) (1 - 2p) ce - w x ]
 * Finite everywhere: gamma = 0 has no pow (w = 1, w' = 0, so dL/dx = a (p - t)); gamma = 2 uses
 * w' = 2m; gamma >= 1 uses gamma m^(gamma - 1); 0 < gamma < 1 uses gamma w / m where m > 0 and 0
 * at m = 0, where m^(gamma - 1) is infinite (m = 0 means p_t = 1, where ce = 0 as well, so the
 * product w'(m) ce is taken as its limit 0 instead of inf * 0 = NaN).
 *
 * The two gradients are two custom-gradient ops, so that the target's gradient costs nothing
 * unless the target needs one (as torchvision, where targets rarely require grad): the loss op
 * takes x only (t is a constant to it) and forms dL/dx in its forward pass; a second op takes t
 * only, contributes a zero to the value, and forms dL/dt in its backward pass. TensorFlow.js
 * calls a gradient function only for ops on a path from the differentiated inputs, so with
 * constant targets the second op's backward never runs (its forward costs a zero fill and an add).
 */
interface FocalParts {
  readonly p: tf.Tensor;
  readonly ce: tf.Tensor;
  readonly u: tf.Tensor;
  readonly m: tf.Tensor;
  readonly w: tf.Tensor | undefined;
  readonly a: tf.Tensor | undefined;
}

function focalElements(alpha: number, gamma: number): (x: tf.Tensor, t: tf.Tensor) => tf.Tensor {
  const weighted = alpha >= 0;
  // d(alpha_t)/dt; alpha_t = (1 - alpha) + (2 alpha - 1) t
  const dAlpha = weighted ? 2 * alpha - 1 : 0;
  const power = (m: tf.Tensor) => (gamma === 2 ? tf.square(m) : tf.pow(m, gamma));
  // w'(m) ce, finite at m = 0 (see above)
  const slopeTimesCe = (m: tf.Tensor, w: tf.Tensor, ce: tf.Tensor): tf.Tensor => {
    if (gamma === 2) return tf.mul(tf.mul(m, ce), 2);
    if (gamma === 1) return ce;
    if (gamma > 1) return tf.mul(tf.mul(tf.pow(m, gamma - 1), ce), gamma);
    // 0 < gamma < 1: gamma w / m where m > 0, else 0 (w / m is 0 / 0 there and discarded by where)
    return tf.where(tf.greater(m, 0), tf.mul(tf.div(tf.mul(w, ce), m), gamma), tf.zerosLike(m));
  };
  const parts = (x: tf.Tensor, t: tf.Tensor): FocalParts => {
    const p = tf.sigmoid(x);
    const ce = tf.sub(tf.sub(tf.relu(x), tf.mul(x, t)), tf.log(tf.sigmoid(tf.abs(x))));
    const u = tf.sub(1, tf.mul(t, 2));
    const m = tf.add(t, tf.mul(p, u));
    const w = gamma === 0 ? undefined : power(m);
    const a = weighted ? tf.add(tf.mul(t, dAlpha), 1 - alpha) : undefined;
    return { p, ce, u, m, w, a };
  };
  const scaled = (a: tf.Tensor | undefined, z: tf.Tensor) => (a ? tf.mul(a, z) : z);
  // dL/dx = a [ w'(m) ce u p (1 - p) + w (p - t) ]
  const xSlope = ({ p, ce, u, m, w, a }: FocalParts, t: tf.Tensor): tf.Tensor => {
    if (!w) return scaled(a, tf.sub(p, t));
    const sigmoidSlope = tf.mul(p, tf.sub(1, p));
    return scaled(
      a,
      tf.add(tf.mul(tf.mul(slopeTimesCe(m, w, ce), u), sigmoidSlope), tf.mul(w, tf.sub(p, t))),
    );
  };
  // dL/dt = (2 alpha - 1) w ce + a [ w'(m) (1 - 2p) ce - w x ]
  const tSlope = ({ p, ce, m, w, a }: FocalParts, x: tf.Tensor): tf.Tensor => {
    const wce = w ? tf.mul(w, ce) : ce;
    const inner = w
      ? tf.sub(tf.mul(slopeTimesCe(m, w, ce), tf.sub(1, tf.mul(p, 2))), tf.mul(w, x))
      : tf.neg(x);
    const base = scaled(a, inner);
    return weighted ? tf.add(base, tf.mul(wce, dAlpha)) : base;
  };
  return (x: tf.Tensor, t: tf.Tensor): tf.Tensor => {
    const lossOfX = customGradient<(x: tf.Tensor) => tf.Tensor>((xIn: tf.Tensor, save: tf.GradSaveFunc) => {
      const focal = parts(xIn, t);
      const wce = focal.w ? tf.mul(focal.w, focal.ce) : focal.ce;
      const value = focal.a ? tf.mul(focal.a, wce) : tf.clone(wce);
      // dL/dx is formed here and saved (the engine clones saved tensors), so the backward pass is
      // one multiplication by dy; outside a gradient scope (gradientDepth 0) it is skipped
      if (tf.engine().state.gradientDepth > 0) save([xSlope(focal, t)]);
      return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0]!) };
    });
    const zeroOfT = customGradient<(t: tf.Tensor) => tf.Tensor>((tIn: tf.Tensor) => ({
      value: tf.zerosLike(tIn),
      gradFunc: (dy: tf.Tensor) => tf.mul(dy, tSlope(parts(x, tIn), x)),
    }));
    const value = lossOfX(x);
    return tf.engine().state.gradientDepth > 0 ? tf.add(value, zeroOfT(t)) : value;
  };
}

/**
 * Sigmoid focal loss (Lin et al. 2017, RetinaNet): with p = sigmoid(x),
 * p_t = p t + (1 - p)(1 - t), CE = BCE-with-logits(x, t):
 *   loss = alpha_t (1 - p_t)^gamma CE, alpha_t = alpha t + (1 - alpha)(1 - t) (omitted when alpha < 0).
 * Matches torchvision 0.26 `ops.sigmoid_focal_loss` (alpha weights the positive class, default
 * reduction "none"; detectors then divide the sum by the number of positives themselves).
 * Down-weights easy examples, for extreme foreground-background imbalance. Finite value and
 * gradient for logits of +-100. Differentiable in both the logits and the targets, through one
 * custom-gradient op with hand-derived gradients (see `focalElements`). O(n).
 */
export function sigmoidFocalLoss(
  input: TensorInput,
  target: TensorInput,
  options: SigmoidFocalLossOptions = {},
): tf.Tensor {
  const fn = "sigmoidFocalLoss";
  const opts = readOptions<SigmoidFocalLossOptions>(fn, options, SIGMOID_FOCAL_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction, "none");
  const alpha = optNumber(fn, "alpha", opts.alpha, 0.25, { max: 1 });
  const gamma = optNumber(fn, "gamma", opts.gamma, 2, { min: 0 });
  return tf.tidy(() => {
    const [$input, $target] = tensorPair(input, target, fn, "input", "target");
    return reduceOrZero(focalElements(alpha, gamma)($input, $target), reduction);
  });
}

/** Keras-style form of {@link sigmoidFocalLoss} (`yPred` are logits; reduction defaults to `"mean"` here). */
export const sigmoidFocalLossFactory = lossFactory(sigmoidFocalLoss, {
  name: "sigmoidFocalLoss",
  options: SIGMOID_FOCAL_LOSS_OPTIONS,
});
