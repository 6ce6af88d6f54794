import { optNumber, readOptions } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { array, object, string, verdict } from "../schema.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { fraction, guard, type LlmContext, need, needContexts } from "./common.js";
import { NON_LLM_OPTIONS, type NonLlmContextOptions } from "./context-precision.js";
import { levenshteinSimilarity } from "./string-similarity.js";

export const contextRecallMeta: MetricMeta = {
  id: "rag/context_recall",
  range: [0, 1],
  direction: "higher",
};

/** ragas' ContextRecallOutput. */
export const attributionSchema = object({
  classifications: array(
    object({ statement: string, reason: string, attributed: verdict }, ["statement", "reason"]),
  ),
});

/**
 * Context recall as ragas 0.4.0 computes it (`ragas.metrics.collections.ContextRecall`): the
 * judge classifies each statement of the reference answer as attributable (1) or not (0) to the
 * retrieved contexts joined by "\n"; score = attributed / classified. No classification: NaN (as
 * ragas). Calls: 1.
 */
export async function contextRecall(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () => {
    const question = need(sample, "question");
    const answer = need(sample, "groundTruth");
    const contexts = needContexts(sample, "contexts");
    const { classifications } = await askJudge(
      ctx,
      "contextRecall",
      { question, context: contexts.join("\n"), answer },
      attributionSchema,
    );
    if (classifications.length === 0)
      return { value: Number.NaN, reason: "the judge classified no statement of the reference (ragas: NaN)" };
    const verdicts = classifications.map((c) => c.attributed);
    return { value: fraction(verdicts), verdicts };
  });
}

/**
 * Non-LLM context recall as ragas 0.4.0 computes it (`NonLLMContextRecall`): the fraction of
 * reference contexts whose best normalised-Levenshtein similarity to a retrieved context is
 * strictly greater than `threshold` (default 0.5; ragas compares with `>` here and `>=` in
 * precision). No judge, no network.
 */
export function nonLlmContextRecall(sample: RagSample, options?: NonLlmContextOptions): SampleScore {
  const o = readOptions<NonLlmContextOptions>("nonLlmContextRecall", options, NON_LLM_OPTIONS);
  const threshold = optNumber("nonLlmContextRecall", "threshold", o.threshold, 0.5, { min: 0, max: 1 });
  const retrieved = sample.contexts;
  const references = sample.referenceContexts;
  if (!retrieved || retrieved.length === 0) return { value: Number.NaN, reason: "sample has no `contexts`" };
  if (!references || references.length === 0)
    return { value: Number.NaN, reason: "sample has no `referenceContexts`" };
  const verdicts = references.map((ref) =>
    Math.max(...retrieved.map((chunk) => levenshteinSimilarity(ref, chunk))) > threshold ? 1 : 0,
  );
  return { value: fraction(verdicts), verdicts };
}
