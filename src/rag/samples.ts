import { describeValue, fail } from "../core/errors.js";
import { suggestName } from "../core/options.js";
import { judgedRagMetrics } from "./registry.js";
import type { RagSample } from "./types.js";

const ALIASES: Readonly<Record<string, keyof RagSample>> = {
  id: "id",
  question: "question",
  user_input: "question",
  query: "question",
  answer: "answer",
  response: "answer",
  contexts: "contexts",
  retrieved_contexts: "contexts",
  ground_truth: "groundTruth",
  groundTruth: "groundTruth",
  reference: "groundTruth",
  reference_contexts: "referenceContexts",
  referenceContexts: "referenceContexts",
  human: "human",
};

/** Names of the ARES judgements before 0.2, read as the metric names. */
const LEGACY_HUMAN: Readonly<Record<string, string>> = {
  context_relevance: "ares_context_relevance",
  contextRelevance: "ares_context_relevance",
  answer_faithfulness: "ares_answer_faithfulness",
  answerFaithfulness: "ares_answer_faithfulness",
};

/**
 * Parses RAG samples from JSON Lines: one object per line with `question` (or ragas'
 * `user_input`), `answer` (`response`), `contexts` (`retrieved_contexts`), `ground_truth`
 * (`reference`), `reference_contexts`, `id`, and `human`: an object of human labels keyed by
 * judged metric name (`{"faithfulness": 0.8, "ares_context_relevance": 1}`; the ARES names
 * `context_relevance` and `answer_faithfulness` of 0.1 are read as `ares_*`). Unknown top-level
 * keys are ignored; a wrongly typed known key, or a label for a metric that does not exist, is an
 * `invalid_value` error naming the line.
 */
export function parseRagJsonl(text: string, fn = "parseRagJsonl"): RagSample[] {
  const samples: RagSample[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      fail("invalid_value", `${fn}: \`data\` line ${i + 1} is not JSON (${(error as Error).message})`);
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      fail("invalid_value", `${fn}: \`data\` line ${i + 1} must be a JSON object, got ${describeValue(raw)}`);
    }
    const sample: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const name = ALIASES[key];
      if (!name || value === null || value === undefined) continue;
      if (name === "contexts" || name === "referenceContexts") {
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
          fail(
            "invalid_value",
            `${fn}: \`${key}\` must be an array of strings, got ${describeValue(value)} at line ${i + 1}`,
          );
        }
        sample[name] = value;
      } else if (name === "human") {
        if (typeof value !== "object" || Array.isArray(value))
          fail(
            "invalid_value",
            `${fn}: \`human\` must be an object of labels, got ${describeValue(value)} at line ${i + 1}`,
          );
        const labels: Record<string, number> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          const metric = LEGACY_HUMAN[k] ?? k;
          if (!judgedRagMetrics.includes(metric)) {
            const hint = suggestName(k, judgedRagMetrics);
            fail(
              "invalid_value",
              `${fn}: \`human.${k}\` names no judged metric${hint ? ` (${hint})` : ""}, at line ${i + 1}; known: ${judgedRagMetrics.join(", ")}`,
            );
          }
          if (typeof v !== "number" || !Number.isFinite(v))
            fail(
              "invalid_value",
              `${fn}: \`human.${k}\` must be a finite number, got ${describeValue(v)} at line ${i + 1}`,
            );
          labels[metric] = v;
        }
        sample.human = labels;
      } else {
        if (typeof value !== "string")
          fail(
            "invalid_value",
            `${fn}: \`${key}\` must be a string, got ${describeValue(value)} at line ${i + 1}`,
          );
        sample[name] = value;
      }
    }
    samples.push(sample as RagSample);
  }
  if (samples.length === 0) fail("empty_input", `${fn}: \`data\` must hold at least one sample, got 0 lines`);
  return samples;
}
