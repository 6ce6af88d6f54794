import * as tf from "@tensorflow/tfjs-core";
import { binaryCrossEntropy } from "../../losses/classification/binary-cross-entropy.js";
import { binaryCrossEntropyWithLogits } from "../../losses/classification/binary-cross-entropy-with-logits.js";
import { cosineEmbeddingLoss } from "../../losses/classification/cosine-embedding-loss.js";
import { crossEntropy } from "../../losses/classification/cross-entropy.js";
import { hingeEmbeddingLoss } from "../../losses/classification/hinge-embedding-loss.js";
import { klDiv } from "../../losses/classification/kl-div.js";
import { marginRankingLoss } from "../../losses/classification/margin-ranking-loss.js";
import { multiMarginLoss } from "../../losses/classification/multi-margin-loss.js";
import { multilabelSoftMarginLoss } from "../../losses/classification/multilabel-soft-margin-loss.js";
import { nllLoss } from "../../losses/classification/nll-loss.js";
import { poly1Loss } from "../../losses/classification/poly1-loss.js";
import { sigmoidFocalLoss } from "../../losses/classification/sigmoid-focal-loss.js";
import { softMarginLoss } from "../../losses/classification/soft-margin-loss.js";
import { softmaxFocalLoss } from "../../losses/classification/softmax-focal-loss.js";
import { balancedL1Loss } from "../../losses/detection/balanced-l1-loss.js";
import { ciouLoss } from "../../losses/detection/ciou-loss.js";
import { diouLoss } from "../../losses/detection/diou-loss.js";
import { giouLoss } from "../../losses/detection/giou-loss.js";
import { wingLoss } from "../../losses/detection/wing-loss.js";
import type { Reduction } from "../../losses/reduction.js";
import { gaussianNllLoss } from "../../losses/regression/gaussian-nll-loss.js";
import { huberLoss } from "../../losses/regression/huber-loss.js";
import { l1Loss } from "../../losses/regression/l1-loss.js";
import { logCoshLoss } from "../../losses/regression/log-cosh-loss.js";
import { mseLoss } from "../../losses/regression/mse-loss.js";
import { poissonNllLoss } from "../../losses/regression/poisson-nll-loss.js";
import { quantileLoss } from "../../losses/regression/quantile-loss.js";
import { smoothL1Loss } from "../../losses/regression/smooth-l1-loss.js";
import { lovaszHingeLoss, lovaszSoftmaxLoss } from "../../losses/segmentation/lovasz-loss.js";
import { softDiceLoss } from "../../losses/segmentation/soft-dice-loss.js";
import { softJaccardLoss } from "../../losses/segmentation/soft-jaccard-loss.js";
import { tverskyLoss } from "../../losses/segmentation/tversky-loss.js";
import type { Adapter, AdapterContext, ConformanceCase } from "../types.js";
import { lossValueAndGrads } from "./tf-backend.js";

/**
 * Evaluates a loss on the case's inputs through the shared harness: every non-null input is a
 * tensor (int32 for `integerInputs`), and `grads` maps the case's gradient keys to the inputs
 * differentiated.
 */
function evaluate(
  context: AdapterContext,
  inputs: Record<string, unknown>,
  grads: Record<string, string>,
  compute: (t: Record<string, tf.Tensor>) => tf.Tensor,
  integerInputs: readonly string[] = [],
): Promise<Record<string, unknown>> {
  return lossValueAndGrads(
    context.backend,
    inputs,
    { grads, constants: Object.keys(inputs), integer: integerInputs },
    compute,
  );
}

const reductionOf = (options: Record<string, unknown>): Reduction =>
  (options.reduction as Reduction | undefined) ?? "mean";

/**
 * TensorFlow.js computes in float32, while the cases were computed in float64: loosen to
 * rtol 1e-4 on the CPU backend and 1e-3 on WASM (whose kernels use different summation orders
 * and a float32 exp/log), with an absolute floor of 1e-5 for gradients near zero.
 */
function float32Tolerance(
  _testCase: ConformanceCase,
  context: AdapterContext,
): { rtol: number; atol: number } {
  return context.backend === "wasm" ? { rtol: 1e-3, atol: 1e-5 } : { rtol: 1e-4, atol: 1e-5 };
}

