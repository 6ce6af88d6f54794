import type * as tfTypes from "@tensorflow/tfjs-core";
import type { Adapter, AdapterContext, ConformanceCase } from "../types.js";
import { useBackend } from "./tf-backend.js";

type Tensor = tfTypes.Tensor;
type Inputs = Record<string, unknown>;

/**
 * Runs a loss on the case's inputs and returns `{ value, grad_<name> }`: the loss (an array when
 * unreduced) and the gradient of sum(value) with respect to each differentiable input, as the
 * golden cases store them. The loss module is imported lazily so the catalog and the CLI do not
 * load TensorFlow.js until a loss case runs.
 */
async function lossCase(
  context: AdapterContext,
  inputs: Inputs,
  differentiable: readonly string[],
  loss: (tensors: Record<string, Tensor>) => Tensor,
): Promise<Record<string, unknown>> {
  const tf = await useBackend(context.backend);
  const variables = differentiable.map((name) =>
    tf.tensor(inputs[name] as tfTypes.TensorLike, undefined, "float32"),
  );
  const call = (...xs: Tensor[]) => loss(Object.fromEntries(differentiable.map((name, i) => [name, xs[i]!])));
  try {
    const value = tf.tidy(() => call(...variables));
    const grads = tf.grads((...xs: Tensor[]) => tf.sum(call(...xs)))(variables);
    const result: Record<string, unknown> = {
      value: value.rank === 0 ? value.arraySync() : value.arraySync(),
    };
    differentiable.forEach((name, i) => {
      result[`grad_${name}`] = grads[i]!.arraySync();
    });
    tf.dispose([value, ...grads]);
    return result;
  } finally {
    tf.dispose(variables);
  }
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
      return lossCase(context, inputs, ["anchor", "positive", "negative"], (t) =>
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
      return lossCase(context, inputs, ["emb", "weight"], (t) =>
        arcFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
          scale: options.scale as number,
          margin: options.margin as number,
          easyMargin: options.easy_margin as boolean,
        }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "cosface_loss",
    async run(inputs, options, _case, context) {
      const { cosFaceLoss } = await losses();
      return lossCase(context, inputs, ["emb", "weight"], (t) =>
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
      return lossCase(context, inputs, ["emb"], (t) =>
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
      return lossCase(context, inputs, ["a", "b"], (t) =>
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
      return lossCase(context, inputs, ["a", "b"], (t) =>
        ntXentLoss(t.a!, t.b!, { temperature: options.temperature as number }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "contrastive_loss",
    async run(inputs, options, _case, context) {
      const { contrastiveLoss } = await losses();
      return lossCase(context, inputs, ["x1", "x2"], (t) =>
        contrastiveLoss(t.x1!, t.x2!, inputs.same as number[], { margin: options.margin as number }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "ctc_loss",
    async run(inputs, options, _case, context) {
      const { ctcLoss } = await losses();
      return lossCase(context, inputs, ["log_probs"], (t) =>
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
      return lossCase(context, inputs, ["input"], (t) =>
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
      return lossCase(context, inputs, ["real_logits", "fake_logits"], (t) =>
        ganDiscriminatorLoss(t.real_logits!, t.fake_logits!, { kind: options.kind as "minimax" }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "gan_generator_loss",
    async run(inputs, options, _case, context) {
      const { ganGeneratorLoss } = await losses();
      return lossCase(context, inputs, ["fake_logits"], (t) =>
        ganGeneratorLoss(t.fake_logits!, { kind: options.kind as "minimax" }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
  {
    metric: "vae_kl_loss",
    async run(inputs, options, _case, context) {
      const { vaeKlLoss } = await losses();
      return lossCase(context, inputs, ["mu", "logvar"], (t) =>
        vaeKlLoss(t.mu!, t.logvar!, { reduction: options.reduction as "batchmean" }),
      );
    },
    tolerance: float32Tolerance(2e-5, 2e-6),
  },
];
