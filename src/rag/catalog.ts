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

/** Catalog entries of the RAG metrics. */
export const entries: readonly CatalogEntry[] = [
  answerSimilarityMeta,
  answerCorrectnessMeta,
  answerRelevanceMeta,
  contextPrecisionMeta,
  contextRecallMeta,
  faithfulnessMeta,
  summarizationScoreMeta,
  contextEntitiesRecallMeta,
  aspectCritiqueMeta,
  aresContextRelevanceMeta,
  aresAnswerFaithfulnessMeta,
  aresAnswerRelevanceMeta,
];
