import type * as tfTypes from "@tensorflow/tfjs-core";
import type { Adapter, AdapterContext, ConformanceCase } from "../types.js";
import { lossValueAndGrads, useBackend } from "./tf-backend.js";

type Tensor = tfTypes.Tensor;
type Inputs = Record<string, unknown>;

/**
 * Runs a loss through the shared harness: `differentiable` inputs get `grad_<name>` gradients,
 * `constants` are passed as constant float32 tensors, any other input is read raw by the loss
 * call. The loss module is imported lazily so the catalog and the CLI do not load TensorFlow.js
 * until a loss case runs.
 */
function lossCase(
  context: AdapterContext,
  inputs: Inputs,
  differentiable: readonly string[],
  constants: readonly string[],
  loss: (tensors: Record<string, Tensor>) => Tensor,
): Promise<Record<string, unknown>> {
  const grads = Object.fromEntries(differentiable.map((name) => [`grad_${name}`, name]));
  return lossValueAndGrads(context.backend, inputs, { grads, constants }, loss);
}

/**
 * float32 tolerance. TensorFlow.js computes in float32 (unit roundoff 6e-8) while the golden
 * values are float64; a loss and its gradients carry a few roundoffs per operation, amplified
 * by the scale s (ArcFace, CosFace) or 1/τ (InfoNCE, NT-Xent) that multiplies cosines. Gradient
 * entries that cancel (sums of terms of opposite sign) are only accurate to the roundoff of the
 * largest term, hence an absolute floor relative to the case's largest expected magnitude.
 */
function float32Tolerance(rtol: number, relativeFloor: number) {
  return (testCase: ConformanceCase): { rtol: number; atol: number } => ({
    rtol: Math.max(testCase.rtol, rtol),
    atol: Math.max(testCase.atol, relativeFloor * maxAbs(testCase.expected)),
  });
}

function maxAbs(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? Math.abs(value) : 0;
  if (Array.isArray(value)) return value.reduce((m: number, v) => Math.max(m, maxAbs(v)), 0);
  if (value && typeof value === "object")
    return Object.values(value).reduce((m: number, v) => Math.max(m, maxAbs(v)), 0);
  return 0;
}

const losses = () => import("../../losses/index-b.js");

type LossesB = Awaited<ReturnType<typeof losses>>;

/** float32 tolerance of most part-b cases. */
const standard = float32Tolerance(2e-5, 2e-6);

/** An adapter running `call` (given the lazily imported loss module) through {@link lossCase}. */
function lossAdapter(
  metric: string,
  differentiable: readonly string[],
  constants: readonly string[],
  tolerance: NonNullable<Adapter["tolerance"]>,
  call: (lib: LossesB, t: Record<string, Tensor>, inputs: Inputs, options: Inputs) => Tensor,
): Adapter {
  return {
    metric,
    async run(inputs, options, _case, context) {
      const lib = await losses();
      return lossCase(context, inputs, differentiable, constants, (t) => call(lib, t, inputs, options));
    },
    tolerance,
  };
}