function adapter(metric: string, run: Adapter["run"]): Adapter {
  return { metric, run, tolerance: float32Tolerance };
}

const inputGrad = { grad_input: "input" };

const regression: Adapter[] = [
  adapter("mse_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      mseLoss(t.input!, t.target!, { reduction: reductionOf(options) }),
    ),
  ),
  adapter("l1_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) => l1Loss(t.input!, t.target!, { reduction: reductionOf(options) })),
  ),
  adapter("smooth_l1_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      smoothL1Loss(t.input!, t.target!, { reduction: reductionOf(options), beta: options.beta as number }),
    ),
  ),
  adapter("huber_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      huberLoss(t.input!, t.target!, { reduction: reductionOf(options), delta: options.delta as number }),
    ),
  ),
  adapter("log_cosh_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      logCoshLoss(t.input!, t.target!, { reduction: reductionOf(options) }),
    ),
  ),
  adapter("quantile_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      quantileLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        quantile: options.quantile as number,
      }),
    ),
  ),
  adapter("poisson_nll_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      poissonNllLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        logInput: options.log_input as boolean,
        full: options.full as boolean,
      }),
    ),
  ),
  adapter("gaussian_nll_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, { grad_input: "input", grad_var: "var" }, (t) =>
      gaussianNllLoss(t.input!, t.target!, t.var!, {
        reduction: reductionOf(options),
        full: options.full as boolean,
        eps: options.eps as number,
      }),
    ),
  ),
];

const pairGrads = { grad_input1: "input1", grad_input2: "input2" };

const classification: Adapter[] = [
  adapter("cross_entropy", (inputs, options, _c, ctx) =>
    evaluate(
      ctx,
      inputs,
      inputGrad,
      (t) =>
        crossEntropy(t.input!, t.target!, {
          reduction: reductionOf(options),
          ...(t.weight ? { weight: t.weight } : {}),
          ...(options.ignore_index !== undefined ? { ignoreIndex: options.ignore_index as number } : {}),
          ...(options.label_smoothing !== undefined
            ? { labelSmoothing: options.label_smoothing as number }
            : {}),
        }),
      options.target_kind === "probabilities" ? [] : ["target"],
    ),
  ),
  adapter("nll_loss", (inputs, options, _c, ctx) =>
    evaluate(
      ctx,
      inputs,
      inputGrad,
      (t) =>
        nllLoss(options.input_kind === "logits" ? tf.logSoftmax(t.input!) : t.input!, t.target!, {
          reduction: reductionOf(options),
          ...(t.weight ? { weight: t.weight } : {}),
          ...(options.ignore_index !== undefined ? { ignoreIndex: options.ignore_index as number } : {}),
        }),
      ["target"],
    ),
  ),
  adapter("kl_div", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      klDiv(t.input!, t.target!, {
        reduction: options.reduction as "batchmean",
        logTarget: options.log_target as boolean,
      }),
    ),
  ),
  adapter("multi_margin_loss", (inputs, options, _c, ctx) =>
    evaluate(
      ctx,
      inputs,
      inputGrad,
      (t) =>
        multiMarginLoss(t.input!, t.target!, {
          reduction: reductionOf(options),
          p: options.p as 1,
          margin: options.margin as number,
          ...(t.weight ? { weight: t.weight } : {}),
        }),
      ["target"],
    ),
  ),
  adapter("multilabel_soft_margin_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      multilabelSoftMarginLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.weight ? { weight: t.weight } : {}),
      }),
    ),
  ),
  adapter("bce_with_logits", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      binaryCrossEntropyWithLogits(t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.pos_weight ? { posWeight: t.pos_weight } : {}),
        ...(t.element_weight ? { weights: t.element_weight } : {}),
      }),
    ),
  ),
  adapter("binary_cross_entropy", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      binaryCrossEntropy(t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.element_weight ? { weights: t.element_weight } : {}),
      }),
    ),
  ),
  adapter("margin_ranking_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, pairGrads, (t) =>
      marginRankingLoss(t.input1!, t.input2!, t.target!, {
        reduction: reductionOf(options),
        margin: options.margin as number,
      }),
    ),
  ),
  adapter("hinge_embedding_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      hingeEmbeddingLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        margin: options.margin as number,
      }),
    ),
  ),
  adapter("soft_margin_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      softMarginLoss(t.input!, t.target!, { reduction: reductionOf(options) }),
    ),
  ),
  adapter("cosine_embedding_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, pairGrads, (t) =>
      cosineEmbeddingLoss(t.input1!, t.input2!, t.target!, {
        reduction: reductionOf(options),
        margin: options.margin as number,
      }),
    ),
  ),
  // torchvision cases name the logits `logits`; the golden cases name them `input`
  adapter("sigmoid_focal_loss", (inputs, options, _c, ctx) => {
    const name = "logits" in inputs ? "logits" : "input";
    return evaluate(ctx, inputs, { [`grad_${name}`]: name }, (t) =>
      sigmoidFocalLoss(t[name]!, t.target!, {
        reduction: reductionOf(options),
        alpha: options.alpha as number,
        gamma: options.gamma as number,
      }),
    );
  }),
  adapter("poly1_loss", (inputs, options, _c, ctx) =>
    evaluate(
      ctx,
      inputs,
      inputGrad,
      (t) =>
        poly1Loss(t.input!, t.target!, {
          reduction: reductionOf(options),
          epsilon: options.epsilon as number,
        }),
      ["target"],
    ),
  ),
  adapter("softmax_focal_loss", (inputs, options, _c, ctx) =>
    evaluate(
      ctx,
      inputs,
      inputGrad,
      (t) =>
        softmaxFocalLoss(t.input!, t.target!, {
          reduction: reductionOf(options),
          gamma: options.gamma as number,
          alpha: (options.alpha as number | null) ?? null,
        }),
      ["target"],
    ),
  ),
];

