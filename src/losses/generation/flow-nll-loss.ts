import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { accurateSum } from "../accurate-sum.js";
import { optBoolean, optInteger, optionNames, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import { assertNonEmptyTensor, asTensor } from "../tensor-input.js";

/** Options of {@link flowNllLoss}. */
export interface FlowNllLossOptions {
  /**
   * Report bits per dimension, NLL / (D·ln 2), as Glow/RealNVP image benchmarks do (with
   * `quantizationBins` 256 for 8-bit data). Default false (nats).
   */
  readonly bitsPerDim?: boolean;
  /** Number of discrete levels per dimension of the data (e.g. 256 for 8-bit images) to add the dequantisation term D·log(bins). Default none. */
  readonly quantizationBins?: number;
  readonly reduction?: Reduction;
}

const FLOW_NLL_LOSS_OPTIONS = optionNames<FlowNllLossOptions>()(
  "bitsPerDim",
  "quantizationBins",
  "reduction",
);

/**
 * Negative log-likelihood of a normalizing flow under a standard normal base distribution,
 * from the latent `z` [N, ...] and the log-determinant of the Jacobian `logDet` [N] (summed
 * over the flow's layers): per sample 0.5·Σz² + (D/2)·log 2π - logDet (+ D·log bins). In nats,
 * or bits per dimension with `bitsPerDim`.
 */
export function flowNllLoss(z: tf.Tensor, logDet: tf.Tensor, options: FlowNllLossOptions = {}): tf.Tensor {
  const fn = "flowNllLoss";
  const opts = readOptions<FlowNllLossOptions>(fn, options, FLOW_NLL_LOSS_OPTIONS);
  const bitsPerDim = optBoolean(fn, "bitsPerDim", opts.bitsPerDim, false);
  const bins = optInteger(fn, "quantizationBins", opts.quantizationBins, undefined, { min: 2 });
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const latent = asTensor(z, fn, "z");
    const ld = tf.reshape(asTensor(logDet, fn, "logDet"), [-1]);
    if (latent.rank < 1) fail("shape_mismatch", `${fn}: \`z\` must have a batch axis, got a scalar`);
    assertNonEmptyTensor(latent, fn, "z");
    if (ld.shape[0] !== latent.shape[0])
      fail(
        "shape_mismatch",
        `${fn}: \`logDet\` must have one entry per sample (${latent.shape[0]}), got ${ld.shape[0]}`,
      );
    const dims = latent.size / latent.shape[0]!;
    const axes = Array.from({ length: latent.rank - 1 }, (_, i) => i + 1);
    const squares = axes.length ? accurateSum(tf.square(latent), axes) : tf.square(latent);
    const constant = 0.5 * dims * Math.log(2 * Math.PI) + (bins === undefined ? 0 : dims * Math.log(bins));
    let nll = tf.sub(tf.add(tf.mul(0.5, squares), constant), ld);
    if (bitsPerDim) nll = tf.div(nll, dims * Math.LN2);
    return reduceLoss(nll, reduction);
  });
}
