import { optInteger, optionNames, readOptions } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { object, string, verdict } from "../schema.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { cosine, guard, type LlmContext, need, needEmbedder } from "./common.js";

export const answerRelevanceMeta: MetricMeta = {
  id: "rag/answer_relevance",
  range: [-1, 1],
  direction: "higher",
};

/** Options of {@link answerRelevance}. */
export interface AnswerRelevanceOptions {
  /** Questions generated per answer (ragas `strictness`, default 3). */
  readonly strictness?: number;
}
const OPTIONS = optionNames<AnswerRelevanceOptions>()("strictness");

/** ragas' AnswerRelevanceOutput. */
export const generatedQuestionSchema = object({ question: string, noncommittal: verdict });

/**
 * Answer relevance as ragas 0.4.0 computes it (`ragas.metrics.collections.AnswerRelevancy`,
 * reverse-question cosine as autoevals; NOT deepeval's fraction of relevant statements): the
 * judge writes, `strictness` times (default 3), the question the response answers and flags a
 * noncommittal response; generations with an empty question are dropped; none left scores 0; the
 * score is the mean cosine between the embedding of the real question and of each generated
 * question, times 0 when every kept generation is noncommittal (ragas 0.4.0; 0.2.x zeroes it
 * when any is). Calls: `strictness` judge calls (trial numbers trial * strictness + i, so each
 * generation is its own cache entry) and one embedding call.
 */
export async function answerRelevance(
  sample: RagSample,
  ctx: LlmContext,
  options?: AnswerRelevanceOptions,
): Promise<SampleScore> {
  const o = readOptions<AnswerRelevanceOptions>("answerRelevance", options, OPTIONS);
  const strictness = optInteger("answerRelevance", "strictness", o.strictness, 3, { min: 1, max: 100 });
  return guard(async () => {
    const question = need(sample, "question");
    const response = need(sample, "answer");
    const base = (ctx.trial ?? 0) * strictness;
    const generated = await Promise.all(
      Array.from({ length: strictness }, (_, i) =>
        askJudge({ ...ctx, trial: base + i }, "answerRelevance", { response }, generatedQuestionSchema),
      ),
    );
    const kept = generated.filter((g) => g.question !== "");
    if (kept.length === 0) return { value: 0, reason: "the judge generated no question (ragas: 0)" };
    const vectors = await needEmbedder(ctx, "answerRelevance")([question, ...kept.map((g) => g.question)]);
    let sum = 0;
    for (let i = 1; i <= kept.length; i++) sum += cosine(vectors[0]!, vectors[i]!);
    const allNoncommittal = kept.every((g) => g.noncommittal === 1);
    return {
      value: allNoncommittal ? 0 : sum / kept.length,
      detail: { questions: kept.map((g) => g.question), noncommittal: kept.map((g) => g.noncommittal) },
    };
  });
}