/** Conformance adapters for part b of the `losses` family (face, depth, generation, sequence). */
export const adapters: readonly Adapter[] = [
  lossAdapter(
    "triplet_margin_loss",
    ["anchor", "positive", "negative"],
    [],
    standard,
    ({ tripletMarginLoss }, t, _inputs, options) =>
      tripletMarginLoss(t.anchor!, t.positive!, t.negative!, {
        margin: options.margin as number,
        p: options.p as number,
        eps: options.eps as number,
        swap: options.swap as boolean,
        reduction: options.reduction as "mean",
      }),
  ),
  lossAdapter("arcface_loss", ["emb", "weight"], [], standard, ({ arcFaceLoss }, t, inputs, options) =>
    arcFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
      scale: options.scale as number,
      margin: options.margin as number,
      easyMargin: options.easy_margin as boolean,
      ...(options.threshold_fallback === undefined
        ? {}
        : { thresholdFallback: options.threshold_fallback as boolean }),
    }),
  ),
  lossAdapter("cosface_loss", ["emb", "weight"], [], standard, ({ cosFaceLoss }, t, inputs, options) =>
    cosFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
      scale: options.scale as number,
      margin: options.margin as number,
    }),
  ),
  lossAdapter("center_loss", ["emb"], [], standard, ({ centerLoss }, t, inputs, options) =>
    centerLoss(t.emb!, inputs.labels as number[], inputs.centers as number[][], {
      reduction: options.reduction as "mean",
    }),
  ),
  lossAdapter("info_nce_loss", ["a", "b"], [], standard, ({ infoNceLoss }, t, _inputs, options) =>
    infoNceLoss(t.a!, t.b!, {
      temperature: options.temperature as number,
      symmetric: options.symmetric as boolean,
    }),
  ),
  lossAdapter("nt_xent_loss", ["a", "b"], [], standard, ({ ntXentLoss }, t, _inputs, options) =>
    ntXentLoss(t.a!, t.b!, { temperature: options.temperature as number }),
  ),
  lossAdapter("contrastive_loss", ["x1", "x2"], [], standard, ({ contrastiveLoss }, t, inputs, options) =>
    contrastiveLoss(t.x1!, t.x2!, inputs.same as number[], { margin: options.margin as number }),
  ),
  // The recursion runs in float64 on float32 inputs; only the float32 result rounding differs.
  lossAdapter(
    "ctc_loss",
    ["log_probs"],
    [],
    float32Tolerance(2e-6, 1e-7),
    ({ ctcLoss }, t, inputs, options) =>
      ctcLoss(
        t.log_probs!,
        inputs.targets as number[][],
        inputs.input_lengths as number[],
        inputs.target_lengths as number[],
        {
          blank: options.blank as number,
          reduction: options.reduction as "mean",
          zeroInfinity: options.zero_infinity as boolean,
        },
      ),
  ),
  lossAdapter("berhu_loss", ["input"], [], standard, ({ berHuLoss }, t, inputs, options) =>
    berHuLoss(t.input!, inputs.target as number[], {
      thresholdFraction: options.threshold_fraction as number,
      reduction: options.reduction as "mean",
    }),
  ),
  lossAdapter(
    "gan_discriminator_loss",
    ["real_logits", "fake_logits"],
    [],
    standard,
    ({ ganDiscriminatorLoss }, t, _inputs, options) =>
      ganDiscriminatorLoss(t.real_logits!, t.fake_logits!, { kind: options.kind as "minimax" }),
  ),
  lossAdapter(
    "gan_generator_loss",
    ["fake_logits"],
    [],
    standard,
    ({ ganGeneratorLoss }, t, _inputs, options) =>
      ganGeneratorLoss(t.fake_logits!, { kind: options.kind as "minimax" }),
  ),
  lossAdapter("vae_kl_loss", ["mu", "logvar"], [], standard, ({ vaeKlLoss }, t, _inputs, options) =>
    vaeKlLoss(t.mu!, t.logvar!, { reduction: options.reduction as "batchmean" }),
  ),
  // Cases of test/data/golden/losses_b_torch.json (scripts/golden/losses_b_torch.py).
  lossAdapter("token_cross_entropy", ["logits"], [], standard, ({ tokenCrossEntropy }, t, inputs, options) =>
    tokenCrossEntropy(t.logits!, inputs.targets as number[][], {
      ignoreIndex: options.ignore_index as number,
      labelSmoothing: options.label_smoothing as number,
      reduction: options.reduction as "mean",
    }),
  ),
  {
    metric: "reconstruction_loss",
    async run(inputs, options, _case, context) {
      const { reconstructionLoss } = await losses();
      const key = options.kind === "bce" ? "probs" : "input";
      return lossCase(context, inputs, [key], ["target"], (t) =>
        reconstructionLoss(t[key]!, t.target!, {
          kind: options.kind as "mse",
          reduction: options.reduction as "mean",
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  lossAdapter(
    "elbo_loss",
    ["input", "mu", "logvar"],
    ["target"],
    standard,
    ({ elboLoss }, t, _inputs, options) =>
      elboLoss(t.input!, t.target!, t.mu!, t.logvar!, {
        reconstruction: options.reconstruction as "bce_logits",
        beta: options.beta as number,
      }),
  ),
  lossAdapter("flow_nll_loss", ["z", "log_det"], [], standard, ({ flowNllLoss }, t, _inputs, options) =>
    flowNllLoss(t.z!, t.log_det!, {
      bitsPerDim: options.bits_per_dim as boolean,
      ...(options.quantization_bins === undefined
        ? {}
        : { quantizationBins: options.quantization_bins as number }),
    }),
  ),
  lossAdapter(
    "scale_invariant_log_loss",
    ["input"],
    ["target", "mask"],
    standard,
    ({ scaleInvariantLogLoss }, t, _inputs, options) =>
      scaleInvariantLogLoss(t.input!, t.target!, {
        mask: t.mask!,
        lambda: options.lambda as number,
        ...(options.sqrt === undefined ? {} : { sqrt: options.sqrt as boolean }),
        ...(options.scale === undefined ? {} : { scale: options.scale as number }),
        ...(options.granularity === undefined ? {} : { granularity: options.granularity as "batch" }),
      }),
  ),
  {
    metric: "scale_shift_invariant_loss",
    async run(inputs, options, _case, context) {
      const tf = await useBackend(context.backend);
      const { scaleShiftInvariantLoss } = await losses();
      const imageBased = options.reduction === "image";
      return lossCase(context, inputs, ["input"], ["target", "mask"], (t) => {
        const value = scaleShiftInvariantLoss(t.input!, t.target!, {
          mask: t.mask!,
          alpha: options.alpha as number,
          scales: options.scales as number,
          reduction: imageBased ? "none" : "mean",
        });
        return imageBased ? tf.mean(value) : value;
      });
    },
    tolerance: float32Tolerance(5e-5, 5e-6),
  },
  // SSIM subtracts squared local means from local second moments (cancellation in float32).
  lossAdapter(
    "ssim_loss",
    ["input"],
    ["target"],
    float32Tolerance(1e-4, 2e-5),
    ({ ssimLoss }, t, _inputs, options) =>
      ssimLoss(t.input!, t.target!, {
        window: options.window as "uniform",
        windowSize: options.window_size as number,
        ...(options.sigma === undefined ? {} : { sigma: options.sigma as number }),
      }),
  ),
  lossAdapter(
    "photometric_loss",
    ["input"],
    ["target"],
    float32Tolerance(1e-4, 2e-5),
    ({ photometricLoss }, t, _inputs, options) =>
      photometricLoss(t.input!, t.target!, { alpha: options.alpha as number }),
  ),
  lossAdapter(
    "edge_aware_smoothness_loss",
    ["disparity"],
    ["target"],
    standard,
    ({ edgeAwareSmoothnessLoss }, t, _inputs, options) =>
      edgeAwareSmoothnessLoss(t.disparity!, t.target!, {
        normalize: options.normalize as boolean,
      }),
  ),
  lossAdapter("triplet_mining_loss", ["emb"], [], standard, ({ tripletMiningLoss }, t, inputs, options) =>
    tripletMiningLoss(t.emb!, inputs.labels as number[], {
      mining: options.mining as "batch-hard",
      margin: options.margin as number,
    }),
  ),
  // γ = 32 multiplies cosines computed in float32.
  lossAdapter(
    "circle_loss",
    ["emb"],
    [],
    float32Tolerance(1e-4, 1e-5),
    ({ circleLoss }, t, inputs, options) =>
      circleLoss(t.emb!, inputs.labels as number[], {
        margin: options.margin as number,
        gamma: options.gamma as number,
      }),
  ),
  lossAdapter(
    "barlow_twins_loss",
    ["emb", "emb2"],
    [],
    float32Tolerance(1e-4, 1e-5),
    ({ barlowTwinsLoss }, t, _inputs, options) =>
      barlowTwinsLoss(t.emb!, t.emb2!, { lambda: options.lambda as number }),
  ),
  lossAdapter(
    "simsiam_loss",
    ["pred1", "pred2"],
    ["emb", "emb2"],
    standard,
    ({ simSiamLoss }, t, _inputs, _options) => simSiamLoss(t.pred1!, t.pred2!, t.emb!, t.emb2!),
  ),
  lossAdapter(
    "sphereface_loss",
    ["emb", "weight"],
    [],
    float32Tolerance(1e-4, 1e-5),
    ({ sphereFaceLoss }, t, inputs, options) =>
      sphereFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
        margin: options.margin as number,
        lambda: options.lambda as number,
      }),
  ),
  lossAdapter("softmax_loss", ["emb", "weight"], ["bias"], standard, ({ softmaxLoss }, t, inputs, _options) =>
    softmaxLoss(t.emb!, t.weight!, inputs.labels as number[], { bias: t.bias! }),
  ),
];
