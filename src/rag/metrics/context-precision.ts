import type { CatalogEntry } from "../../catalog/types.js";
import { renderPrompt } from "../prompts.js";
import { judgeStructured, verdictShape } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, promptFor } from "./common.js";
import { levenshteinSimilarity } from "./string-similarity.js";

/** Catalog entry of RAGAS context precision. */
export const contextPrecisionMeta: CatalogEntry = {
  id: "rag/context_precision",
  title: "Context precision (RAGAS)",
  kind: "metric",
  tasks: ["rag", "retrieval"],
  formula: "CP = \\frac{\\sum_{k=1}^{K} \\mathrm{P@}k \\cdot v_k}{\\sum_k v_k}",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Average precision of the retrieved chunks' usefulness; 0 when no chunk is useful."],
  references: [
    {
      paper:
        "Es et al., RAGAS (EACL 2024); ragas LLMContextPrecisionWithReference / NonLLMContextPrecisionWithReference",
    },
  ],
  traits: ["llm-judge", "ranking"],
  exports: ["contextPrecision", "nonLlmContextPrecision"],
};

/**
 * Average precision of a verdict list, as ragas computes context precision:
 * sum_k (relevant within k / k) * v_k / (sum_k v_k), and 0 (not NaN) when no verdict is 1 (ragas
 * adds 1e-10 to the denominator; the result is the same 0).
 */
export function verdictAveragePrecision(verdicts: readonly number[]): number {
  let found = 0;
  let sum = 0;
  for (let k = 0; k < verdicts.length; k++) {
    if (verdicts[k] === 1) sum += ++found / (k + 1);
  }
  return found === 0 ? 0 : sum / found;
}

/**
 * Context precision, the RAGAS definition with a reference answer (ragas
 * `LLMContextPrecisionWithReference`): one judge verdict per retrieved chunk, in retrieval order
 * (was the chunk useful for arriving at the reference answer?), scored as the average precision
 * of the verdicts. Calls: one per chunk.
 */
export async function contextPrecision(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () => {
    const question = need(sample, "question");
    const groundTruth = need(sample, "groundTruth");
    const contexts = need(sample, "contexts");
    if (contexts.length === 0) return { value: Number.NaN, reason: "sample has no retrieved contexts" };
    const verdicts = await Promise.all(
      contexts.map(async (context) => {
        const v = await judgeStructured(
          ctx.judge,
          renderPrompt(promptFor(ctx, "contextPrecision"), { question, groundTruth, context }),
          verdictShape,
          { trial: ctx.trial ?? 0 },
        );
        return v.verdict;
      }),
    );
    return { value: verdictAveragePrecision(verdicts), verdicts };
  });
}

/**
 * Non-LLM context precision (ragas `NonLLMContextPrecisionWithReference`): a retrieved chunk is
 * useful when its best normalised-Levenshtein similarity to a reference context is >=
 * `threshold` (default 0.5); the score is the average precision of those verdicts. No judge,
 * no network. O(sum of |chunk| |reference|).
 */
export function nonLlmContextPrecision(sample: RagSample, options: { threshold?: number } = {}): SampleScore {
  const threshold = options.threshold ?? 0.5;
  const retrieved = sample.contexts;
  const references = sample.referenceContexts;
  if (!retrieved || retrieved.length === 0)
    return { value: Number.NaN, reason: "sample has no retrieved contexts" };
  if (!references || references.length === 0)
    return { value: Number.NaN, reason: "sample has no `referenceContexts`" };
  const verdicts = retrieved.map((chunk) =>
    Math.max(...references.map((ref) => levenshteinSimilarity(ref, chunk))) >= threshold ? 1 : 0,
  );
  return { value: verdictAveragePrecision(verdicts), verdicts };
}
