import type { MetricMeta } from "../../metric.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, needContexts } from "./common.js";
import { usefulSchema } from "./context-precision.js";

export const aresContextRelevanceMeta: MetricMeta = {
  id: "rag/ares_context_relevance",
  range: [0, 1],
  direction: "higher",
};

export const aresAnswerFaithfulnessMeta: MetricMeta = {
  ...aresContextRelevanceMeta,
  id: "rag/ares_answer_faithfulness",
};

export const aresAnswerRelevanceMeta: MetricMeta = {
  ...aresContextRelevanceMeta,
  id: "rag/ares_answer_relevance",
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
