import type { CatalogEntry } from "../../catalog/types.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { JudgementFailure } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, needEmbedder } from "./common.js";

/** Catalog entry of answer semantic similarity. */
export const answerSimilarityMeta: CatalogEntry = {
  id: "rag/answer_semantic_similarity",
  title: "Answer semantic similarity (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula: "\\mathrm{sim} = \\frac{E(a)}{\\|E(a)\\|} \\cdot \\frac{E(g)}{\\|E(g)\\|}",
  range: [-1, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Only as good as the embedding model; insensitive to negation."],
  references: [
    { paper: "Es et al., RAGAS (EACL 2024); Risch et al., Semantic Answer Similarity (2021)" },
    { implementation: "ragas 0.4.0 ragas.metrics.collections.SemanticSimilarity" },
  ],
  traits: ["embedding"],
  exports: ["answerSemanticSimilarity"],
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
