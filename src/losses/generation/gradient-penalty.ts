import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateSum } from "../accurate-sum.js";
import { safeSqrt } from "../gradient-tools.js";
import { optInteger, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
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

const GRADIENT_PENALTY_OPTIONS = optionNames<GradientPenaltyOptions>()(
  "lambda",
  "target",
  "epsilon",
  "seed",
  "reduction",
);

/**
 * WGAN-GP gradient penalty of a `critic` (a function of a batch, returning one score per
 * sample) at random interpolates between `real` and `fake` batches of equal shape [N, ...]:
 * λ·mean_i(||∇_x̂ critic(x̂)_i||₂ - target)². The inner gradient is taken with `tf.grad`, so the
 * penalty is itself differentiable with respect to the critic's variables when called inside
 * `optimizer.minimize` / `tf.variableGrads` (TensorFlow.js records the inner gradient's ops).
 * The norm's gradient is 0, not NaN, where the critic's gradient vanishes. Matches torch 1.13
 * autograd with `create_graph=True` (value and gradients with respect to the critic's weights).
 *
 * The critic must be twice differentiable in TensorFlow.js 4.22, which not every op is: `tanh`,
 * `sigmoid`, `exp`, `elu` compute their gradient from their saved output, which the second
 * derivative does not see (the penalty's gradient is silently wrong where other paths exist),
 * and `leakyRelu`, `maximum`, `minimum` go through comparison ops without gradients (the call
 * throws). `matMul`, `relu`, `abs`, `square`, `sqrt`, `log`, `softplus`, `add`, `mul` are
 * fine; write a leaky ReLU as `tf.sub(tf.relu(h), tf.mul(a, tf.relu(tf.neg(h))))`.
 */
export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  options: GradientPenaltyOptions = {},
): tf.Tensor {
  const fn = "gradientPenalty";
  const opts = readOptions<GradientPenaltyOptions>(fn, options, GRADIENT_PENALTY_OPTIONS);
  if (typeof critic !== "function")
    fail(
      "invalid_value",
      `${fn}: \`critic\` must be a function from a batch to scores, got ${typeof critic}`,
    );
  const lambda = optNumber(fn, "lambda", opts.lambda, 10, { min: 0 });
  const target = optNumber(fn, "target", opts.target, 1, { min: 0 });
  const reduction = reductionOption(fn, opts.reduction);
  const seed = optInteger(fn, "seed", opts.seed, undefined);
  return tf.tidy(() => {
    const [r, f] = tensorPair(real, fake, fn, "real", "fake");
    if (r.rank < 1 || r.shape[0] === 0)
      fail("empty_input", `${fn}: \`real\` must hold at least one sample, got shape [${r.shape.join(", ")}]`);
    const n = r.shape[0]!;
    const epsShape = [n, ...Array.from({ length: r.rank - 1 }, () => 1)];
    const eps =
      opts.epsilon === undefined
        ? tf.randomUniform(epsShape, 0, 1, "float32", seed)
        : tf.reshape(asTensor(opts.epsilon, fn, "epsilon"), epsShape);
    const interpolates = tf.add(tf.mul(eps, r), tf.mul(tf.sub(1, eps), f));
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(interpolates);
    const axes = Array.from({ length: gradient.rank - 1 }, (_, i) => i + 1);
    const norms = safeSqrt(axes.length ? accurateSum(tf.square(gradient), axes) : tf.square(gradient));
    return reduceLoss(tf.mul(lambda, tf.square(tf.sub(norms, target))), reduction);
  });
}
