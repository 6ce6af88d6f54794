/**
 * plumbline/rag: retrieval-augmented generation evaluation (RAGAS and ARES definitions). Imports
 * no Node module, so it bundles for browsers; the file-backed judgment store is in
 * `plumbline/rag/node`.
 */

export * from "./agreement.js";
export * from "./budget.js";
export * from "./cache.js";
export * from "./client.js";
export * from "./dry-run.js";
export * from "./evaluate.js";
export * from "./gates.js";
export * from "./meter.js";
export * from "./metrics/answer-correctness.js";
export * from "./metrics/answer-relevance.js";
export * from "./metrics/answer-similarity.js";
export * from "./metrics/ares.js";
export * from "./metrics/aspect-critique.js";
export { cosine } from "./metrics/common.js";
export * from "./metrics/context-entities-recall.js";
export * from "./metrics/context-precision.js";
export * from "./metrics/context-recall.js";
export * from "./metrics/faithfulness.js";
export * from "./metrics/string-similarity.js";
export * from "./metrics/summarization-score.js";
export * from "./prompts.js";
export * from "./redact.js";
export { HARMFULNESS, type RagRunnerMetric, ragMetrics } from "./registry.js";
export * from "./samples.js";
export type { Infer, Schema } from "./schema.js";
export * as schema from "./schema.js";
export * from "./stats.js";
export {
  askJudge,
  JudgementFailure,
  judgeStructured,
  type LlmContext,
  meteredJudge,
  parseStrictJson,
  promptFor,
} from "./structured.js";
export * from "./tokens.js";
export * from "./types.js";
