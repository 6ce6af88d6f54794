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

type Options = Record<string, unknown>;

/**
 * An adapter running `compute` through the shared harness: every non-null input of the case is a
 * tensor (int32 for `integer`), and `grads` maps the case's gradient keys to the inputs
 * differentiated. Either may depend on the case (inputs, options).
 */
function adapter(
  metric: string,
  grads: Record<string, string> | ((inputs: Options) => Record<string, string>),
  compute: (t: Record<string, tf.Tensor>, options: Options) => tf.Tensor,
  integer: readonly string[] | ((options: Options) => readonly string[]) = [],
): Adapter {
  return {
    metric,
    run: (inputs, options, _case, context) =>
      lossValueAndGrads(
        context.backend,
        inputs,
        {
          grads: typeof grads === "function" ? grads(inputs) : grads,
          constants: Object.keys(inputs),
          integer: typeof integer === "function" ? integer(options) : integer,
        },
        (t) => compute(t, options),
      ),
    tolerance: float32Tolerance,
  };
}

/** The case's options in the library's vocabulary: camelCase keys, `reduction` defaulting to "mean". */
function libraryOptions(options: Options): Options {
  const renamed = Object.entries(options).map(([key, value]) => [
    key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()),
    value,
  ]);
  return { ...Object.fromEntries(renamed), reduction: reductionOf(options) };
}

/**
 * An adapter for a loss called as `loss(...tensors named args, options)` whose options are the
 * case's options renamed to camelCase (see {@link libraryOptions}); `integer` inputs are int32.
 */
function byName(
  metric: string,
  grads: Record<string, string>,
  loss: (...args: never[]) => tf.Tensor,
  args: readonly string[] = ["input", "target"],
  integer: readonly string[] = [],
): Adapter {
  const call = loss as unknown as (...xs: unknown[]) => tf.Tensor;
  return adapter(
    metric,
    grads,
    (t, options) => call(...args.map((name) => t[name]!), libraryOptions(options)),
    integer,
  );
}

const inputGrad = { grad_input: "input" };

const regression: Adapter[] = [
  byName("mse_loss", inputGrad, mseLoss),
  byName("l1_loss", inputGrad, l1Loss),
  byName("smooth_l1_loss", inputGrad, smoothL1Loss),
  byName("huber_loss", inputGrad, huberLoss),
  byName("log_cosh_loss", inputGrad, logCoshLoss),
  byName("quantile_loss", inputGrad, quantileLoss),
  byName("poisson_nll_loss", inputGrad, poissonNllLoss),
  adapter("gaussian_nll_loss", { grad_input: "input", grad_var: "var" }, (t, options) =>
    gaussianNllLoss(t.input!, t.target!, t.var!, {
      reduction: reductionOf(options),
      full: options.full as boolean,
      eps: options.eps as number,
    }),
  ),
];

const pairGrads = { grad_input1: "input1", grad_input2: "input2" };

