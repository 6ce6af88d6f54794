import { describeValue, fail } from "../core/errors.js";
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

const HUMAN: Readonly<Record<string, "contextRelevance" | "answerFaithfulness" | "answerRelevance">> = {
  context_relevance: "contextRelevance",
  contextRelevance: "contextRelevance",
  answer_faithfulness: "answerFaithfulness",
  answerFaithfulness: "answerFaithfulness",
  answer_relevance: "answerRelevance",
  answerRelevance: "answerRelevance",
};

/**
 * Parses RAG samples from JSON Lines: one object per line with `question` (or ragas'
 * `user_input`), `answer` (`response`), `contexts` (`retrieved_contexts`), `ground_truth`
 * (`reference`), `reference_contexts`, `id`, and `human` (`context_relevance`,
 * `answer_faithfulness`, `answer_relevance` as 0/1). Unknown keys are ignored; a wrongly typed
 * known key is an `invalid_value` error naming the line.
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
        const labels: Record<string, number> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          const label = HUMAN[k];
          if (!label) continue;
          if (v !== 0 && v !== 1)
            fail(
              "invalid_value",
              `${fn}: \`human.${k}\` must be 0 or 1, got ${describeValue(v)} at line ${i + 1}`,
            );
          labels[label] = v;
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
