import * as tf from "@tensorflow/tfjs-core";
import { crossEntropyRows } from "../classification/cross-entropy.js";
import { stopGradient } from "../gradient-tools.js";
import { optInteger, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { cosineMatrix, marginInputs, replaceTarget } from "./cosine-logits.js";

/** Options of {@link sphereFaceLoss}. */
export interface SphereFaceLossOptions {
  /** Integer angular margin m >= 1 (m = 1 is the normalised-weight softmax). Default 4. */
  readonly margin?: number;
  /**
   * Annealing weight λ >= 0: the target logit is (λ·|x| cos θ + |x| ψ(θ)) / (1 + λ), as the
   * SphereFace training recipe does to start from softmax. Default 0 (the pure A-softmax).
   */
  readonly lambda?: number;
  readonly reduction?: Reduction;
}

const SPHERE_FACE_LOSS_OPTIONS = optionNames<SphereFaceLossOptions>()("margin", "lambda", "reduction");

/**
 * SphereFace A-softmax: class weights normalised, bias zero, the target logit |x|·ψ(θ) with
 * ψ(θ) = (-1)^k cos(mθ) - 2k for θ in [kπ/m, (k+1)π/m] (a monotone extension of cos(mθ)).
 * Inputs `embeddings` [N, D], `weight` [D, C], integer `labels` [N]. k is piecewise constant
 * (no gradient). Cosines are clamped to ±(1-1e-7) so dθ/dcos stays finite. Cost O(N·D·C).
 */
export function sphereFaceLoss(
  embeddings: tf.Tensor | number[][],
  weight: tf.Tensor | number[][],
  labels: tf.Tensor | number[],
  options: SphereFaceLossOptions = {},
): tf.Tensor {
  const fn = "sphereFaceLoss";
  const opts = readOptions<SphereFaceLossOptions>(fn, options, SPHERE_FACE_LOSS_OPTIONS);
  const margin = optInteger(fn, "margin", opts.margin, 4, { min: 1, max: 1000 });
  const lambda = optNumber(fn, "lambda", opts.lambda, 0, { min: 0 });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const inputs = marginInputs(embeddings, weight, labels, fn);
    const cos = cosineMatrix(inputs.embeddings, inputs.weight, 1e-7);
    const theta = tf.acos(cos);
    const k = stopGradient(tf.floor(tf.div(tf.mul(theta, margin), Math.PI)));
    const sign = tf.sub(1, tf.mul(2, tf.mod(k, 2)));
    const psi = tf.sub(tf.mul(sign, tf.cos(tf.mul(theta, margin))), tf.mul(2, k));
    const target = lambda > 0 ? tf.div(tf.add(tf.mul(cos, lambda), psi), 1 + lambda) : psi;
    const norm = tf.sqrt(tf.maximum(tf.sum(tf.square(inputs.embeddings), 1, true), 1e-24));
    const logits = tf.mul(replaceTarget(cos, target, inputs.labels, inputs.numClasses), norm);
    return reduceLoss(crossEntropyRows(logits, inputs.labels), reduction);
  });
}
