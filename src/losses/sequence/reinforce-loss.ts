import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { optionNames, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import { asTensor } from "../tensor-input.js";

/** The baseline b subtracted from the reward: "mean" (batch mean reward), "none" (b = 0), a constant, or per-sample values (e.g. the greedy decode's reward, self-critical training). */
export type ReinforceBaseline = "mean" | "none" | number | ((rewards: Float64Array) => ArrayLike<number>);

/** Options of {@link reinforceLoss}. */
export interface ReinforceOptions<Sample, Reference> {
  /** Reward of a sampled sequence against its reference, e.g. sentence BLEU, CIDEr, -WER. */
  readonly reward: (sample: Sample, reference: Reference) => number;
  /** Default "mean". */
  readonly baseline?: ReinforceBaseline;
  readonly reduction?: Reduction;
}

const REINFORCE_OPTIONS = optionNames<ReinforceOptions<unknown, unknown>>()(
  "reward",
  "baseline",
  "reduction",
);

/** The loss built by {@link reinforceLoss}. */
export type ReinforceLoss<Sample, Reference> = (
  sampleLogProbs: tf.Tensor,
  samples: readonly Sample[],
  references: readonly Reference[],
) => tf.Tensor;

/**
 * Builds a REINFORCE loss: given the sequence log-probabilities `sampleLogProbs` [N] of N
 * sampled sequences, the samples and their references, the per-sample loss is
 * -(r_i - b_i)·log p(y_i), with the advantage r - b a constant. Its gradient is the policy
 * gradient estimate of -E[r]. Rewards are computed on the host, once per sample.
 */
export function reinforceLoss<Sample, Reference>(
  options: ReinforceOptions<Sample, Reference>,
): ReinforceLoss<Sample, Reference> {
  const fn = "reinforceLoss";
  const opts = readOptions<ReinforceOptions<Sample, Reference>>(fn, options, REINFORCE_OPTIONS);
  const reward = opts.reward;
  if (typeof reward !== "function")
    fail(
      "invalid_option",
      `${fn}: option \`reward\` must be a function (sample, reference) => number, got ${describeValue(reward)}`,
    );
  const baseline = opts.baseline ?? "mean";
  if (
    !(
      baseline === "mean" ||
      baseline === "none" ||
      typeof baseline === "function" ||
      (typeof baseline === "number" && Number.isFinite(baseline))
    )
  ) {
    fail(
      "invalid_option",
      `${fn}: option \`baseline\` must be "mean", "none", a finite number or a function, got ${describeValue(baseline)}`,
    );
  }
  const reduction = reductionOption(fn, opts.reduction);
  return (sampleLogProbs, samples, references) =>
    tf.tidy(() => {
      const logp = tf.reshape(asTensor(sampleLogProbs, fn, "sampleLogProbs"), [-1]);
      const n = logp.shape[0]!;
      if (n === 0) fail("empty_input", `${fn}: \`sampleLogProbs\` must not be empty, got 0 samples`);
      if (samples.length !== n || references.length !== n)
        fail(
          "shape_mismatch",
          `${fn}: \`samples\` and \`references\` must have ${n} entries, got ${samples.length} and ${references.length}`,
        );
      const rewards = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = reward(samples[i]!, references[i]!);
        if (!Number.isFinite(r))
          fail(
            "invalid_value",
            `${fn}: \`reward\` must return finite numbers, got ${describeValue(r)} at index ${i}`,
          );
        rewards[i] = r;
      }
      let base: ArrayLike<number>;
      if (baseline === "mean") base = new Float64Array(n).fill(rewards.reduce((a, b) => a + b, 0) / n);
      else if (baseline === "none") base = new Float64Array(n);
      else if (typeof baseline === "number") base = new Float64Array(n).fill(baseline);
      else {
        base = baseline(rewards);
        if (base?.length !== n)
          fail(
            "shape_mismatch",
            `${fn}: the \`baseline\` function must return ${n} values, got ${describeValue(base)}`,
          );
        for (let i = 0; i < n; i++)
          if (!Number.isFinite(base[i]))
            fail(
              "invalid_value",
              `${fn}: the \`baseline\` function must return finite numbers, got ${describeValue(base[i])} at index ${i}`,
            );
      }
      const advantage = Float32Array.from(rewards, (r, i) => r - base[i]!);
      const perSample = tf.neg(tf.mul(tf.tensor1d(advantage), logp));
      return reduceLoss(perSample, reduction);
    });
}
