/**
 * The token estimator (src/rag/tokens.ts) against real BPE vocabularies: o200k_base (GPT-4o and
 * later) and cl100k_base (GPT-4, GPT-3.5), from the `gpt-tokenizer` package (a dev dependency,
 * pure JavaScript, no download), on the default prompts rendered with the bundled RAG samples.
 */
import { readFileSync } from "node:fs";
import { countTokens as cl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as o200k } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { defaultPrompts, type PromptId, renderPrompt } from "../../src/rag/prompts.js";
import { estimateMessageTokens, estimateTokens } from "../../src/rag/tokens.js";

const samples = readFileSync(new URL("../../data/samples/rag/samples.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map(
    (line) =>
      JSON.parse(line) as { question: string; answer: string; ground_truth: string; contexts: string[] },
  );

const prompts: string[] = [];
for (const s of samples) {
  const vars: [PromptId, Record<string, string>][] = [
    ["statements", { question: s.question, answer: s.answer }],
    ["contextPrecision", { question: s.question, context: s.contexts[0]!, answer: s.ground_truth }],
    ["faithfulnessVerdicts", { context: s.contexts.join("\n"), statements: JSON.stringify([s.answer]) }],
    ["contextRecall", { question: s.question, context: s.contexts.join("\n"), answer: s.ground_truth }],
    ["answerRelevance", { response: s.answer }],
    ["aresAnswerFaithfulness", { context: s.contexts.join("\n\n"), answer: s.answer }],
  ];
  for (const [id, v] of vars)
    prompts.push(
      renderPrompt(defaultPrompts[id], v)
        .map((m) => m.content)
        .join("\n"),
    );
}

describe("estimateTokens against real tokenizers", () => {
  for (const [name, count] of [
    ["o200k_base", o200k],
    ["cl100k_base", cl100k],
  ] as const) {
    it(`is within 10% of ${name} over the default prompts, and within 25% on each`, () => {
      const truth = prompts.map((p) => count(p));
      const estimate = prompts.map(estimateTokens);
      const total = estimate.reduce((a, b) => a + b, 0) / truth.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(0.9);
      expect(total).toBeLessThan(1.1);
      for (let i = 0; i < prompts.length; i++) {
        expect(estimate[i]! / truth[i]!, prompts[i]!.slice(0, 80)).toBeGreaterThan(0.75);
        expect(estimate[i]! / truth[i]!, prompts[i]!.slice(0, 80)).toBeLessThan(1.25);
      }
    });
  }

  it("counts OpenAI's chat framing: 3 per message and 3 to prime the reply", () => {
    const messages = [
      { role: "system" as const, content: "Be brief." },
      { role: "user" as const, content: "Hello there." },
    ];
    expect(estimateMessageTokens(messages)).toBe(
      3 +
        3 +
        estimateTokens("system") +
        estimateTokens("Be brief.") +
        3 +
        estimateTokens("user") +
        estimateTokens("Hello there."),
    );
    // "Be brief." = word, word, punctuation
    expect(estimateTokens("Be brief.")).toBe(3);
  });
});
