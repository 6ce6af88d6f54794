import { metaFields } from "../catalog/meta-fields.js";
import type { CatalogEntry } from "../catalog/types.js";
import { answerCorrectnessMeta } from "./metrics/answer-correctness.js";
import { answerRelevanceMeta } from "./metrics/answer-relevance.js";
import { answerSimilarityMeta } from "./metrics/answer-similarity.js";
import {
  aresAnswerFaithfulnessMeta,
  aresAnswerRelevanceMeta,
  aresContextRelevanceMeta,
} from "./metrics/ares.js";
import { aspectCritiqueMeta } from "./metrics/aspect-critique.js";
import { contextEntitiesRecallMeta } from "./metrics/context-entities-recall.js";
import { contextPrecisionMeta } from "./metrics/context-precision.js";
import { contextRecallMeta } from "./metrics/context-recall.js";
import { faithfulnessMeta } from "./metrics/faithfulness.js";
import { summarizationScoreMeta } from "./metrics/summarization-score.js";

const aresReferences = [
  { paper: "Saad-Falcon et al., ARES: An Automated Evaluation Framework for RAG Systems, NAACL 2024" },
  { paper: "Angelopoulos et al., Prediction-powered inference, Science 2023 (confidence intervals)" },
];

/** Catalog entry of answer semantic similarity. */
const answerSimilarityEntry: CatalogEntry = {
  ...metaFields(answerSimilarityMeta),
  title: "Answer semantic similarity (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula: "\\mathrm{sim} = \\frac{E(a)}{\\|E(a)\\|} \\cdot \\frac{E(g)}{\\|E(g)\\|}",
  differentiable: false,
  robustness: ["Only as good as the embedding model; insensitive to negation."],
  references: [
    { paper: "Es et al., RAGAS (EACL 2024); Risch et al., Semantic Answer Similarity (2021)" },
    { implementation: "ragas 0.4.0 ragas.metrics.collections.SemanticSimilarity" },
  ],
  traits: ["embedding"],
  exports: ["answerSemanticSimilarity"],
};

/** Catalog entry of RAGAS answer correctness. */
const answerCorrectnessEntry: CatalogEntry = {
  ...metaFields(answerCorrectnessMeta),
  title: "Answer correctness (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula:
    "AC = \\frac{w_1 F_\\beta(TP, FP, FN) + w_2 \\cos(E(a), E(g))}{w_1 + w_2},\\; w = (0.75, 0.25),\\; \\beta = 1",
  differentiable: false,
  robustness: ["Needs a reference answer; the factual part depends on the judge's statement classification."],
  references: [
    { paper: "Es et al., RAGAS (EACL 2024)" },
    {
      implementation:
        "ragas 0.4.0 ragas.metrics.collections.AnswerCorrectness (weights [0.75, 0.25], beta 1)",
    },
  ],
  traits: ["llm-judge", "embedding", "reference-based"],
  exports: ["answerCorrectness", "tokenF1AnswerCorrectness"],
};

/** Catalog entry of RAGAS answer relevance. */
const answerRelevanceEntry: CatalogEntry = {
  ...metaFields(answerRelevanceMeta),
  title: "Answer relevance (RAGAS, reverse-generated questions)",
  kind: "metric",
  tasks: ["rag"],
  formula: "AR = [\\neg\\text{all noncommittal}] \\cdot \\frac{1}{n}\\sum_{i=1}^{n} \\cos(E(q), E(q_i))",
  differentiable: false,
  robustness: [
    "Measures focus, not correctness; deepeval's metric of the same name counts relevant statements instead.",
    "ragas 0.2.x zeroes the score when any generation is noncommittal, ragas 0.4.0 only when all are.",
  ],
  references: [
    { paper: "Es et al., RAGAS (EACL 2024)" },
    { implementation: "ragas 0.4.0 ragas.metrics.collections.AnswerRelevancy (strictness 3)" },
  ],
  traits: ["llm-judge", "embedding"],
  exports: ["answerRelevance"],
};

/** Catalog entry of RAGAS context precision. */
const contextPrecisionEntry: CatalogEntry = {
  ...metaFields(contextPrecisionMeta),
  title: "Context precision (RAGAS)",
  kind: "metric",
  tasks: ["rag", "retrieval"],
  formula: "CP = \\frac{\\sum_{k=1}^{K} \\mathrm{P@}k \\cdot v_k}{\\sum_k v_k + 10^{-10}}",
  differentiable: false,
  robustness: ["Average precision of the retrieved chunks' usefulness; 0 when no chunk is useful."],
  references: [
    { paper: "Es et al., RAGAS (EACL 2024)" },
    {
      implementation:
        "ragas 0.4.0 ragas.metrics.collections.ContextPrecisionWithReference; NonLLMContextPrecisionWithReference (Levenshtein, threshold 0.5)",
    },
  ],
  traits: ["llm-judge", "ranking"],
  exports: ["contextPrecision", "nonLlmContextPrecision"],
};

