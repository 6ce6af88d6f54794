import { optionNames, optNumber, readOptions } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { object, string, verdict } from "../schema.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, needContexts } from "./common.js";
import { levenshteinSimilarity } from "./string-similarity.js";

export const contextPrecisionMeta: MetricMeta = {
  id: "rag/context_precision",
  range: [0, 1],
  direction: "higher",
};

/**
 * Average precision of a verdict list exactly as ragas computes context precision
 * (`_calculate_average_precision`): sum_i (sum(v[0..i]) / (i + 1)) * v_i, divided by
 * sum(v) + 1e-10, in that order of operations. So no useful chunk gives 0, and one useful chunk
 * at rank 1 gives 1 / (1 + 1e-10), not exactly 1 (as ragas).
 */
export function verdictAveragePrecision(verdicts: readonly number[]): number {
  let numerator = 0;
  let prefix = 0;
  let total = 0;
  for (let i = 0; i < verdicts.length; i++) {
    prefix += verdicts[i]!;
    numerator += (prefix / (i + 1)) * verdicts[i]!;
    total += verdicts[i]!;
  }
  return numerator / (total + 1e-10);
}

/** ragas' ContextPrecisionOutput. */
export const usefulSchema = object({ reason: string, verdict }, ["reason"]);

/**
 * Context precision with a reference answer as ragas 0.4.0 computes it
 * (`ragas.metrics.collections.ContextPrecisionWithReference`, also named `ContextPrecision`):
 * one judge verdict per retrieved chunk, in retrieval order (question, chunk and reference answer
 * in: was the chunk useful in arriving at the answer?), scored by
 * {@link verdictAveragePrecision}. No contexts, question or reference: NaN with the reason
 * (ragas raises). Calls: one per chunk.
 */
export async function contextPrecision(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () => {
    const question = need(sample, "question");
    const answer = need(sample, "groundTruth");
    const contexts = needContexts(sample, "contexts");
    const verdicts = await Promise.all(
      contexts.map(
        async (context) =>
          (await askJudge(ctx, "contextPrecision", { question, context, answer }, usefulSchema)).verdict,
      ),
    );
    return { value: verdictAveragePrecision(verdicts), verdicts };
  });
}

/** Options of the non-LLM context precision and recall. */
export interface NonLlmContextOptions {
  /** Similarity threshold (default 0.5, ragas). */
  readonly threshold?: number;
}
export const NON_LLM_OPTIONS = optionNames<NonLlmContextOptions>()("threshold");

/**
 * Non-LLM context precision as ragas 0.4.0 computes it (`NonLLMContextPrecisionWithReference`):
 * a retrieved chunk is useful when its best normalised-Levenshtein similarity to a reference
 * context is >= `threshold` (default 0.5); the score is {@link verdictAveragePrecision} of those
 * verdicts. No judge, no network. O(sum of |chunk| |reference|).
 */
export function nonLlmContextPrecision(sample: RagSample, options?: NonLlmContextOptions): SampleScore {
  const o = readOptions<NonLlmContextOptions>("nonLlmContextPrecision", options, NON_LLM_OPTIONS);
  const threshold = optNumber("nonLlmContextPrecision", "threshold", o.threshold, 0.5, { min: 0, max: 1 });
  const retrieved = sample.contexts;
  const references = sample.referenceContexts;
  if (!retrieved || retrieved.length === 0) return { value: Number.NaN, reason: "sample has no `contexts`" };
  if (!references || references.length === 0)
    return { value: Number.NaN, reason: "sample has no `referenceContexts`" };
  const verdicts = retrieved.map((chunk) =>
    Math.max(...references.map((ref) => levenshteinSimilarity(ref, chunk))) >= threshold ? 1 : 0,
  );
  return { value: verdictAveragePrecision(verdicts), verdicts };
}
