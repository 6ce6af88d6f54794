import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { safeSqrt } from "../gradient-tools.js";
import { numberOption, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { asTensor, tensorPair } from "../tensor-input.js";

/** Options of {@link gradientPenalty}. */
export interface GradientPenaltyOptions {
  /** Penalty weight λ. Default 10 (Gulrajani et al.). */
  readonly lambda?: number;
  /** Target gradient norm. Default 1. */
  readonly target?: number;
  /**
   * Interpolation weights ε [N] (or broadcastable to the inputs); default uniform random in
   * [0, 1) per sample from `seed`.
   */
  readonly epsilon?: tf.Tensor;
  /** Seed of the default ε. */
  readonly seed?: number;
  /** "mean" (default, the paper's expectation), "sum", or "none": per-sample penalties [N]. */
  readonly reduction?: Reduction;
}

/**
 * WGAN-GP gradient penalty of a `critic` (a function of a batch, returning one score per
 * sample) at random interpolates between `real` and `fake` batches of equal shape [N, ...]:
 * λ·mean_i(||∇_x̂ critic(x̂)_i||₂ - target)². The inner gradient is taken with `tf.grad`, so the
 * penalty is itself differentiable with respect to the critic's variables when called inside
 * `optimizer.minimize` / `tf.variableGrads` (TensorFlow.js records the inner gradient's ops).
 * The norm's gradient is 0, not NaN, where the critic's gradient vanishes.
 */
export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  options: GradientPenaltyOptions = {},
): tf.Tensor {
  const fn = "gradientPenalty";
  if (typeof critic !== "function")
    fail(
      "invalid_value",
      `${fn}: \`critic\` must be a function from a batch to scores, got ${typeof critic}`,
    );
  const lambda = numberOption(options.lambda, 10, fn, "lambda", { min: 0 });
  const target = numberOption(options.target, 1, fn, "target", { min: 0 });
  const reduction = reductionOption(options.reduction, fn);
  return tf.tidy(() => {
    const [r, f] = tensorPair(real, fake, fn, "real", "fake");
    if (r.rank < 1 || r.shape[0] === 0)
      fail("empty_input", `${fn}: \`real\` must hold at least one sample, got shape [${r.shape.join(", ")}]`);
    const n = r.shape[0]!;
    const epsShape = [n, ...Array.from({ length: r.rank - 1 }, () => 1)];
    const eps =
      options.epsilon === undefined
        ? tf.randomUniform(epsShape, 0, 1, "float32", options.seed)
        : tf.reshape(asTensor(options.epsilon, fn, "epsilon"), epsShape);
    const interpolates = tf.add(tf.mul(eps, r), tf.mul(tf.sub(1, eps), f));
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(interpolates);
    const axes = Array.from({ length: gradient.rank - 1 }, (_, i) => i + 1);
    const norms = safeSqrt(axes.length ? tf.sum(tf.square(gradient), axes) : tf.square(gradient));
    return reduceLoss(tf.mul(lambda, tf.square(tf.sub(norms, target))), reduction);
  });
}
