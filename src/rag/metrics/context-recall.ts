import type { CatalogEntry } from "../../catalog/types.js";
import { renderPrompt } from "../prompts.js";
import { judgeStructured, verdictList } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { fraction, guard, type LlmContext, need, promptFor } from "./common.js";
import { levenshteinSimilarity } from "./string-similarity.js";

/** Catalog entry of RAGAS context recall. */
export const contextRecallMeta: CatalogEntry = {
  id: "rag/context_recall",
  title: "Context recall (RAGAS)",
  kind: "metric",
  tasks: ["rag", "retrieval"],
  formula:
    "CR = \\frac{|\\{\\text{reference sentences attributable to the context}\\}|}{|\\{\\text{reference sentences}\\}|}",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Needs a reference answer; blind to irrelevant extra context."],
  references: [{ paper: "Es et al., RAGAS (EACL 2024); ragas LLMContextRecall / NonLLMContextRecall" }],
  traits: ["llm-judge", "reference-based"],
  exports: ["contextRecall", "nonLlmContextRecall"],
};

/**
 * Context recall, the RAGAS definition (ragas `LLMContextRecall`): the judge splits the
 * reference answer into sentences and attributes each (1/0) to the retrieved contexts; score =
 * attributed / sentences. No sentences: NaN with a reason. Calls: 1.
 */
export async function contextRecall(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () => {
    const question = need(sample, "question");
    const groundTruth = need(sample, "groundTruth");
    const contexts = need(sample, "contexts");
    const verdicts = await judgeStructured(
      ctx.judge,
      renderPrompt(promptFor(ctx, "contextRecall"), {
        question,
        groundTruth,
        context: contexts.join("\n\n"),
      }),
      verdictList("classifications", "attributed"),
      { trial: ctx.trial ?? 0 },
    );
    if (verdicts.length === 0)
      return { value: Number.NaN, reason: "the judge found no sentence in the reference answer" };
    return { value: fraction(verdicts), verdicts };
  });
}

/**
 * Non-LLM context recall (ragas `NonLLMContextRecall`): the fraction of reference contexts
 * whose best normalised-Levenshtein similarity to a retrieved context is >= `threshold`
 * (default 0.5). No judge, no network.
 */
export function nonLlmContextRecall(sample: RagSample, options: { threshold?: number } = {}): SampleScore {
  const threshold = options.threshold ?? 0.5;
  const retrieved = sample.contexts ?? [];
  const references = sample.referenceContexts;
  if (!references || references.length === 0)
    return { value: Number.NaN, reason: "sample has no `referenceContexts`" };
  const verdicts = references.map((ref) =>
    retrieved.length > 0 &&
    Math.max(...retrieved.map((chunk) => levenshteinSimilarity(ref, chunk))) >= threshold
      ? 1
      : 0,
  );
  return { value: fraction(verdicts), verdicts };
}
