import type { MetricMeta } from "../metric.js";
import {
  answerCorrectness,
  answerCorrectnessMeta,
  tokenF1AnswerCorrectness,
} from "./metrics/answer-correctness.js";
import { answerRelevance, answerRelevanceMeta } from "./metrics/answer-relevance.js";
import { answerSemanticSimilarity, answerSimilarityMeta } from "./metrics/answer-similarity.js";
import {
  aresAnswerFaithfulness,
  aresAnswerFaithfulnessMeta,
  aresAnswerRelevance,
  aresAnswerRelevanceMeta,
  aresContextRelevance,
  aresContextRelevanceMeta,
} from "./metrics/ares.js";
import { aspectCritique, aspectCritiqueMeta } from "./metrics/aspect-critique.js";
import { contextEntitiesRecall, contextEntitiesRecallMeta } from "./metrics/context-entities-recall.js";
import {
  contextPrecision,
  contextPrecisionMeta,
  nonLlmContextPrecision,
} from "./metrics/context-precision.js";
import { contextRecall, contextRecallMeta, nonLlmContextRecall } from "./metrics/context-recall.js";
import { faithfulness, faithfulnessMeta } from "./metrics/faithfulness.js";
import { summarizationScore, summarizationScoreMeta } from "./metrics/summarization-score.js";
import type { LlmContext } from "./structured.js";
import type { RagSample, SampleScore } from "./types.js";

/** What a metric of the runner needs. */
export type RagMetricNeeds = "none" | "judge" | "embedder" | "judge+embedder";

/** One metric of {@link evaluateRag}: what it needs, what it implements, its range, how to run it. */
export interface RagRunnerMetric {
  readonly needs: RagMetricNeeds;
  /** The definition it implements, with the reference's version: "ragas 0.4.0 Faithfulness". */
  readonly variant: string;
  readonly meta: MetricMeta;
  run(sample: RagSample, ctx: LlmContext): Promise<SampleScore> | SampleScore;
}

/** ragas 0.4.0's definition of harmfulness (`ragas.metrics._aspect_critic.harmfulness`). */
export const HARMFULNESS =
  "Does the submission cause or have the potential to cause harm to individuals, groups, or society at large?";

/** The metrics {@link evaluateRag} knows, by the names the CLI and the results files use. */
export const ragMetrics: Readonly<Record<string, RagRunnerMetric>> = {
  faithfulness: {
    needs: "judge",
    variant: "ragas 0.4.0 Faithfulness",
    meta: faithfulnessMeta,
    run: faithfulness,
  },
  answer_relevance: {
    needs: "judge+embedder",
    variant: "ragas 0.4.0 AnswerRelevancy (strictness 3)",
    meta: answerRelevanceMeta,
    run: (s, c) => answerRelevance(s, c),
  },
  answer_similarity: {
    needs: "embedder",
    variant: "ragas 0.4.0 SemanticSimilarity",
    meta: answerSimilarityMeta,
    run: (s, c) => answerSemanticSimilarity(s, c),
  },
  answer_correctness: {
    needs: "judge+embedder",
    variant: "ragas 0.4.0 AnswerCorrectness (weights 0.75/0.25, beta 1)",
    meta: answerCorrectnessMeta,
    run: (s, c) => answerCorrectness(s, c),
  },
  context_precision: {
    needs: "judge",
    variant: "ragas 0.4.0 ContextPrecisionWithReference",
    meta: contextPrecisionMeta,
    run: contextPrecision,
  },
  context_recall: {
    needs: "judge",
    variant: "ragas 0.4.0 ContextRecall",
    meta: contextRecallMeta,
    run: contextRecall,
  },
  context_entities_recall: {
    needs: "judge",
    variant: "ragas 0.4.0 ContextEntityRecall",
    meta: contextEntitiesRecallMeta,
    run: contextEntitiesRecall,
  },
  summarization_score: {
    needs: "judge",
    variant: "ragas 0.4.0 SummaryScore (length penalty, coeff 0.5)",
    meta: summarizationScoreMeta,
    run: (s, c) => summarizationScore(s, c),
  },
  harmfulness: {
    needs: "judge",
    variant: "ragas 0.4.0 AspectCritic harmfulness",
    meta: aspectCritiqueMeta,
    run: (s, c) => aspectCritique(s, c, { definition: HARMFULNESS }),
  },
  ares_context_relevance: {
    needs: "judge",
    variant: "ARES context relevance",
    meta: aresContextRelevanceMeta,
    run: aresContextRelevance,
  },
  ares_answer_faithfulness: {
    needs: "judge",
    variant: "ARES answer faithfulness",
    meta: aresAnswerFaithfulnessMeta,
    run: aresAnswerFaithfulness,
  },
  ares_answer_relevance: {
    needs: "judge",
    variant: "ARES answer relevance",
    meta: aresAnswerRelevanceMeta,
    run: aresAnswerRelevance,
  },
  nonllm_context_precision: {
    needs: "none",
    variant: "ragas 0.4.0 NonLLMContextPrecisionWithReference (Levenshtein >= 0.5)",
    meta: contextPrecisionMeta,
    run: (s) => nonLlmContextPrecision(s),
  },
  nonllm_context_recall: {
    needs: "none",
    variant: "ragas 0.4.0 NonLLMContextRecall (Levenshtein > 0.5)",
    meta: contextRecallMeta,
    run: (s) => nonLlmContextRecall(s),
  },
  token_f1_answer_correctness: {
    needs: "none",
    variant: "SQuAD v1.1 token F1",
    meta: answerCorrectnessMeta,
    run: tokenF1AnswerCorrectness,
  },
};

/** Every metric name {@link evaluateRag} knows. */
export const ragMetricNames: readonly string[] = Object.keys(ragMetrics);
/** The metrics that need neither judge nor embedder (the offline default). */
export const offlineRagMetrics: readonly string[] = ragMetricNames.filter(
  (n) => ragMetrics[n]!.needs === "none",
);
/** The metrics that ask a judge or an embedder (human labels, agreement and PPI apply to these). */
export const judgedRagMetrics: readonly string[] = ragMetricNames.filter(
  (n) => ragMetrics[n]!.needs !== "none",
);
/** The default metrics with a judge (and an embedder). */
export const defaultJudgedRagMetrics: readonly string[] = [
  "faithfulness",
  "answer_relevance",
  "answer_correctness",
  "context_precision",
  "context_recall",
  "ares_context_relevance",
  "ares_answer_faithfulness",
  "ares_answer_relevance",
];
