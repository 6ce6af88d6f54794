import type { Adapter } from "../types.js";
import { callLoss, camelOptions, type Losses, lossAdapter, reductionOf } from "./loss-adapter.js";

/** A loss called as `loss(...args, options)` with the case's options in camelCase. */
const byName = (
  metric: string,
  name: keyof Losses,
  grads: readonly string[] | Record<string, string>,
  args: readonly string[] = ["input", "target"],
  integer: readonly string[] = [],
): Adapter =>
  lossAdapter({
    metric,
    grads,
    integer,
    compute: ({ lib, t, options }) => callLoss(lib, name, ...args.map((a) => t[a]), camelOptions(options)),
  });

const pairGrads = ["input1", "input2"];

/** Conformance adapters of the classification losses (src/losses/classification). */
export const adapters: readonly Adapter[] = [
  lossAdapter({
    metric: "cross_entropy",
    grads: ["input"],
    integer: (options) => (options.target_kind === "probabilities" ? [] : ["target"]),
    compute: ({ lib, t, options }) =>
      lib.crossEntropy(t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.weight ? { weight: t.weight } : {}),
        ...(options.ignore_index !== undefined ? { ignoreIndex: options.ignore_index as number } : {}),
        ...(options.label_smoothing !== undefined
          ? { labelSmoothing: options.label_smoothing as number }
          : {}),
      }),
  }),
  lossAdapter({
    metric: "nll_loss",
    grads: ["input"],
    integer: ["target"],
    compute: ({ tf, lib, t, options }) =>
      lib.nllLoss(options.input_kind === "logits" ? tf.logSoftmax(t.input!) : t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.weight ? { weight: t.weight } : {}),
        ...(options.ignore_index !== undefined ? { ignoreIndex: options.ignore_index as number } : {}),
      }),
  }),
  lossAdapter({
    metric: "kl_div",
    grads: ["input"],
    compute: ({ lib, t, options }) =>
      lib.klDiv(t.input!, t.target!, {
        reduction: options.reduction as "batchmean",
        logTarget: options.log_target as boolean,
      }),
  }),
  lossAdapter({
    metric: "multi_margin_loss",
    grads: ["input"],
    integer: ["target"],
    compute: ({ lib, t, options }) =>
      lib.multiMarginLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        p: options.p as 1,
        margin: options.margin as number,
        ...(t.weight ? { weight: t.weight } : {}),
      }),
  }),
  lossAdapter({
    metric: "multilabel_soft_margin_loss",
    grads: ["input"],
    compute: ({ lib, t, options }) =>
      lib.multilabelSoftMarginLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.weight ? { weight: t.weight } : {}),
      }),
  }),
  lossAdapter({
    metric: "bce_with_logits",
    grads: ["input"],
    compute: ({ lib, t, options }) =>
      lib.binaryCrossEntropyWithLogits(t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.pos_weight ? { posWeight: t.pos_weight } : {}),
        ...(t.element_weight ? { weights: t.element_weight } : {}),
      }),
  }),
  lossAdapter({
    metric: "binary_cross_entropy",
    grads: ["input"],
    compute: ({ lib, t, options }) =>
      lib.binaryCrossEntropy(t.input!, t.target!, {
        reduction: reductionOf(options),
        ...(t.element_weight ? { weights: t.element_weight } : {}),
      }),
  }),
  byName("margin_ranking_loss", "marginRankingLoss", pairGrads, ["input1", "input2", "target"]),
  byName("hinge_embedding_loss", "hingeEmbeddingLoss", ["input"]),
  byName("soft_margin_loss", "softMarginLoss", ["input"]),
  byName("cosine_embedding_loss", "cosineEmbeddingLoss", pairGrads, ["input1", "input2", "target"]),
  // torchvision cases name the logits `logits`; the golden cases name them `input`
  lossAdapter({
    metric: "sigmoid_focal_loss",
    grads: (inputs) => ("logits" in inputs ? { grad_logits: "logits" } : { grad_input: "input" }),
    compute: ({ lib, t, options }) =>
      lib.sigmoidFocalLoss((t.logits ?? t.input)!, t.target!, {
        reduction: reductionOf(options),
        alpha: options.alpha as number,
        gamma: options.gamma as number,
      }),
  }),
  byName("poly1_loss", "poly1Loss", ["input"], ["input", "target"], ["target"]),
  lossAdapter({
    metric: "softmax_focal_loss",
    grads: ["input"],
    integer: ["target"],
    compute: ({ lib, t, options }) =>
      lib.softmaxFocalLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        gamma: options.gamma as number,
        alpha: (options.alpha as number | null) ?? null,
      }),
  }),
  lossAdapter({
    metric: "squared_hinge_loss",
    grads: ["input"],
    compute: ({ lib, t, options }) =>
      lib.squaredHingeLoss(t.input!, options.labels === "binary" ? t.binary! : t.signed!, {
        labels: options.labels as "signed",
      }),
  }),
];
