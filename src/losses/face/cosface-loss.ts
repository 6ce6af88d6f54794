import * as tf from "@tensorflow/tfjs-core";
import { crossEntropyRows } from "../classification/cross-entropy.js";
import { optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { cosineMatrix, marginInputs, replaceTarget } from "./cosine-logits.js";

/** Options of {@link cosFaceLoss}. */
export interface CosFaceLossOptions {
  /** Feature scale s. Default 64. */
  readonly scale?: number;
  /** Additive cosine margin m. Default 0.35 (the paper's setting). */
  readonly margin?: number;
  /** Cosines are clamped to ±(1 - clampEps), as the ArcFace cases do. Default 1e-7. */
  readonly clampEps?: number;
  readonly reduction?: Reduction;
}

const COS_FACE_LOSS_OPTIONS = optionNames<CosFaceLossOptions>()("scale", "margin", "clampEps", "reduction");

/**
 * CosFace (large margin cosine loss): cross-entropy over s·cos θ with the margin m subtracted
 * from the target cosine. Inputs `embeddings` [N, D], `weight` [D, C], integer `labels` [N].
 * Formula: L_i = -log( e^{s(cos θ_{y_i} - m)} / (e^{s(cos θ_{y_i} - m)} + Σ_{j≠y_i} e^{s cos θ_j}) ).
 * Matches the torch 2.11 autograd formula of the conformance cases. Cost O(N·D·C).
 */
export function cosFaceLoss(
  embeddings: tf.Tensor | number[][],
  weight: tf.Tensor | number[][],
  labels: tf.Tensor | number[],
  options: CosFaceLossOptions = {},
): tf.Tensor {
  const fn = "cosFaceLoss";
  const opts = readOptions<CosFaceLossOptions>(fn, options, COS_FACE_LOSS_OPTIONS);
  const scale = optNumber(fn, "scale", opts.scale, 64, { min: 0, minExclusive: true });
  const margin = optNumber(fn, "margin", opts.margin, 0.35, { min: 0 });
  const clampEps = optNumber(fn, "clampEps", opts.clampEps, 1e-7, { min: 0, minExclusive: true, max: 0.5 });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const inputs = marginInputs(embeddings, weight, labels, fn);
    const cos = cosineMatrix(inputs.embeddings, inputs.weight, clampEps);
    const logits = tf.mul(replaceTarget(cos, tf.sub(cos, margin), inputs.labels, inputs.numClasses), scale);
    return reduceLoss(crossEntropyRows(logits, inputs.labels), reduction);
  });
}