const boxGrad = { grad_boxes1: "pred" };

const detection: Adapter[] = [
  adapter("giou_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, boxGrad, (t) => giouLoss(t.pred!, t.target!, { reduction: reductionOf(options) })),
  ),
  adapter("diou_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, boxGrad, (t) => diouLoss(t.pred!, t.target!, { reduction: reductionOf(options) })),
  ),
  adapter("ciou_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, boxGrad, (t) => ciouLoss(t.pred!, t.target!, { reduction: reductionOf(options) })),
  ),
  adapter("wing_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      wingLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        width: options.width as number,
        curvature: options.curvature as number,
      }),
    ),
  ),
  adapter("balanced_l1_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      balancedL1Loss(t.input!, t.target!, {
        reduction: reductionOf(options),
        alpha: options.alpha as number,
        gamma: options.gamma as number,
        beta: options.beta as number,
      }),
    ),
  ),
];

// The segmentation cases are global soft scores over every element (the formula's sums run over all of them).
const segmentation: Adapter[] = [
  adapter("soft_dice_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      softDiceLoss(t.input!, t.target!, { smooth: options.smooth as number, mode: "global" }),
    ),
  ),
  adapter("soft_jaccard_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      softJaccardLoss(t.input!, t.target!, { smooth: options.smooth as number, mode: "global" }),
    ),
  ),
  adapter("tversky_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      tverskyLoss(t.input!, t.target!, {
        alpha: options.alpha as number,
        beta: options.beta as number,
        gamma: options.gamma as number,
        mode: "global",
      }),
    ),
  ),
  // golden cases from the authors' reference (scripts/golden/losses_a_lovasz.py)
  adapter("lovasz_hinge_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, { grad_logits: "logits" }, (t) =>
      lovaszHingeLoss(t.logits!, t.labels!, { perImage: options.per_image as boolean }),
    ),
  ),
  adapter("lovasz_softmax_loss", (inputs, options, _c, ctx) =>
    evaluate(
      ctx,
      inputs,
      { grad_probas: "probas" },
      (t) =>
        lovaszSoftmaxLoss(t.probas!, t.labels!, {
          classes: options.classes as "present",
          perImage: options.per_image as boolean,
          ...(options.ignore !== undefined && options.ignore !== null
            ? { ignoreIndex: options.ignore as number }
            : {}),
        }),
      ["labels"],
    ),
  ),
];

/** Conformance adapters for part a of the `losses` family. */
export const adapters: readonly Adapter[] = [...regression, ...classification, ...detection, ...segmentation];
