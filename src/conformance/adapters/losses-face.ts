import type { Adapter } from "../types.js";
import { float32Tolerance, lossAdapter, scaledTolerance } from "./loss-adapter.js";

// Labels are read as plain arrays; only the listed inputs become tensors.

/** Conformance adapters of the face-recognition and metric-learning losses (src/losses/face). */
export const adapters: readonly Adapter[] = [
  lossAdapter({
    metric: "triplet_margin_loss",
    grads: ["anchor", "positive", "negative"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.tripletMarginLoss(t.anchor!, t.positive!, t.negative!, {
        margin: options.margin as number,
        p: options.p as number,
        eps: options.eps as number,
        swap: options.swap as boolean,
        reduction: options.reduction as "mean",
      }),
  }),
  lossAdapter({
    metric: "arcface_loss",
    grads: ["emb", "weight"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, inputs, options }) =>
      lib.arcFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
        scale: options.scale as number,
        margin: options.margin as number,
        easyMargin: options.easy_margin as boolean,
        ...(options.threshold_fallback === undefined
          ? {}
          : { thresholdFallback: options.threshold_fallback as boolean }),
      }),
  }),
  lossAdapter({
    metric: "cosface_loss",
    grads: ["emb", "weight"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, inputs, options }) =>
      lib.cosFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
        scale: options.scale as number,
        margin: options.margin as number,
      }),
  }),
  lossAdapter({
    metric: "center_loss",
    grads: ["emb"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, inputs, options }) =>
      lib.centerLoss(t.emb!, inputs.labels as number[], inputs.centers as number[][], {
        reduction: options.reduction as "mean",
      }),
  }),
  lossAdapter({
    metric: "info_nce_loss",
    grads: ["a", "b"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.infoNceLoss(t.a!, t.b!, {
        temperature: options.temperature as number,
        symmetric: options.symmetric as boolean,
      }),
  }),
  lossAdapter({
    metric: "nt_xent_loss",
    grads: ["a", "b"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.ntXentLoss(t.a!, t.b!, { temperature: options.temperature as number }),
  }),
  lossAdapter({
    metric: "contrastive_loss",
    grads: ["x1", "x2"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, inputs, options }) =>
      lib.contrastiveLoss(t.x1!, t.x2!, inputs.same as number[], { margin: options.margin as number }),
  }),
  lossAdapter({
    metric: "triplet_mining_loss",
    grads: ["emb"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, inputs, options }) =>
      lib.tripletMiningLoss(t.emb!, inputs.labels as number[], {
        mining: options.mining as "batch-hard",
        margin: options.margin as number,
        ...(options.squared === undefined ? {} : { squared: options.squared as boolean }),
      }),
  }),
  // γ = 32 multiplies cosines computed in float32.
  lossAdapter({
    metric: "circle_loss",
    grads: ["emb"],
    constants: [],
    tolerance: scaledTolerance(1e-4, 1e-5),
    compute: ({ lib, t, inputs, options }) =>
      lib.circleLoss(t.emb!, inputs.labels as number[], {
        margin: options.margin as number,
        gamma: options.gamma as number,
      }),
  }),
  lossAdapter({
    metric: "barlow_twins_loss",
    grads: ["emb", "emb2"],
    constants: [],
    tolerance: scaledTolerance(1e-4, 1e-5),
    compute: ({ lib, t, options }) =>
      lib.barlowTwinsLoss(t.emb!, t.emb2!, { lambda: options.lambda as number }),
  }),
  lossAdapter({
    metric: "simsiam_loss",
    grads: ["pred1", "pred2"],
    constants: ["emb", "emb2"],
    tolerance: float32Tolerance,
    compute: ({ lib, t }) => lib.simSiamLoss(t.pred1!, t.pred2!, t.emb!, t.emb2!),
  }),
  lossAdapter({
    metric: "sphereface_loss",
    grads: ["emb", "weight"],
    constants: [],
    tolerance: scaledTolerance(1e-4, 1e-5),
    compute: ({ lib, t, inputs, options }) =>
      lib.sphereFaceLoss(t.emb!, t.weight!, inputs.labels as number[], {
        margin: options.margin as number,
        lambda: options.lambda as number,
      }),
  }),
  lossAdapter({
    metric: "softmax_loss",
    grads: ["emb", "weight"],
    constants: ["bias"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, inputs }) =>
      lib.softmaxLoss(t.emb!, t.weight!, inputs.labels as number[], { bias: t.bias! }),
  }),
];
