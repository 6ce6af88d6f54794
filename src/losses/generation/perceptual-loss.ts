import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { accurateMean, accurateSum } from "../accurate-sum.js";
import { absolute, stopGradient } from "../gradient-tools.js";
import { optionNames, optNumber, optOneOf, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { assertSameShape, tensorPair } from "../tensor-input.js";

/** A feature extractor: one feature map, or several (one per layer). */
export type FeatureExtractor = (images: tf.Tensor) => tf.Tensor | readonly tf.Tensor[];

/** Options of {@link perceptualLoss}. */
export interface PerceptualLossOptions {
  /** Distance between feature maps: "mse" (default, Johnson et al.) or "l1". */
  readonly distance?: "mse" | "l1";
  /** One weight per feature map. Default 1 each. */
  readonly layerWeights?: readonly number[];
  /** Per-map reduction: "mean" (default) averages each map's distances; "sum" sums; "none" gives per-sample losses [N]. */
  readonly reduction?: Reduction;
}

const PERCEPTUAL_LOSS_OPTIONS = optionNames<PerceptualLossOptions>()("distance", "layerWeights", "reduction");

/**
 * Perceptual loss: run the caller's `featureExtractor` (e.g. a frozen VGG truncated at chosen
 * layers) on `input` and `target` images and compare the feature maps, Σ_j w_j·mean((φ_j(x) -
 * φ_j(y))²). The target's features are constants (no gradient flows into the target).
 */
export function perceptualLoss(
  input: tf.Tensor,
  target: tf.Tensor,
  featureExtractor: FeatureExtractor,
  options: PerceptualLossOptions = {},
): tf.Tensor {
  const fn = "perceptualLoss";
  const opts = readOptions<PerceptualLossOptions>(fn, options, PERCEPTUAL_LOSS_OPTIONS);
  if (typeof featureExtractor !== "function")
    fail("invalid_value", `${fn}: \`featureExtractor\` must be a function, got ${typeof featureExtractor}`);
  const distance = optOneOf(fn, "distance", opts.distance, ["mse", "l1"], "mse");
  const reduction = reductionOption(fn, opts.reduction);
  const layerWeights = opts.layerWeights;
  if (layerWeights !== undefined) {
    if (!Array.isArray(layerWeights))
      fail(
        "invalid_option",
        `${fn}: option \`layerWeights\` must be an array of numbers, got ${describeValue(layerWeights)}`,
      );
    for (const [i, w] of layerWeights.entries()) optNumber(fn, `layerWeights[${i}]`, w, 0);
  }
  return tf.tidy(() => {
    const [x, y] = tensorPair(input, target, fn, "input", "target");
    const list = (v: tf.Tensor | readonly tf.Tensor[]) =>
      Array.isArray(v) ? (v as readonly tf.Tensor[]) : [v as tf.Tensor];
    const fx = list(featureExtractor(x));
    const fy = list(featureExtractor(y)).map((t) => stopGradient(t));
    if (fx.length !== fy.length || fx.length === 0)
      fail(
        "shape_mismatch",
        `${fn}: \`featureExtractor\` must return the same non-zero number of maps for both inputs, got ${fx.length} and ${fy.length}`,
      );
    const weights = layerWeights ?? fx.map(() => 1);
    if (weights.length !== fx.length)
      fail(
        "invalid_option",
        `${fn}: option \`layerWeights\` must have one weight per feature map (${fx.length}), got ${weights.length}`,
      );
    let total: tf.Tensor = tf.scalar(0);
    fx.forEach((a, j) => {
      const b = fy[j]!;
      assertSameShape(a, b, fn, `features[${j}] of input`, `features[${j}] of target`);
      const d = distance === "mse" ? tf.square(tf.sub(a, b)) : absolute(tf.sub(a, b));
      const axes = Array.from({ length: d.rank - 1 }, (_, i) => i + 1);
      const term =
        reduction === "none"
          ? axes.length
            ? accurateMean(d, axes)
            : d
          : reduction === "sum"
            ? accurateSum(d)
            : accurateMean(d);
      total = tf.add(total, tf.mul(weights[j]!, term));
    });
    return total;
  });
}
