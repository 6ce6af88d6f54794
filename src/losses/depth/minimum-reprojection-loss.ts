import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions, reductionOption } from "../options.js";
import { type Reduction, reduceLoss } from "../reduction.js";
import { asTensor, type TensorInput } from "../tensor-input.js";
import { photometricLoss } from "./photometric-loss.js";

/** Options of {@link minimumReprojectionLoss}. */
export interface MinimumReprojectionLossOptions {
  /**
   * The unwarped source frames, one per warped one, for auto-masking: a pixel whose error against
   * an unwarped source is smaller than every reprojection error (a static scene, an object moving
   * with the camera) takes that identity error, which has no gradient with respect to depth or
   * pose. Omitted: no auto-masking.
   */
  readonly sources?: readonly TensorInput[];
  /** SSIM weight α of the photometric error α (1 - SSIM)/2 + (1 - α)|·|. Default 0.85; 0 is monodepth2's `no_ssim`. */
  readonly alpha?: number;
  /** `"min"` (default, the minimum reprojection) or `"mean"` over the sources (monodepth2's `avg_reprojection` baseline). */
  readonly combine?: "min" | "mean";
  /** Standard deviation of the noise added to the identity errors to break ties. Default 1e-5 (monodepth2). */
  readonly identityNoise?: number;
  /** Seed of that noise. Default 0. */
  readonly seed?: number;
  /** Over pixels: "mean" (default, monodepth2's `to_optimise.mean()`), "sum", or "none" (the map [N, H, W]). */
  readonly reduction?: Reduction;
}

const MINIMUM_REPROJECTION_LOSS_OPTIONS = optionNames<MinimumReprojectionLossOptions>()(
  "sources",
  "alpha",
  "combine",
  "identityNoise",
  "seed",
  "reduction",
);

/**
 * Per-pixel minimum reprojection loss with auto-masking (Godard et al. 2019, Monodepth2): with
 * pe(a, b) = α (1 - SSIM(a, b))/2 + (1 - α)|a - b| averaged over channels (3×3 SSIM with
 * reflection padding, as `photometricLoss`), the loss at each pixel is
 *   min( min_s pe(I_t, I_{s→t}),  min_s pe(I_t, I_s) + ε )
 * over the source frames s: the smallest error of the reprojected (warped) sources I_{s→t},
 * which discounts pixels occluded in some source, and, with `sources`, the unwarped sources
 * I_s, which masks out pixels that do not move relative to the camera (ε a tiny Gaussian noise
 * that breaks ties); then the mean over pixels. `target` [N, H, W, C] is I_t, `reprojected` the
 * list of I_{s→t} (the warping by depth and pose is the model's). Follows monodepth2's
 * `compute_losses` at one scale (value and gradient against its torch 1.13 code with ε = 0).
 * O(S N H W C).
 */
export function minimumReprojectionLoss(
  target: TensorInput,
  reprojected: readonly TensorInput[],
  options: MinimumReprojectionLossOptions = {},
): tf.Tensor {
  const fn = "minimumReprojectionLoss";
  const opts = readOptions<MinimumReprojectionLossOptions>(fn, options, MINIMUM_REPROJECTION_LOSS_OPTIONS);
  const alpha = optNumber(fn, "alpha", opts.alpha, 0.85, { min: 0, max: 1 });
  const combine = optOneOf(fn, "combine", opts.combine, ["min", "mean"], "min");
  const noise = optNumber(fn, "identityNoise", opts.identityNoise, 1e-5, { min: 0 });
  const seed = optInteger(fn, "seed", opts.seed, 0);
  const reduction = reductionOption(fn, opts.reduction);
  if (!Array.isArray(reprojected) || reprojected.length === 0)
    fail(
      "empty_input",
      `${fn}: \`reprojected\` must be a non-empty array of warped source frames, got ${describeValue(reprojected)}`,
    );
  const sources = opts.sources;
  if (sources !== undefined && (!Array.isArray(sources) || sources.length !== reprojected.length))
    fail(
      "invalid_option",
      `${fn}: option \`sources\` must hold one unwarped frame per reprojected one (${reprojected.length}), got ${describeValue(sources)}`,
    );
  return tf.tidy(() => {
    const t = asTensor(target, fn, "target");
    const error = (frame: TensorInput) =>
      photometricLoss(asTensor(frame, fn, "reprojected"), t, { alpha, reduction: "none" });
    const reprojection = tf.stack(reprojected.map(error), 3); // [N, H, W, S]
    let candidates = combine === "mean" ? tf.mean(reprojection, 3, true) : reprojection;
    if (sources) {
      let identity = tf.stack(sources.map(error), 3);
      if (combine === "mean") identity = tf.mean(identity, 3, true);
      if (noise > 0) identity = tf.add(identity, tf.randomNormal(identity.shape, 0, noise, "float32", seed));
      candidates = tf.concat([identity, candidates], 3);
    }
    const perPixel = candidates.shape[3] === 1 ? tf.squeeze(candidates, [3]) : tf.min(candidates, 3);
    return reduceLoss(perPixel, reduction);
  });
}
