import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { noGrad } from "../gradient-tools.js";
import { optInteger, optionNames, optOneOf, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { assertRank, asTensor, type TensorInput } from "../tensor-input.js";
import { softplus } from "../tensor-math.js";

/** The parameters of a Bernoulli-Bernoulli restricted Boltzmann machine as tensors, checked. */
interface Rbm {
  readonly v: tf.Tensor2D;
  readonly w: tf.Tensor2D;
  readonly b: tf.Tensor1D;
  readonly c: tf.Tensor1D;
}

function rbm(
  visible: TensorInput,
  weight: TensorInput,
  visibleBias: TensorInput,
  hiddenBias: TensorInput,
  fn: string,
): Rbm {
  const v = asTensor(visible, fn, "visible");
  const w = asTensor(weight, fn, "weight");
  const b = asTensor(visibleBias, fn, "visibleBias");
  const c = asTensor(hiddenBias, fn, "hiddenBias");
  assertRank(v, 2, fn, "visible", "[batch, visible units]");
  assertRank(w, 2, fn, "weight", "[visible units, hidden units]");
  if (
    v.shape[1] !== w.shape[0] ||
    b.rank !== 1 ||
    b.shape[0] !== w.shape[0] ||
    c.rank !== 1 ||
    c.shape[0] !== w.shape[1]
  )
    fail(
      "shape_mismatch",
      `${fn}: expected visible [N, V], weight [V, H], visibleBias [V], hiddenBias [H], got [${v.shape}], [${w.shape}], [${b.shape}], [${c.shape}]`,
    );
  return { v: v as tf.Tensor2D, w: w as tf.Tensor2D, b: b as tf.Tensor1D, c: c as tf.Tensor1D };
}

/**
 * Free energy of a Bernoulli RBM: F(v) = -v·b - Σ_j softplus(c_j + (v W)_j), one value per row of
 * `visible` [N, V]; `weight` [V, H], `visibleBias` [V], `hiddenBias` [H]. p(v) ∝ exp(-F(v)).
 * Overflow-free softplus. O(N V H).
 */
export function rbmFreeEnergy(
  visible: TensorInput,
  weight: TensorInput,
  visibleBias: TensorInput,
  hiddenBias: TensorInput,
): tf.Tensor1D {
  return tf.tidy(() => {
    const { v, w, b, c } = rbm(visible, weight, visibleBias, hiddenBias, "rbmFreeEnergy");
    return freeEnergy(v, w, b, c);
  });
}

function freeEnergy(v: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, c: tf.Tensor1D): tf.Tensor1D {
  const visibleTerm = tf.squeeze(tf.matMul(v, tf.expandDims(b, 1)), [1]);
  return tf.neg(tf.add(visibleTerm, tf.sum(softplus(tf.add(tf.matMul(v, w), c)), 1))) as tf.Tensor1D;
}

/** Options of {@link contrastiveDivergenceLoss}. */
export interface ContrastiveDivergenceOptions {
  /** Gibbs steps k of CD-k. Default 1. */
  readonly steps?: number;
  /**
   * `"bernoulli"` (default): sample the hidden and visible units at every step; `"mean-field"`:
   * use their probabilities instead (deterministic).
   */
  readonly sampling?: "bernoulli" | "mean-field";
  /** Seed of the Bernoulli samples (step k uses seed + 2k and seed + 2k + 1). Default 0. */
  readonly seed?: number;
  /** Over the batch. Default "mean". */
  readonly reduction?: Reduction;
}

const CONTRASTIVE_DIVERGENCE_OPTIONS = optionNames<ContrastiveDivergenceOptions>()(
  "steps",
  "sampling",
  "seed",
  "reduction",
);

/**
 * Contrastive divergence CD-k (Hinton 2002) for a Bernoulli RBM, as a loss: from the data v⁰
 * [N, V] run k steps of block Gibbs sampling, h ~ p(h | v) = σ(v W + c), v ~ p(v | h) = σ(h Wᵀ + b),
 * to v^k (held constant), and take F(v⁰) - F(v^k) per sample. Its gradient with respect to W, b
 * and c is the CD-k update (e.g. ∂/∂W = -v⁰ᵀσ(v⁰W + c) + v^kᵀσ(v^kW + c), averaged), so
 * `optimizer.minimize` of this loss trains the RBM; the value itself is a surrogate, not the
 * log-likelihood. Matches a torch 1.13 re-implementation (value and gradients, mean-field chain).
 * O(k N V H).
 */
export function contrastiveDivergenceLoss(
  visible: TensorInput,
  weight: TensorInput,
  visibleBias: TensorInput,
  hiddenBias: TensorInput,
  options: ContrastiveDivergenceOptions = {},
): tf.Tensor {
  const fn = "contrastiveDivergenceLoss";
  const opts = readOptions<ContrastiveDivergenceOptions>(fn, options, CONTRASTIVE_DIVERGENCE_OPTIONS);
  const steps = optInteger(fn, "steps", opts.steps, 1, { min: 1, max: 10_000 });
  const sampling = optOneOf(fn, "sampling", opts.sampling, ["bernoulli", "mean-field"], "bernoulli");
  const seed = optInteger(fn, "seed", opts.seed, 0);
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const { v, w, b, c } = rbm(visible, weight, visibleBias, hiddenBias, fn);
    const draw = (p: tf.Tensor, s: number) =>
      sampling === "mean-field"
        ? p
        : tf.cast(tf.less(tf.randomUniform(p.shape, 0, 1, "float32", s), p), "float32");
    // the chain is a constant for the gradient (CD's approximation): computed outside the tape
    const chain = noGrad(
      (v0, wc, bc, cc) => {
        let state = v0!;
        for (let k = 0; k < steps; k++) {
          const hidden = draw(tf.sigmoid(tf.add(tf.matMul(state, wc!), cc!)), seed + 2 * k);
          state = draw(tf.sigmoid(tf.add(tf.matMul(hidden, wc!, false, true), bc!)), seed + 2 * k + 1);
        }
        return state;
      },
      v,
      w,
      b,
      c,
    );
    const negative = chain as tf.Tensor2D;
    return reduceLoss(tf.sub(freeEnergy(v, w, b, c), freeEnergy(negative, w, b, c)), reduction);
  });
}
