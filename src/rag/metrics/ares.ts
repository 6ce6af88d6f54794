import type { CatalogEntry } from "../../catalog/types.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, needContexts } from "./common.js";
import { usefulSchema } from "./context-precision.js";

const aresReferences = [
  { paper: "Saad-Falcon et al., ARES: An Automated Evaluation Framework for RAG Systems, NAACL 2024" },
  { paper: "Angelopoulos et al., Prediction-powered inference, Science 2023 (confidence intervals)" },
];

/** Catalog entries of the three ARES judgements. */
export const aresContextRelevanceMeta: CatalogEntry = {
  id: "rag/ares_context_relevance",
  title: "ARES context relevance (PPI)",
  kind: "metric",
  tasks: ["rag"],
  formula: "\\hat\\theta = \\bar f_N - \\overline{(f - Y)}_n",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: [
    "The PPI interval stays valid however biased the judge is; its width shrinks as the judge agrees with humans.",
  ],
  references: aresReferences,
  traits: ["llm-judge", "confidence-interval"],
  exports: ["aresContextRelevance", "predictionPoweredMean"],
};
export const aresAnswerFaithfulnessMeta: CatalogEntry = {
  ...aresContextRelevanceMeta,
  id: "rag/ares_answer_faithfulness",
  title: "ARES answer faithfulness (PPI)",
  exports: ["aresAnswerFaithfulness", "predictionPoweredMean"],
};
export const aresAnswerRelevanceMeta: CatalogEntry = {
  ...aresContextRelevanceMeta,
  id: "rag/ares_answer_relevance",
  title: "ARES answer relevance (PPI)",
  exports: ["aresAnswerRelevance", "predictionPoweredMean"],
};

async function verdict(
  ctx: LlmContext,
  id: "aresContextRelevance" | "aresAnswerFaithfulness" | "aresAnswerRelevance",
  vars: Record<string, string>,
): Promise<SampleScore> {
  const v = await askJudge(ctx, id, vars, usefulSchema);
  return { value: v.verdict, verdicts: [v.verdict], detail: { reason: v.reason ?? "" } };
}

/**
 * ARES context relevance: the judge's 0/1 verdict that the retrieved passage (the contexts
 * joined) is relevant to the query. ARES fine-tunes a classifier as the judge; any judge
 * fits here. The dataset-level score with a confidence interval is {@link predictionPoweredMean}
 * over these verdicts plus human labels on a small subset. Calls: 1.
 */
export async function aresContextRelevance(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () =>
    verdict(ctx, "aresContextRelevance", {
      question: need(sample, "question"),
      context: needContexts(sample, "contexts").join("\n\n"),
    }),
  );
}

/** ARES answer faithfulness: the judge's 0/1 verdict that the answer is grounded in the passage. Calls: 1. */
export async function aresAnswerFaithfulness(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () =>
    verdict(ctx, "aresAnswerFaithfulness", {
      context: needContexts(sample, "contexts").join("\n\n"),
      answer: need(sample, "answer"),
    }),
  );
}

/** ARES answer relevance: the judge's 0/1 verdict that the answer addresses the query. Calls: 1. */
export async function aresAnswerRelevance(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () =>
    verdict(ctx, "aresAnswerRelevance", {
      question: need(sample, "question"),
      context: needContexts(sample, "contexts").join("\n\n"),
      answer: need(sample, "answer"),
    }),
  );
}
