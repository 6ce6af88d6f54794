import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { optionNames, optNumber, optOneOf, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import { assertRank, asTensor } from "../tensor-input.js";

/** Options of {@link minimumRiskTraining}. */
export interface MinimumRiskTrainingOptions<Candidate, Reference> {
  /** Scores a candidate against its reference, e.g. sentence BLEU or 1 - WER. */
  readonly metric: (candidate: Candidate, reference: Reference) => number;
  /** "higher" (default): the metric is a gain in [0, 1] and the cost is 1 - metric; "lower": the metric is already a cost. */
  readonly direction?: "higher" | "lower";
  /** Sharpness α of the candidate distribution Q ∝ p^α. Default 5e-3 (Shen et al.). */
  readonly alpha?: number;
  readonly reduction?: Reduction;
}

const MINIMUM_RISK_TRAINING_OPTIONS = optionNames<MinimumRiskTrainingOptions<unknown, unknown>>()(
  "metric",
  "direction",
  "alpha",
  "reduction",
);

/** The loss built by {@link minimumRiskTraining}. */
export type MinimumRiskLoss<Candidate, Reference> = (
  candidateLogProbs: tf.Tensor,
  candidates: readonly (readonly Candidate[])[],
  references: readonly Reference[],
) => tf.Tensor;

/**
 * Builds a minimum-risk-training loss for any metric. The loss takes the model's sequence
 * log-probabilities `candidateLogProbs` [N, K] of K candidates per input (sampled or from beam
 * search; the sum of their token log-probabilities), the candidates themselves (N arrays of K)
 * and the N references. Per input: Q = softmax(α·log p) over the K candidates, cost Δ_k =
 * 1 - metric (direction "higher") or metric ("lower"), risk = Σ_k Q_k Δ_k. The metric is
 * evaluated on the host, once per candidate; the gradient flows through Q only.
 */
export function minimumRiskTraining<Candidate, Reference>(
  options: MinimumRiskTrainingOptions<Candidate, Reference>,
): MinimumRiskLoss<Candidate, Reference> {
  const fn = "minimumRiskTraining";
  const opts = readOptions<MinimumRiskTrainingOptions<Candidate, Reference>>(
    fn,
    options,
    MINIMUM_RISK_TRAINING_OPTIONS,
  );
  const metric = opts.metric;
  if (typeof metric !== "function")
    fail(
      "invalid_option",
      `${fn}: option \`metric\` must be a function (candidate, reference) => number, got ${describeValue(metric)}`,
    );
  const direction = optOneOf(fn, "direction", opts.direction, ["higher", "lower"], "higher");
  const alpha = optNumber(fn, "alpha", opts.alpha, 5e-3, { min: 0, minExclusive: true });
  const reduction = reductionOption(fn, opts.reduction);
  return (candidateLogProbs, candidates, references) =>
    tf.tidy(() => {
      const logp = asTensor(candidateLogProbs, fn, "candidateLogProbs");
      assertRank(logp, 2, fn, "candidateLogProbs", "[batch, candidates]");
      const [n, k] = logp.shape as [number, number];
      if (k === 0)
        fail(
          "empty_input",
          `${fn}: \`candidateLogProbs\` must hold at least one candidate per input, got shape [${n}, 0]`,
        );
      if (candidates.length !== n || references.length !== n)
        fail(
          "shape_mismatch",
          `${fn}: \`candidates\` and \`references\` must have ${n} entries, got ${candidates.length} and ${references.length}`,
        );
      const costs = new Float32Array(n * k);
      for (let i = 0; i < n; i++) {
        const row = candidates[i]!;
        if (row.length !== k)
          fail(
            "shape_mismatch",
            `${fn}: \`candidates\` must have ${k} candidates per input, got ${row.length} at index ${i}`,
          );
        for (let j = 0; j < k; j++) {
          const score = metric(row[j]!, references[i]!);
          if (!Number.isFinite(score))
            fail(
              "invalid_value",
              `${fn}: \`metric\` must return finite numbers, got ${describeValue(score)} for candidate ${j} of input ${i}`,
            );
          costs[i * k + j] = direction === "higher" ? 1 - score : score;
        }
      }
      const q = tf.softmax(tf.mul(logp, alpha), -1);
      const risk = tf.sum(tf.mul(q, tf.tensor2d(costs, [n, k])), -1);
      return reduceLoss(risk, reduction);
    });
}
