/**
 * Issue 14 §2, parity with ragas: scripts/golden/rag_ragas.py follows ragas 0.4.0's scoring
 * source on judgments a scripted judge gives in ragas' own reply formats; here the same replies
 * (and embeddings) go through plumbline's metrics, in process and through the loopback server.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiClient } from "../../src/rag/client.js";
import { evaluateRag } from "../../src/rag/evaluate.js";
import { answerCorrectness } from "../../src/rag/metrics/answer-correctness.js";
import { answerSemanticSimilarity } from "../../src/rag/metrics/answer-similarity.js";
import { summarizationScore } from "../../src/rag/metrics/summarization-score.js";
import { ragMetrics } from "../../src/rag/registry.js";
import type { LlmContext } from "../../src/rag/structured.js";
import type {
  ChatMessage,
  Embedder,
  Judge,
  JudgeCallOptions,
  RagSample,
  SampleScore,
} from "../../src/rag/types.js";
import {
  chatReply,
  embeddingReply,
  type ScriptedReply,
  type SeenRequest,
  startScriptedServer,
} from "./scripted-server.js";

type Reply = string | { when: string; reply: string };
interface ParityCase {
  id: string;
  metric: string;
  ref: string;
  sample: RagSample;
  options: Record<string, unknown>;
  replies: Record<string, Reply[]>;
  embeddings: Record<string, number[]>;
  expected: number | null;
  note: string;
}

const golden = JSON.parse(
  readFileSync(new URL("../data/golden/rag_ragas.json", import.meta.url), "utf8"),
) as { reference: string; cases: ParityCase[] };

/** Answers each template's calls from the case's replies: the first unused one whose `when` is in the prompt. */
function replier(c: ParityCase) {
  const used = new Set<string>();
  return (template: string, user: string): string => {
    const list = c.replies[template] ?? [];
    const at = list.findIndex(
      (r, i) => !used.has(`${template}/${i}`) && (typeof r === "string" || user.includes(r.when)),
    );
    if (at < 0) throw new Error(`${c.id}: no scripted reply left for ${template}`);
    used.add(`${template}/${at}`);
    const entry = list[at]!;
    return typeof entry === "string" ? entry : entry.reply;
  };
}

const embedderOf =
  (c: ParityCase): Embedder =>
  async (texts) =>
    texts.map((t) => {
      const v = c.embeddings[t];
      if (!v) throw new Error(`${c.id}: no embedding for ${JSON.stringify(t)}`);
      return v;
    });

/** The metric run with the case's options (the registry's defaults otherwise). */
function score(c: ParityCase, ctx: LlmContext): Promise<SampleScore> | SampleScore {
  switch (c.metric) {
    case "answer_correctness":
      return answerCorrectness(c.sample, ctx, c.options as { weights: [number, number]; beta: number });
    case "summarization_score":
      return summarizationScore(c.sample, ctx, c.options as { lengthPenalty: boolean; coeff: number });
    case "answer_similarity":
      return answerSemanticSimilarity(c.sample, ctx, c.options as { threshold?: number });
    default:
      return ragMetrics[c.metric]!.run(c.sample, ctx);
  }
}

const check = (c: ParityCase, value: number) => {
  if (c.expected === null) expect(value, c.note).toBeNaN();
  else expect(value, `${c.id} ${c.note}`).toBeCloseTo(c.expected, 12);
};

describe(`RAGAS metrics equal ${golden.reference}`, () => {
  it("covers every RAGAS metric of the runner", () => {
    const covered = new Set(golden.cases.map((c) => c.metric));
    const ragas = Object.keys(ragMetrics).filter((m) => ragMetrics[m]!.variant.startsWith("ragas"));
    expect(ragas.filter((m) => !covered.has(m))).toEqual([]);
  });

  for (const c of golden.cases) {
    it(`${c.id} (${c.ref}${c.note ? `; ${c.note}` : ""})`, async () => {
      const answer = replier(c);
      const judge: Judge = async (messages: readonly ChatMessage[], call?: JudgeCallOptions) =>
        answer(call?.template ?? "", messages[1]!.content);
      const result = await score(c, { judge, embed: embedderOf(c) });
      expect(result.kind, result.reason).toBeUndefined();
      check(c, result.value);
    });
  }
});

describe("the same parity through the OpenAI-compatible client and a loopback server", () => {
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  let current: ParityCase | undefined;
  let answer: ReturnType<typeof replier> | undefined;
  beforeAll(async () => {
    server = await startScriptedServer((request: SeenRequest): ScriptedReply => {
      if (request.path === "/embeddings")
        return embeddingReply((request.body.input ?? []).map((t) => current!.embeddings[t] ?? [0, 0]));
      const template = /\[prompt (\w+) v/.exec(request.body.messages?.[0]?.content ?? "")?.[1] ?? "";
      try {
        return chatReply(answer!(template, request.body.messages?.[1]?.content ?? ""));
      } catch (error) {
        return { status: 400, body: { error: String(error) } };
      }
    });
  });
  afterAll(() => server.close());

  // The runner uses each metric's defaults: cases with other options are covered in process above.
  const defaultCases = golden.cases.filter(
    (c) => Object.keys(c.options).length === 0 && c.metric !== "answer_correctness",
  );
  for (const c of defaultCases) {
    it(`${c.id} via evaluateRag`, async () => {
      current = c;
      answer = replier(c);
      const client = openAiClient({ baseUrl: server.url, model: "scripted", concurrency: 1 });
      const run = await evaluateRag([c.sample], {
        metrics: [c.metric],
        judge: client.judge,
        embed: client.embed,
      });
      check(c, run.metrics[0]!.scores[0]!.value);
    });
  }
});