/** Catalog entry of RAGAS context recall. */
const contextRecallEntry: CatalogEntry = {
  ...metaFields(contextRecallMeta),
  title: "Context recall (RAGAS)",
  kind: "metric",
  tasks: ["rag", "retrieval"],
  formula:
    "CR = \\frac{|\\{\\text{reference statements attributable to the context}\\}|}{|\\{\\text{reference statements}\\}|}",
  differentiable: false,
  robustness: ["Needs a reference answer; blind to irrelevant extra context."],
  references: [
    { paper: "Es et al., RAGAS (EACL 2024)" },
    {
      implementation:
        "ragas 0.4.0 ragas.metrics.collections.ContextRecall; NonLLMContextRecall (Levenshtein, > 0.5)",
    },
  ],
  traits: ["llm-judge", "reference-based"],
  exports: ["contextRecall", "nonLlmContextRecall"],
};

/** Catalog entry of RAGAS faithfulness. */
const faithfulnessEntry: CatalogEntry = {
  ...metaFields(faithfulnessMeta),
  title: "Faithfulness (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula:
    "F = \\frac{|\\{\\text{answer claims supported by the context}\\}|}{|\\{\\text{answer claims}\\}|}",
  differentiable: false,
  robustness: [
    "Depends on the judge's claim decomposition; repeat judgments (--samples) and report the spread.",
  ],
  references: [
    { paper: "Es et al., RAGAS: Automated Evaluation of Retrieval Augmented Generation, EACL 2024" },
    { implementation: "ragas 0.4.0 ragas.metrics.collections.Faithfulness" },
  ],
  traits: ["llm-judge", "hallucination"],
  exports: ["faithfulness"],
};

/** Catalog entry of RAGAS summarization score. */
const summarizationScoreEntry: CatalogEntry = {
  ...metaFields(summarizationScoreMeta),
  title: "Summarization score (RAGAS)",
  kind: "metric",
  tasks: ["rag", "nlp"],
  formula: "S = (1-c)\\,\\mathrm{QA} + c\\,\\Big(1 - \\frac{\\min(|s|, |t|)}{|t| + 10^{-10}}\\Big)",
  differentiable: false,
  robustness: [
    "The conciseness term rewards short summaries; set lengthPenalty false to score coverage only.",
  ],
  references: [
    { implementation: "ragas 0.4.0 ragas.metrics.collections.SummaryScore (length_penalty, coeff 0.5)" },
  ],
  traits: ["llm-judge"],
  exports: ["summarizationScore"],
};

/** Catalog entry of RAGAS context entities recall. */
const contextEntitiesRecallEntry: CatalogEntry = {
  ...metaFields(contextEntitiesRecallMeta),
  title: "Context entities recall (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula:
    "CER = \\frac{|E(\\text{context}) \\cap E(\\text{ground truth})|}{|E(\\text{ground truth})| + 10^{-8}}",
  differentiable: false,
  robustness: ["Suited to fact-heavy answers (dates, names); entities match only when written identically."],
  references: [
    { paper: "Es et al., RAGAS (EACL 2024)" },
    { implementation: "ragas 0.4.0 ragas.metrics.collections.ContextEntityRecall" },
  ],
  traits: ["llm-judge", "reference-based"],
  exports: ["contextEntitiesRecall"],
};

/** Catalog entry of RAGAS aspect critique. */
const aspectCritiqueEntry: CatalogEntry = {
  ...metaFields(aspectCritiqueMeta),
  title: "Aspect critique (RAGAS)",
  kind: "metric",
  tasks: ["rag", "nlp"],
  formula: "AC = \\mathrm{majority}(v_1, \\dots, v_s)",
  differentiable: false,
  robustness: ["Binary per sample; strictness (odd) repeats the verdict and takes the majority."],
  references: [
    {
      implementation: "ragas 0.4.0 ragas.metrics.AspectCritic (single-turn, definitions of harmfulness etc.)",
    },
  ],
  traits: ["llm-judge"],
  exports: ["aspectCritique"],
};

/** Catalog entries of the three ARES judgements. */
const aresContextRelevanceEntry: CatalogEntry = {
  ...metaFields(aresContextRelevanceMeta),
  title: "ARES context relevance (PPI)",
  kind: "metric",
  tasks: ["rag"],
  formula: "\\hat\\theta = \\bar f_N - \\overline{(f - Y)}_n",
  differentiable: false,
  robustness: [
    "The PPI interval stays valid however biased the judge is; its width shrinks as the judge agrees with humans.",
  ],
  references: aresReferences,
  traits: ["llm-judge", "confidence-interval"],
  exports: ["aresContextRelevance", "predictionPoweredMean"],
};

const aresAnswerFaithfulnessEntry: CatalogEntry = {
  ...aresContextRelevanceEntry,
  id: aresAnswerFaithfulnessMeta.id,
  title: "ARES answer faithfulness (PPI)",
  exports: ["aresAnswerFaithfulness", "predictionPoweredMean"],
};

const aresAnswerRelevanceEntry: CatalogEntry = {
  ...aresContextRelevanceEntry,
  id: aresAnswerRelevanceMeta.id,
  title: "ARES answer relevance (PPI)",
  exports: ["aresAnswerRelevance", "predictionPoweredMean"],
};

/** Catalog entries of the RAG metrics. */
export const entries: readonly CatalogEntry[] = [
  answerSimilarityEntry,
  answerCorrectnessEntry,
  answerRelevanceEntry,
  contextPrecisionEntry,
  contextRecallEntry,
  faithfulnessEntry,
  summarizationScoreEntry,
  contextEntitiesRecallEntry,
  aspectCritiqueEntry,
  aresContextRelevanceEntry,
  aresAnswerFaithfulnessEntry,
  aresAnswerRelevanceEntry,
];
