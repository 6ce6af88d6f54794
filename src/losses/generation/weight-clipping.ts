import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { optionNames, optNumber, readOptions } from "../options.js";

/** Options of {@link clipWeights}. */
export interface ClipWeightsOptions {
  /** c: every weight is clipped to [-c, c]. Default 0.01 (Arjovsky et al.). */
  readonly clipValue?: number;
}

const CLIP_WEIGHTS_OPTIONS = optionNames<ClipWeightsOptions>()("clipValue");

/**
 * WGAN weight clipping (Arjovsky, Chintala & Bottou 2017, Algorithm 1): after each critic update,
 * w ← clip(w, -c, c) for every critic weight, a crude way to keep the critic K-Lipschitz so that
 * the Wasserstein loss (`ganDiscriminatorLoss(..., { kind: "wasserstein" })`) estimates the
 * Earth-Mover distance. Assigns in place (as PyTorch's `p.data.clamp_(-c, c)`); the gradient
 * penalty (`gradientPenalty`, WGAN-GP) is the smoother alternative. O(number of weights).
 *
 * @example
 * optimizer.minimize(() => criticLoss()); clipWeights(critic.trainableWeights.map((w) => w.read() as tf.Variable));
 */
export function clipWeights(variables: readonly tf.Variable[], options: ClipWeightsOptions = {}): void {
  const fn = "clipWeights";
  const opts = readOptions<ClipWeightsOptions>(fn, options, CLIP_WEIGHTS_OPTIONS);
  const c = optNumber(fn, "clipValue", opts.clipValue, 0.01, { min: 0, minExclusive: true });
  if (!Array.isArray(variables))
    fail(
      "invalid_value",
      `${fn}: \`variables\` must be an array of tf.Variable, got ${describeValue(variables)}`,
    );
  variables.forEach((v, i) => {
    if (!(v instanceof tf.Variable))
      fail("invalid_value", `${fn}: \`variables[${i}]\` must be a tf.Variable, got ${describeValue(v)}`);
  });
  for (const v of variables) tf.tidy(() => v.assign(tf.clipByValue(v, -c, c)));
}
