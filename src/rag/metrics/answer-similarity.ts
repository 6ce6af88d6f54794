import type { CatalogEntry } from "../../catalog/types.js";
import type { RagSample, SampleScore } from "../types.js";
import { cosine, guard, type LlmContext, need, needEmbedder } from "./common.js";

/** Catalog entry of answer semantic similarity. */
export const answerSimilarityMeta: CatalogEntry = {
  id: "rag/answer_semantic_similarity",
  title: "Answer semantic similarity (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula: "\\mathrm{sim} = \\cos(E(\\text{answer}), E(\\text{ground truth}))",
  range: [-1, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Only as good as the embedding model; insensitive to negation."],
  references: [{ paper: "Es et al., RAGAS (EACL 2024); Risch et al., Semantic Answer Similarity (2021)" }],
  traits: ["embedding"],
  exports: ["answerSemanticSimilarity"],
};

/**
 * Answer semantic similarity, the RAGAS definition (ragas `SemanticSimilarity`): the cosine
 * of the embeddings of the answer and the reference answer; with `threshold`, 1 when the cosine
 * is >= threshold, else 0 (as ragas). Needs an embedder; one embedding call.
 */
export async function answerSemanticSimilarity(
  sample: RagSample,
  ctx: Pick<LlmContext, "embed">,
  options: { threshold?: number } = {},
): Promise<SampleScore> {
  return guard(async () => {
    const answer = need(sample, "answer");
    const groundTruth = need(sample, "groundTruth");
    const [a, b] = await needEmbedder(ctx, "answerSemanticSimilarity")([answer, groundTruth]);
    const value = cosine(a!, b!);
    return { value: options.threshold === undefined ? value : value >= options.threshold ? 1 : 0 };
  });
}