const classification: Adapter[] = [
  adapter(
    "cross_entropy",
    inputGrad,
    (t, options) =>
      crossEntropy(t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.weight ? { weight: t.weight } : {}),
        ...(options.ignore_index !== undefined ? { ignoreIndex: options.ignore_index as number } : {}),
        ...(options.label_smoothing !== undefined
          ? { labelSmoothing: options.label_smoothing as number }
          : {}),
      }),
    (options) => (options.target_kind === "probabilities" ? [] : ["target"]),
  ),
  adapter(
    "nll_loss",
    inputGrad,
    (t, options) =>
      nllLoss(options.input_kind === "logits" ? tf.logSoftmax(t.input!) : t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.weight ? { weight: t.weight } : {}),
        ...(options.ignore_index !== undefined ? { ignoreIndex: options.ignore_index as number } : {}),
      }),
    ["target"],
  ),
  adapter("kl_div", inputGrad, (t, options) =>
    klDiv(t.input!, t.target!, {
      reduction: options.reduction as "batchmean",
      logTarget: options.log_target as boolean,
    }),
  ),
  adapter(
    "multi_margin_loss",
    inputGrad,
    (t, options) =>
      multiMarginLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        p: options.p as 1,
        margin: options.margin as number,
        ...(t.weight ? { weight: t.weight } : {}),
      }),
    ["target"],
  ),
  adapter("multilabel_soft_margin_loss", inputGrad, (t, options) =>
    multilabelSoftMarginLoss(t.input!, t.target!, {
      reduction: reductionOf(options),
      ...(t.weight ? { weight: t.weight } : {}),
    }),
  ),
  adapter("bce_with_logits", inputGrad, (t, options) =>
    binaryCrossEntropyWithLogits(t.input!, t.target!, {
      reduction: reductionOf(options),
      ...(t.pos_weight ? { posWeight: t.pos_weight } : {}),
      ...(t.element_weight ? { weights: t.element_weight } : {}),
    }),
  ),
  adapter("binary_cross_entropy", inputGrad, (t, options) =>
    binaryCrossEntropy(t.input!, t.target!, {
      reduction: reductionOf(options),
      ...(t.element_weight ? { weights: t.element_weight } : {}),
    }),
  ),
  byName("margin_ranking_loss", pairGrads, marginRankingLoss, ["input1", "input2", "target"]),
  byName("hinge_embedding_loss", inputGrad, hingeEmbeddingLoss),
  byName("soft_margin_loss", inputGrad, softMarginLoss),
  byName("cosine_embedding_loss", pairGrads, cosineEmbeddingLoss, ["input1", "input2", "target"]),
  // torchvision cases name the logits `logits`; the golden cases name them `input`
  adapter(
    "sigmoid_focal_loss",
    (inputs) => ("logits" in inputs ? { grad_logits: "logits" } : { grad_input: "input" }),
    (t, options) =>
      sigmoidFocalLoss((t.logits ?? t.input)!, t.target!, {
        reduction: reductionOf(options),
        alpha: options.alpha as number,
        gamma: options.gamma as number,
      }),
  ),
  byName("poly1_loss", inputGrad, poly1Loss, ["input", "target"], ["target"]),
  adapter(
    "softmax_focal_loss",
    inputGrad,
    (t, options) =>
      softmaxFocalLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        gamma: options.gamma as number,
        alpha: (options.alpha as number | null) ?? null,
      }),
    ["target"],
  ),
];

const boxGrad = { grad_boxes1: "pred" };

const detection: Adapter[] = [
  byName("giou_loss", boxGrad, giouLoss, ["pred", "target"]),
  byName("diou_loss", boxGrad, diouLoss, ["pred", "target"]),
  byName("ciou_loss", boxGrad, ciouLoss, ["pred", "target"]),
  byName("wing_loss", inputGrad, wingLoss),
  byName("balanced_l1_loss", inputGrad, balancedL1Loss),
];

// The segmentation cases are global soft scores over every element (the formula's sums run over all of them).
const segmentation: Adapter[] = [
  adapter("soft_dice_loss", inputGrad, (t, options) =>
    softDiceLoss(t.input!, t.target!, { smooth: options.smooth as number, mode: "global" }),
  ),
  adapter("soft_jaccard_loss", inputGrad, (t, options) =>
    softJaccardLoss(t.input!, t.target!, { smooth: options.smooth as number, mode: "global" }),
  ),
  adapter("tversky_loss", inputGrad, (t, options) =>
    tverskyLoss(t.input!, t.target!, {
      alpha: options.alpha as number,
      beta: options.beta as number,
      gamma: options.gamma as number,
      mode: "global",
    }),
  ),
  // golden cases from the authors' reference (scripts/golden/losses_a_lovasz.py)
  adapter("lovasz_hinge_loss", { grad_logits: "logits" }, (t, options) =>
    lovaszHingeLoss(t.logits!, t.labels!, { perImage: options.per_image as boolean }),
  ),
  adapter(
    "lovasz_softmax_loss",
    { grad_probas: "probas" },
    (t, options) =>
      lovaszSoftmaxLoss(t.probas!, t.labels!, {
        classes: options.classes as "present",
        perImage: options.per_image as boolean,
        ...(options.ignore !== undefined && options.ignore !== null
          ? { ignoreIndex: options.ignore as number }
          : {}),
      }),
    ["labels"],
  ),
];

/** Conformance adapters for part a of the `losses` family. */
export const adapters: readonly Adapter[] = [...regression, ...classification, ...detection, ...segmentation];
