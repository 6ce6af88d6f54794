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

/** Conformance adapters for part b of the `losses` family (face, depth, generation, sequence). */
export const adapters: readonly Adapter[] = [
  {
    metric: "triplet_margin_loss",
    async run(inputs, options, _case, context) {
      const { tripletMarginLoss } = await losses();
      return lossCase(context, inputs, ["anchor", "positive", "negative"], [], (t) =>
        tripletMarginLoss(t.anchor!, t.positive!, t.negative!, {
          margin: options.margin as number,
          p: options.p as number,
          eps: options.eps as number,
          swap: options.swap as boolean,
          reduction: options.reduction as "mean",
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "arcface_loss",
    async run(inputs, options, _case, context) {
      const { arcFaceLoss } = await losses();
      return lossCase(context, inputs, ["emb", "weight"], [], (t) =>
        arcFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
          scale: options.scale as number,
          margin: options.margin as number,
          easyMargin: options.easy_margin as boolean,
          ...(options.threshold_fallback === undefined
            ? {}
            : { thresholdFallback: options.threshold_fallback as boolean }),
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "cosface_loss",
    async run(inputs, options, _case, context) {
      const { cosFaceLoss } = await losses();
      return lossCase(context, inputs, ["emb", "weight"], [], (t) =>
        cosFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
          scale: options.scale as number,
          margin: options.margin as number,
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "center_loss",
    async run(inputs, options, _case, context) {
      const { centerLoss } = await losses();
      return lossCase(context, inputs, ["emb"], [], (t) =>
        centerLoss(t.emb!, inputs.labels as number[], inputs.centers as number[][], {
          reduction: options.reduction as "mean",
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "info_nce_loss",
    async run(inputs, options, _case, context) {
      const { infoNceLoss } = await losses();
      return lossCase(context, inputs, ["a", "b"], [], (t) =>
        infoNceLoss(t.a!, t.b!, {
          temperature: options.temperature as number,
          symmetric: options.symmetric as boolean,
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "nt_xent_loss",
    async run(inputs, options, _case, context) {
      const { ntXentLoss } = await losses();
      return lossCase(context, inputs, ["a", "b"], [], (t) =>
        ntXentLoss(t.a!, t.b!, { temperature: options.temperature as number }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "contrastive_loss",
    async run(inputs, options, _case, context) {
      const { contrastiveLoss } = await losses();
      return lossCase(context, inputs, ["x1", "x2"], [], (t) =>
        contrastiveLoss(t.x1!, t.x2!, inputs.same as number[], { margin: options.margin as number }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "ctc_loss",
    async run(inputs, options, _case, context) {
      const { ctcLoss } = await losses();
      return lossCase(context, inputs, ["log_probs"], [], (t) =>
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
      );
    },
    // The recursion runs in float64 on float32 inputs; only the float32 result rounding differs.
    tolerance: float32Tolerance(2e-6, 1e-7),
  },
  {
    metric: "berhu_loss",
    async run(inputs, options, _case, context) {
      const { berHuLoss } = await losses();
      return lossCase(context, inputs, ["input"], [], (t) =>
        berHuLoss(t.input!, inputs.target as number[], {
          thresholdFraction: options.threshold_fraction as number,
          reduction: options.reduction as "mean",
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "gan_discriminator_loss",
    async run(inputs, options, _case, context) {
      const { ganDiscriminatorLoss } = await losses();
      return lossCase(context, inputs, ["real_logits", "fake_logits"], [], (t) =>
        ganDiscriminatorLoss(t.real_logits!, t.fake_logits!, { kind: options.kind as "minimax" }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "gan_generator_loss",
    async run(inputs, options, _case, context) {
      const { ganGeneratorLoss } = await losses();
      return lossCase(context, inputs, ["fake_logits"], [], (t) =>
        ganGeneratorLoss(t.fake_logits!, { kind: options.kind as "minimax" }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "vae_kl_loss",
    async run(inputs, options, _case, context) {
      const { vaeKlLoss } = await losses();
      return lossCase(context, inputs, ["mu", "logvar"], [], (t) =>
        vaeKlLoss(t.mu!, t.logvar!, { reduction: options.reduction as "batchmean" }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  // Cases of test/data/golden/losses_b_torch.json (scripts/golden/losses_b_torch.py).
  {
    metric: "token_cross_entropy",
    async run(inputs, options, _case, context) {
      const { tokenCrossEntropy } = await losses();
      return lossCase(context, inputs, ["logits"], [], (t) =>
        tokenCrossEntropy(t.logits!, inputs.targets as number[][], {
          ignoreIndex: options.ignore_index as number,
          labelSmoothing: options.label_smoothing as number,
          reduction: options.reduction as "mean",
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
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
  {
    metric: "elbo_loss",
    async run(inputs, options, _case, context) {
      const { elboLoss } = await losses();
      return lossCase(context, inputs, ["input", "mu", "logvar"], ["target"], (t) =>
        elboLoss(t.input!, t.target!, t.mu!, t.logvar!, {
          reconstruction: options.reconstruction as "bce_logits",
          beta: options.beta as number,
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "flow_nll_loss",
    async run(inputs, options, _case, context) {
      const { flowNllLoss } = await losses();
      return lossCase(context, inputs, ["z", "log_det"], [], (t) =>
        flowNllLoss(t.z!, t.log_det!, {
          bitsPerDim: options.bits_per_dim as boolean,
          ...(options.quantization_bins === undefined
            ? {}
            : { quantizationBins: options.quantization_bins as number }),
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "scale_invariant_log_loss",
    async run(inputs, options, _case, context) {
      const { scaleInvariantLogLoss } = await losses();
      return lossCase(context, inputs, ["input"], ["target", "mask"], (t) =>
        scaleInvariantLogLoss(t.input!, t.target!, {
          mask: t.mask!,
          lambda: options.lambda as number,
          ...(options.sqrt === undefined ? {} : { sqrt: options.sqrt as boolean }),
          ...(options.scale === undefined ? {} : { scale: options.scale as number }),
          ...(options.granularity === undefined ? {} : { granularity: options.granularity as "batch" }),
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
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
  {
    metric: "ssim_loss",
    async run(inputs, options, _case, context) {
      const { ssimLoss } = await losses();
      return lossCase(context, inputs, ["input"], ["target"], (t) =>
        ssimLoss(t.input!, t.target!, {
          window: options.window as "uniform",
          windowSize: options.window_size as number,
          ...(options.sigma === undefined ? {} : { sigma: options.sigma as number }),
        }),
      );
    },
    // SSIM subtracts squared local means from local second moments (cancellation in float32).
    tolerance: float32Tolerance(1e-4, 2e-5),
  },
  {
    metric: "photometric_loss",
    async run(inputs, options, _case, context) {
      const { photometricLoss } = await losses();
      return lossCase(context, inputs, ["input"], ["target"], (t) =>
        photometricLoss(t.input!, t.target!, { alpha: options.alpha as number }),
      );
    },
    tolerance: float32Tolerance(1e-4, 2e-5),
  },
  {
    metric: "edge_aware_smoothness_loss",
    async run(inputs, options, _case, context) {
      const { edgeAwareSmoothnessLoss } = await losses();
      return lossCase(context, inputs, ["disparity"], ["target"], (t) =>
        edgeAwareSmoothnessLoss(t.disparity!, t.target!, {
          normalize: options.normalize as boolean,
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "triplet_mining_loss",
    async run(inputs, options, _case, context) {
      const { tripletMiningLoss } = await losses();
      return lossCase(context, inputs, ["emb"], [], (t) =>
        tripletMiningLoss(t.emb!, inputs.labels as number[], {
          mining: options.mining as "batch-hard",
          margin: options.margin as number,
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "circle_loss",
    async run(inputs, options, _case, context) {
      const { circleLoss } = await losses();
      return lossCase(context, inputs, ["emb"], [], (t) =>
        circleLoss(t.emb!, inputs.labels as number[], {
          margin: options.margin as number,
          gamma: options.gamma as number,
        }),
      );
    },
    // γ = 32 multiplies cosines computed in float32.
    tolerance: float32Tolerance(1e-4, 1e-5),
  },
  {
    metric: "barlow_twins_loss",
    async run(inputs, options, _case, context) {
      const { barlowTwinsLoss } = await losses();
      return lossCase(context, inputs, ["emb", "emb2"], [], (t) =>
        barlowTwinsLoss(t.emb!, t.emb2!, { lambda: options.lambda as number }),
      );
    },
    tolerance: float32Tolerance(1e-4, 1e-5),
  },
  {
    metric: "simsiam_loss",
    async run(inputs, _options, _case, context) {
      const { simSiamLoss } = await losses();
      return lossCase(context, inputs, ["pred1", "pred2"], ["emb", "emb2"], (t) =>
        simSiamLoss(t.pred1!, t.pred2!, t.emb!, t.emb2!),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "sphereface_loss",
    async run(inputs, options, _case, context) {
      const { sphereFaceLoss } = await losses();
      return lossCase(context, inputs, ["emb", "weight"], [], (t) =>
        sphereFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
          margin: options.margin as number,
          lambda: options.lambda as number,
        }),
      );
    },
    tolerance: float32Tolerance(1e-4, 1e-5),
  },
  {
    metric: "softmax_loss",
    async run(inputs, _options, _case, context) {
      const { softmaxLoss } = await losses();
      return lossCase(context, inputs, ["emb", "weight"], ["bias"], (t) =>
        softmaxLoss(t.emb!, t.weight!, inputs.labels as number[], { bias: t.bias! }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
];
