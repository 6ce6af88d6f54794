import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { customGradient } from "../gradient-tools.js";
import { optBoolean, optInteger, optionNames, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { asTensor } from "../tensor-input.js";

/** Options of {@link ctcLoss}. */
export interface CtcLossOptions {
  /** Index of the blank symbol. Default 0. */
  readonly blank?: number;
  /** "mean" (default): each loss divided by its target length (at least 1), then averaged over the batch, as PyTorch. */
  readonly reduction?: Reduction;
  /** Replace infinite losses (no valid alignment) and their gradients by 0; NaN losses stay NaN. Default false. */
  readonly zeroInfinity?: boolean;
}

const CTC_LOSS_OPTIONS = optionNames<CtcLossOptions>()("blank", "reduction", "zeroInfinity");

const NEG_INF = Number.NEGATIVE_INFINITY;

function logAdd(a: number, b: number): number {
  if (a === NEG_INF) return b;
  if (b === NEG_INF) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

interface CtcPlan {
  readonly time: number;
  readonly batch: number;
  readonly classes: number;
  readonly blank: number;
  readonly inputLengths: Int32Array;
  /** Per sample: the target labels (without blanks). */
  readonly targets: readonly Int32Array[];
  readonly zeroInfinity: boolean;
}

/**
 * Forward-backward in float64 for every sample. Returns the negative log-likelihoods and the
 * gradient PyTorch returns for them (per unit upstream gradient):
 *   grad[t, n, c] = exp(lp[t,n,c]) - γ_t(c),  γ_t(c) = Σ_{s: l'_s = c} α_t(s) β_t(s) / (p_t(c) P)
 * for t < T_n, and 0 for t >= T_n. Here α and β both include the emission at t, so α_t(s)β_t(s)
 * counts p_t(l'_s) twice; dividing once by p_t(c) and by P = P(y|x) gives the posterior
 * occupation γ_t(c) of class c (Σ_s α_t(s)β_t(s)/p_t(l'_s) = P at every t). The gradient of
 * nll with respect to a log-probability is -γ; PyTorch adds exp(lp), which makes it the
 * gradient with respect to the logits of a preceding log-softmax (Σ_c γ_t(c) = 1), and passes
 * through a following log-softmax unchanged. We return the same numbers so values and
 * gradients match PyTorch's. An infinite loss gives NaN gradients for that sample (0 with
 * zeroInfinity), as PyTorch does.
 *
 * Each sample first runs in linear space with per-frame scaling (Rabiner's method: emissions
 * divided by the frame's largest one, α and β renormalised every frame, the log-likelihood
 * accumulated from the scale factors), which needs no logarithm per cell. Where that
 * underflows (an emission e^-745 below the frame's best, or no surviving path) the sample is
 * redone exactly in log space.
 */
function forwardBackward(
  logProbs: Float32Array | Float64Array,
  plan: CtcPlan,
): { nll: Float64Array; grad: Float32Array } {
  const nll = new Float64Array(plan.batch);
  const grad = new Float32Array(plan.time * plan.batch * plan.classes);
  let maxWidth = 1;
  for (const label of plan.targets) maxWidth = Math.max(maxWidth, 2 * label.length + 1);
  const cells = plan.time * maxWidth;
  const work: Workspace = {
    emit: new Float64Array(cells),
    alpha: new Float64Array(cells),
    beta: new Float64Array(cells),
    scaled: new Float64Array(plan.time * plan.classes),
    frameMax: new Float64Array(plan.time),
    occupation: new Float64Array(plan.classes),
  };
  for (let n = 0; n < plan.batch; n++) {
    const label = plan.targets[n]!;
    const width = 2 * label.length + 1;
    const ext = new Int32Array(width).fill(plan.blank);
    for (let i = 0; i < label.length; i++) ext[2 * i + 1] = label[i]!;
    const skip = new Uint8Array(width);
    for (let s = 2; s < width; s++) skip[s] = ext[s] !== plan.blank && ext[s] !== ext[s - 2] ? 1 : 0;
    const sample = { n, ext, skip, width, steps: plan.inputLengths[n]! };
    if (!scaledSample(logProbs, plan, sample, work, nll, grad))
      logSpaceSample(logProbs, plan, sample, nll, grad);
  }
  return { nll, grad };
}

/** Buffers reused across the samples of one call (sized for the longest target). */
interface Workspace {
  readonly emit: Float64Array;
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  readonly scaled: Float64Array;
  readonly frameMax: Float64Array;
  readonly occupation: Float64Array;
}

interface Sample {
  readonly n: number;
  readonly ext: Int32Array;
  readonly skip: Uint8Array;
  readonly width: number;
  readonly steps: number;
}

/** Linear-space forward-backward with per-frame scaling; false when it underflows. */
function scaledSample(
  logProbs: Float32Array | Float64Array,
  plan: CtcPlan,
  sample: Sample,
  work: Workspace,
  nll: Float64Array,
  grad: Float32Array,
): boolean {
  const { batch, classes } = plan;
  const { n, ext, skip, width, steps } = sample;
  // Per frame: e_c = exp(lp_c - max_c lp) for every class (one exp per class, reused for the
  // gradient's exp(lp) = e_c · exp(max)), emissions of the extended labels read from it.
  const { emit, alpha, beta, scaled, frameMax, occupation } = work;
  let logLikelihood = 0;
  for (let t = 0; t < steps; t++) {
    const base = (t * batch + n) * classes;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < classes; c++) max = Math.max(max, logProbs[base + c]!);
    if (!Number.isFinite(max)) return false;
    frameMax[t] = max;
    const row = t * classes;
    for (let c = 0; c < classes; c++) scaled[row + c] = Math.exp(logProbs[base + c]! - max);
    for (let s = 0; s < width; s++) emit[t * width + s] = scaled[row + ext[s]!]!;
    logLikelihood += max;
  }
  // The recursions below are branch-free inside the loops (the skip transition is a 0/1
  // factor), with each frame's normalisation fused into its sum.
  alpha.fill(0, 0, width);
  alpha[0] = emit[0]!;
  if (width > 1) alpha[1] = emit[1]!;
  for (let t = 0; t < steps; t++) {
    const row = t * width;
    let total = 0;
    if (t === 0) {
      total = width > 1 ? alpha[0]! + alpha[1]! : alpha[0]!;
    } else {
      const prev = row - width;
      let v = alpha[prev]! * emit[row]!;
      alpha[row] = v;
      total = v;
      if (width > 1) {
        v = (alpha[prev + 1]! + alpha[prev]!) * emit[row + 1]!;
        alpha[row + 1] = v;
        total += v;
      }
      for (let s = 2; s < width; s++) {
        v = (alpha[prev + s]! + alpha[prev + s - 1]! + skip[s]! * alpha[prev + s - 2]!) * emit[row + s]!;
        alpha[row + s] = v;
        total += v;
      }
    }
    if (!(total > 0) || !Number.isFinite(total)) return false;
    const inverse = 1 / total;
    for (let s = 0; s < width; s++) alpha[row + s] = alpha[row + s]! * inverse;
    logLikelihood += Math.log(total);
  }
  const last = (steps - 1) * width;
  const end = width > 1 ? alpha[last + width - 1]! + alpha[last + width - 2]! : alpha[last]!;
  if (!(end > 1e-290)) return false;
  const loss = -(logLikelihood + Math.log(end));
  beta.fill(0, last, last + width);
  beta[last + width - 1] = emit[last + width - 1]!;
  if (width > 1) beta[last + width - 2] = emit[last + width - 2]!;
  for (let t = steps - 1; t >= 0; t--) {
    const row = t * width;
    let total = 0;
    if (t === steps - 1) {
      total = width > 1 ? beta[row + width - 1]! + beta[row + width - 2]! : beta[row]!;
    } else {
      const next = row + width;
      for (let s = 0; s < width - 2; s++) {
        const v =
          (beta[next + s]! + beta[next + s + 1]! + skip[s + 2]! * beta[next + s + 2]!) * emit[row + s]!;
        beta[row + s] = v;
        total += v;
      }
      if (width > 1) {
        const v = (beta[next + width - 2]! + beta[next + width - 1]!) * emit[row + width - 2]!;
        beta[row + width - 2] = v;
        total += v;
      }
      const v = beta[next + width - 1]! * emit[row + width - 1]!;
      beta[row + width - 1] = v;
      total += v;
    }
    if (!(total > 0) || !Number.isFinite(total)) return false;
    const inverse = 1 / total;
    for (let s = 0; s < width; s++) beta[row + s] = beta[row + s]! * inverse;
  }
  for (let t = 0; t < steps; t++) {
    occupation.fill(0);
    const row = t * width;
    let total = 0;
    for (let s = 0; s < width; s++) {
      const e = emit[row + s]!;
      if (e === 0) continue;
      const r = (alpha[row + s]! * beta[row + s]!) / e;
      occupation[ext[s]!] += r;
      total += r;
    }
    if (!(total > 0) || !Number.isFinite(total)) return false;
    const frame = t * classes;
    const factor = Math.exp(frameMax[t]!);
    const base = (t * batch + n) * classes;
    // Written in place: a later failure hands the sample to logSpaceSample, which rewrites it.
    for (let c = 0; c < classes; c++) grad[base + c] = scaled[frame + c]! * factor - occupation[c]! / total;
  }
  nll[n] = loss;
  return true;
}

/** Exact log-space forward-backward (the fallback; also decides impossible alignments). */
function logSpaceSample(
  logProbs: Float32Array | Float64Array,
  plan: CtcPlan,
  sample: Sample,
  nll: Float64Array,
  grad: Float32Array,
): void {
  const { batch, classes, blank } = plan;
  const { n, ext, skip, width, steps } = sample;
  const at = (t: number, c: number) => logProbs[(t * batch + n) * classes + c]!;
  const alpha = new Float64Array(steps * width).fill(NEG_INF);
  alpha[0] = at(0, blank);
  if (width > 1) alpha[1] = at(0, ext[1]!);
  for (let t = 1; t < steps; t++) {
    const row = t * width;
    const prev = row - width;
    for (let s = 0; s < width; s++) {
      let sum = alpha[prev + s]!;
      if (s >= 1) sum = logAdd(sum, alpha[prev + s - 1]!);
      if (skip[s]) sum = logAdd(sum, alpha[prev + s - 2]!);
      alpha[row + s] = sum === NEG_INF ? NEG_INF : sum + at(t, ext[s]!);
    }
  }
  const last = (steps - 1) * width;
  const logLikelihood = width > 1 ? logAdd(alpha[last + width - 1]!, alpha[last + width - 2]!) : alpha[last]!;
  const loss = -logLikelihood;
  if (!Number.isFinite(loss)) {
    // NaN (a NaN log-probability on some path) propagates, to the loss and to every gradient
    // entry of the sample's frames, whatever zeroInfinity says: PyTorch's zero_infinity replaces
    // only infinite losses, so a diverged network is never hidden behind a loss of 0.
    const diverged = Number.isNaN(loss);
    const zero = plan.zeroInfinity && !diverged;
    nll[n] = zero ? 0 : diverged ? Number.NaN : Number.POSITIVE_INFINITY;
    const fill = zero ? 0 : Number.NaN;
    for (let t = 0; t < steps; t++) grad.fill(fill, (t * batch + n) * classes, (t * batch + n + 1) * classes);
    return;
  }
  nll[n] = loss;
  const beta = new Float64Array(steps * width).fill(NEG_INF);
  beta[last + width - 1] = at(steps - 1, blank);
  if (width > 1) beta[last + width - 2] = at(steps - 1, ext[width - 2]!);
  for (let t = steps - 2; t >= 0; t--) {
    const row = t * width;
    const next = row + width;
    for (let s = 0; s < width; s++) {
      let sum = beta[next + s]!;
      if (s + 1 < width) sum = logAdd(sum, beta[next + s + 1]!);
      if (s + 2 < width && skip[s + 2]) sum = logAdd(sum, beta[next + s + 2]!);
      beta[row + s] = sum === NEG_INF ? NEG_INF : sum + at(t, ext[s]!);
    }
  }
  const occupation = new Float64Array(classes);
  for (let t = 0; t < steps; t++) {
    occupation.fill(NEG_INF);
    const row = t * width;
    for (let s = 0; s < width; s++) {
      const c = ext[s]!;
      occupation[c] = logAdd(occupation[c]!, alpha[row + s]! + beta[row + s]!);
    }
    for (let c = 0; c < classes; c++) {
      const lp = at(t, c);
      grad[(t * batch + n) * classes + c] = Math.exp(lp) - Math.exp(occupation[c]! + loss - lp);
    }
  }
}

function readLengths(
  value: unknown,
  batch: number,
  max: number,
  fn: string,
  arg: string,
  min: number,
): Int32Array {
  const data = asTensor(value, fn, arg).dataSync();
  if (data.length !== batch)
    fail("shape_mismatch", `${fn}: \`${arg}\` must have one entry per sample (${batch}), got ${data.length}`);
  const out = new Int32Array(batch);
  for (let i = 0; i < batch; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v) || v < min || v > max) {
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain integers in [${min}, ${max}], got ${describeValue(v)} at index ${i}`,
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * CTC loss with PyTorch's conventions. `logProbs` [T, N, C] are log-probabilities (a
 * log-softmax output; [T, C] for one unbatched sequence), `targets` either padded [N, S] or
 * concatenated [Σ targetLengths] label indices (never the blank), `inputLengths` [N] in [1, T],
 * `targetLengths` [N]. Returns [N] losses for "none" (a scalar when unbatched), else their sum,
 * or for "mean" the average of loss_n / max(targetLength_n, 1).
 *
 * The forward-backward recursion runs in float64 in log space on the host (exact alpha-beta
 * gradient through `tf.customGrad`; see forwardBackward for the derivation), so very negative
 * log-probabilities cannot underflow. Matches torch 2.11 F.ctc_loss value and gradient,
 * including the gradient convention (exp(lp) - γ), NaN gradients for infinite losses, and NaN
 * log-probabilities propagating to the loss and gradient (also with `zeroInfinity`, which only
 * zeroes infinite losses, as in PyTorch).
 * Differs from torch only for inputLengths of 0, which are refused (torch returns a value read
 * from frame 0). Cost O(T·N·(S + C)) time, O(T·S) memory per sample; one device read.
 */
export function ctcLoss(
  logProbs: tf.Tensor | number[][][] | number[][],
  targets: tf.Tensor | number[][] | number[],
  inputLengths: tf.Tensor | number[] | number,
  targetLengths: tf.Tensor | number[] | number,
  options: CtcLossOptions = {},
): tf.Tensor {
  const fn = "ctcLoss";
  const opts = readOptions<CtcLossOptions>(fn, options, CTC_LOSS_OPTIONS);
  const reduction = reductionOption(fn, opts.reduction);
  const blankOption = optInteger(fn, "blank", opts.blank, 0, { min: 0 });
  const zeroInfinity = optBoolean(fn, "zeroInfinity", opts.zeroInfinity, false);
  // One scope for everything: tensors made from array inputs and the lengths are released.
  return tf.tidy(() => {
    const input = asTensor(logProbs, fn, "logProbs");
    const unbatched = input.rank === 2;
    if (input.rank !== 3 && !unbatched)
      fail(
        "shape_mismatch",
        `${fn}: \`logProbs\` must have rank 3 ([time, batch, classes]) or 2 ([time, classes]), got shape [${input.shape.join(", ")}]`,
      );
    const lp3 = unbatched ? tf.expandDims(input, 1) : input;
    const [time, batch, classes] = lp3.shape as [number, number, number];
    if (time === 0 || classes === 0)
      fail(
        "empty_input",
        `${fn}: \`logProbs\` must have at least one frame and one class, got shape [${input.shape.join(", ")}]`,
      );
    const blank = blankOption;
    if (blank >= classes)
      fail(
        "invalid_option",
        `${fn}: option \`blank\` must be a class index in [0, ${classes}), got ${blank}`,
      );
    const target = asTensor(targets, fn, "targets");
    const targetData = target.dataSync();
    const padded = unbatched ? false : target.rank === 2;
    if (!padded && target.rank !== 1)
      fail(
        "shape_mismatch",
        `${fn}: \`targets\` must have rank 2 ([batch, maxTargetLength]) or 1 (concatenated), got shape [${target.shape.join(", ")}]`,
      );
    if (padded && target.shape[0] !== batch)
      fail(
        "shape_mismatch",
        `${fn}: \`targets\` must have ${batch} rows (the batch size of \`logProbs\`), got shape [${target.shape.join(", ")}]`,
      );
    const width = padded ? target.shape[1]! : targetData.length;
    const inLengths = readLengths(inputLengths, batch, time, fn, "inputLengths", 1);
    const tgtLengths = readLengths(targetLengths, batch, width, fn, "targetLengths", 0);
    const labels: Int32Array[] = [];
    let offset = 0;
    for (let n = 0; n < batch; n++) {
      const start = padded ? n * width : offset;
      const length = tgtLengths[n]!;
      if (!padded && start + length > targetData.length)
        fail(
          "shape_mismatch",
          `${fn}: concatenated \`targets\` must hold sum(targetLengths) labels, got ${targetData.length}`,
        );
      const label = new Int32Array(length);
      for (let i = 0; i < length; i++) {
        const v = targetData[start + i]!;
        if (!Number.isInteger(v) || v < 0 || v >= classes || v === blank) {
          fail(
            "invalid_value",
            `${fn}: \`targets\` must contain class indices in [0, ${classes}) other than the blank ${blank}, got ${describeValue(v)} at index ${start + i}`,
          );
        }
        label[i] = v;
      }
      labels.push(label);
      offset += length;
    }
    const plan: CtcPlan = {
      time,
      batch,
      classes,
      blank,
      inputLengths: inLengths,
      targets: labels,
      zeroInfinity,
    };
    const perSample = customGradient((lp: tf.Tensor) => {
      const { nll, grad } = forwardBackward(lp.dataSync() as Float32Array, plan);
      return {
        value: tf.tensor1d(Float32Array.from(nll)),
        gradFunc: (dy: tf.Tensor) =>
          tf.mul(tf.tensor3d(grad, [time, batch, classes]), tf.reshape(dy, [1, batch, 1])),
      };
    });
    const losses = perSample(lp3);
    if (reduction === "none") return unbatched ? tf.reshape(losses, []) : losses;
    if (reduction === "sum") return tf.sum(losses);
    const divisors = tf.tensor1d(Float32Array.from(tgtLengths, (v) => Math.max(v, 1)));
    return tf.mean(tf.div(losses, divisors));
  });
}
