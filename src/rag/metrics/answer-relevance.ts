import type { CatalogEntry } from "../../catalog/types.js";
import { renderPrompt } from "../prompts.js";
import { binary, JudgementFailure, judgeStructured } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { cosine, guard, type LlmContext, need, needEmbedder, promptFor } from "./common.js";

/** Catalog entry of RAGAS answer relevance. */
export const answerRelevanceMeta: CatalogEntry = {
  id: "rag/answer_relevance",
  title: "Answer relevance (RAGAS, reverse-generated questions)",
  kind: "metric",
  tasks: ["rag"],
  formula: "AR = [\\neg\\text{noncommittal}] \\cdot \\frac{1}{n}\\sum_{i=1}^{n} \\cos(E(q), E(q_i))",
  range: [-1, 1],
  direction: "higher",
  differentiable: false,
  robustness: [
    "Measures focus, not correctness; deepeval's metric of the same name counts relevant statements instead.",
  ],
  references: [{ paper: "Es et al., RAGAS (EACL 2024)" }],
  traits: ["llm-judge", "embedding"],
  exports: ["answerRelevance"],
};

/**
 * Answer relevance, the RAGAS definition (ragas `ResponseRelevancy`, reverse-question cosine,
 * as autoevals; NOT deepeval's fraction of relevant statements): the judge writes `strictness`
 * (default 3) questions the answer would answer and flags a noncommittal answer; the score is
 * the mean cosine between the embedding of the real question and of each generated question,
 * times 0 if any generation flagged the answer noncommittal. Calls: `strictness` judge calls
 * (trial numbers trial*strictness + i) and one embedding call.
 */
export async function answerRelevance(
  sample: RagSample,
  ctx: LlmContext,
  options: { strictness?: number } = {},
): Promise<SampleScore> {
  const strictness = options.strictness ?? 3;
  return guard(async () => {
    const question = need(sample, "question");
    const answer = need(sample, "answer");
    const context = (sample.contexts ?? []).join("\n\n");
    const base = (ctx.trial ?? 0) * strictness;
    const generated = await Promise.all(
      Array.from({ length: strictness }, (_, i) =>
        judgeStructured(
          ctx.judge,
          renderPrompt(promptFor(ctx, "answerRelevance"), { answer, context }),
          (value) => {
            const r = value as Record<string, unknown>;
            if (typeof r?.question !== "string") throw new Error('"question" must be a string');
            return { question: r.question, noncommittal: binary(r.noncommittal, '"noncommittal"') };
          },
          { trial: base + i },
        ),
      ),
    );
    const vectors = await needEmbedder(
      ctx,
      "answerRelevance",
    )([question, ...generated.map((g) => g.question)]);
    if (vectors.length !== strictness + 1)
      throw new JudgementFailure("embedder returned the wrong number of vectors");
    let sum = 0;
    for (let i = 1; i <= strictness; i++) sum += cosine(vectors[0]!, vectors[i]!);
    const noncommittal = generated.some((g) => g.noncommittal === 1);
    return {
      value: noncommittal ? 0 : sum / strictness,
      detail: { questions: generated.map((g) => g.question), noncommittal },
    };
  });
}
