import * as tf from "@tensorflow/tfjs-core";
import { crossEntropyRows } from "../classification/cross-entropy.js";
import { select, stepMask } from "../gradient-tools.js";
import { optBoolean, optionNames, optNumber, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { cosineMatrix, marginInputs, replaceTarget } from "./cosine-logits.js";

/** Options of {@link arcFaceLoss}. */
export interface ArcFaceLossOptions {
  /** Feature scale s (radius of the hypersphere). Default 64. */
  readonly scale?: number;
  /** Additive angular margin m in radians. Default 0.5. */
  readonly margin?: number;
  /** insightface's `easy_margin`: apply the margin only where cos θ > 0. Default false. */
  readonly easyMargin?: boolean;
  /**
   * insightface's fallback for θ + m > π: where cos θ <= cos(π - m) use cos θ - m·sin(m)
   * instead of cos(θ + m), keeping the target logit monotone in θ. Default false (the plain
   * cos(θ + m) of the paper's equation). Ignored when `easyMargin` is true.
   */
  readonly thresholdFallback?: boolean;
  /** Cosines are clamped to ±(1 - clampEps) so the angle's gradient stays finite. Default 1e-7. */
  readonly clampEps?: number;
  readonly reduction?: Reduction;
}

const ARC_FACE_LOSS_OPTIONS = optionNames<ArcFaceLossOptions>()(
  "scale",
  "margin",
  "easyMargin",
  "thresholdFallback",
  "clampEps",
  "reduction",
);

/**
 * ArcFace: softmax cross-entropy over scaled cosines, with an additive angular margin on the
 * target class. Inputs `embeddings` [N, D], class `weight` [D, C], integer `labels` [N].
 * Formula: cos θ_ij = <x_i/|x_i|, w_j/|w_j|> clamped to ±(1-clampEps); the target logit is
 * s·cos(θ + m) = s·(cos θ cos m - sin θ sin m), the others s·cos θ; L_i = CE(logits_i, y_i).
 * Matches the torch 2.11 autograd formula in the conformance cases (F.normalize eps 1e-12,
 * clamp 1-1e-7, no threshold fallback by default). Stable: sin θ = sqrt(1 - cos²) never hits 0
 * because of the clamp, and the cross-entropy uses log-softmax. Cost O(N·D·C).
 */
export function arcFaceLoss(
  embeddings: tf.Tensor | number[][],
  weight: tf.Tensor | number[][],
  labels: tf.Tensor | number[],
  options: ArcFaceLossOptions = {},
): tf.Tensor {
  const fn = "arcFaceLoss";
  const opts = readOptions<ArcFaceLossOptions>(fn, options, ARC_FACE_LOSS_OPTIONS);
  const scale = optNumber(fn, "scale", opts.scale, 64, { min: 0, minExclusive: true });
  const margin = optNumber(fn, "margin", opts.margin, 0.5, { min: 0, max: Math.PI });
  const easyMargin = optBoolean(fn, "easyMargin", opts.easyMargin, false);
  const fallback = optBoolean(fn, "thresholdFallback", opts.thresholdFallback, false);
  const clampEps = optNumber(fn, "clampEps", opts.clampEps, 1e-7, { min: 0, minExclusive: true, max: 0.5 });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const inputs = marginInputs(embeddings, weight, labels, fn);
    const cos = cosineMatrix(inputs.embeddings, inputs.weight, clampEps);
    const sin = tf.sqrt(tf.sub(1, tf.square(cos)));
    let phi = tf.sub(tf.mul(cos, Math.cos(margin)), tf.mul(sin, Math.sin(margin)));
    if (easyMargin) phi = select(stepMask(cos), phi, cos);
    else if (fallback)
      phi = select(
        stepMask(tf.sub(cos, Math.cos(Math.PI - margin))),
        phi,
        tf.sub(cos, Math.sin(Math.PI - margin) * margin),
      );
    const logits = tf.mul(replaceTarget(cos, phi, inputs.labels, inputs.numClasses), scale);
    return reduceLoss(crossEntropyRows(logits, inputs.labels), reduction);
  });
}
