import { optionNames, optNumber, readOptions } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { JudgementFailure } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, needEmbedder } from "./common.js";

export const answerSimilarityMeta: MetricMeta = {
  id: "rag/answer_semantic_similarity",
  range: [-1, 1],
  direction: "higher",
};

/** Options of {@link answerSemanticSimilarity}. */
export interface AnswerSimilarityOptions {
  /** With a threshold, the score is 1 when the cosine is >= it, else 0 (a threshold of 0 means none, as ragas' `if threshold`). */
  readonly threshold?: number;
}
const OPTIONS = optionNames<AnswerSimilarityOptions>()("threshold");

/**
 * Answer semantic similarity as ragas 0.4.0 computes it
 * (`ragas.metrics.collections.SemanticSimilarity`): the dot product of the normalised
 * embeddings of the reference answer and the answer (an empty text is embedded as " ", as
 * ragas); with a non-zero `threshold`, 1 when the similarity is >= threshold, else 0. A zero
 * embedding: NaN with the reason (numpy divides by zero). One embedding call.
 */
export async function answerSemanticSimilarity(
  sample: RagSample,
  ctx: Pick<LlmContext, "embed" | "cache" | "meter">,
  options?: AnswerSimilarityOptions,
): Promise<SampleScore> {
  const o = readOptions<AnswerSimilarityOptions>("answerSemanticSimilarity", options, OPTIONS);
  const threshold = optNumber("answerSemanticSimilarity", "threshold", o.threshold, 0, { min: -1, max: 1 });
  return guard(async () => {
    const [r, a] = await needEmbedder(
      ctx,
      "answerSemanticSimilarity",
    )([sample.groundTruth || " ", sample.answer || " "]);
    const nr = Math.sqrt(r!.reduce((s, x) => s + x * x, 0));
    const na = Math.sqrt(a!.reduce((s, x) => s + x * x, 0));
    if (nr === 0 || na === 0) throw new JudgementFailure("an embedding is the zero vector");
    if (r!.length !== a!.length)
      throw new JudgementFailure(`embeddings must have the same length, got ${r!.length} and ${a!.length}`);
    let value = 0;
    for (let i = 0; i < r!.length; i++) value += (r![i]! / nr) * (a![i]! / na);
    return { value: threshold !== 0 ? (value >= threshold ? 1 : 0) : value };
  });
}
