import { describe, expect, it } from "vitest";
import { evaluateRag } from "./evaluate.js";
import type { Judge } from "./types.js";

describe("evaluateRag", () => {
  const samples = [
    {
      id: "a",
      question: "q",
      answer: "Paris",
      groundTruth: "Paris",
      contexts: ["Paris is the capital"],
      referenceContexts: ["Paris is the capital"],
      human: { contextRelevance: 1 },
    },
    {
      id: "b",
      question: "q",
      answer: "Lyon",
      groundTruth: "Paris",
      contexts: ["Lyon is a city"],
      referenceContexts: ["Paris is the capital"],
      human: { contextRelevance: 0 },
    },
    {
      id: "c",
      question: "q",
      answer: "Paris",
      groundTruth: "Paris",
      contexts: ["Paris!"],
      referenceContexts: ["Paris is the capital"],
    },
    {
      id: "d",
      question: "q",
      answer: "Nice",
      groundTruth: "Paris",
      contexts: ["Nice is sunny"],
      referenceContexts: ["Paris is the capital"],
    },
  ];

  it("runs the non-LLM variants offline", async () => {
    const report = await evaluateRag(samples);
    expect(report.map((r) => r.metric)).toEqual([
      "nonllm_context_precision",
      "nonllm_context_recall",
      "token_f1_answer_correctness",
    ]);
    // token F1: 1, 0, 1, 0 → mean 0.5
    expect(report[2]!.summary.mean).toBe(0.5);
  });

  it("reports trials' mean, Fleiss' kappa, PPI intervals and failures", async () => {
    const judge: Judge = async (messages, call) => {
      const user = messages[1]!.content;
      if (user.includes("Nice")) return "not json";
      // Sample b flips its verdict between trials; others agree.
      const verdict = user.includes("Lyon") ? (call?.trial ?? 0) % 2 : user.includes("Paris") ? 1 : 0;
      return JSON.stringify({ reason: "", verdict });
    };
    let last = 0;
    const report = await evaluateRag(samples, {
      metrics: ["ares_context_relevance"],
      judge,
      trials: 2,
      onProgress: (d) => (last = d),
    });
    const r = report[0]!;
    expect(last).toBe(4);
    expect(r.scores.map((s) => s.value)).toEqual([1, 0.5, 1, Number.NaN]);
    expect(r.failures).toEqual([
      {
        index: 3,
        id: "d",
        reason: "malformed judge reply after one repair attempt: the reply is not a JSON object",
      },
    ]);
    // items (trials): [1,1], [0,1], [1,1] → P = (1 + 0 + 1)/3 = 2/3; p1 = 5/6, p0 = 1/6 → Pe = 26/36; kappa = (2/3 - 26/36)/(10/36) = -0.2
    expect(r.agreement).toBeCloseTo(-0.2, 12);
    // PPI: unlabelled (c) f = [1]; labelled f = [1, 0.5], Y = [1, 0] → rectifier mean 0.25 → theta 0.75
    expect(r.interval).toBe("ppi");
    expect(r.summary.mean).toBeCloseTo(0.75, 15);
  });

  it("rejects a judged metric without a judge and unknown names", async () => {
    await expect(evaluateRag(samples, { metrics: ["faithfulness"] })).rejects.toThrow(
      "evaluateRag: metric faithfulness needs a judge (option `judge`)",
    );
    await expect(evaluateRag(samples, { metrics: ["bleu"] })).rejects.toMatchObject({
      code: "invalid_option",
    });
  });
});

describe("evaluateRag end to end through the OpenAI-compatible client", () => {
  it("scores every judged metric, with PPI intervals and token accounting, then re-runs from the cache for free", async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { startScriptedServer } = await import("../../test/rag/scripted-server.js");
    const { cannedScript } = await import("../../test/rag/canned-replies.js");
    const { openAiClient } = await import("./client.js");
    const { judgmentCache } = await import("./cache.js");
    const { fileStore } = await import("./node/file-store.js");
    const { parseRagJsonl } = await import("./samples.js");
    const { judgedRagMetrics } = await import("./evaluate.js");
    const server = await startScriptedServer(cannedScript);
    const dir = mkdtempSync(join(tmpdir(), "plumbline-rag-"));
    try {
      const data = parseRagJsonl(
        readFileSync(new URL("../../data/samples/rag/samples.jsonl", import.meta.url), "utf8"),
      );
      const client = openAiClient({ baseUrl: server.url, model: "m", concurrency: 3 });
      const report = await evaluateRag(data, {
        metrics: judgedRagMetrics,
        judge: client.judge,
        embed: client.embed,
        cache: judgmentCache(fileStore(dir)),
      });
      const byName = Object.fromEntries(report.map((r) => [r.metric, r]));
      expect(report.every((r) => r.failures.length === 0)).toBe(true);
      // canned: 1 of 2 statements supported → 0.5; F1 = 1/(1 + 0.5) = 2/3, cosine 1 → 0.75*2/3 + 0.25 = 0.75
      expect(byName.faithfulness!.summary.mean).toBe(0.5);
      expect(byName.answer_correctness!.summary.mean).toBeCloseTo(0.75, 12);
      expect(byName.answer_relevance!.summary.mean).toBeCloseTo(1, 12);
      // ARES answer relevance: judge says 0 everywhere; humans labelled [1, 1, 0, 1] on 4 samples → rectifier mean -3/4 → 0.75
      expect(byName.ares_answer_relevance!.interval).toBe("ppi");
      expect(byName.ares_answer_relevance!.summary.mean).toBeCloseTo(0.75, 12);
      expect(server.maxConcurrent()).toBeLessThanOrEqual(3);
      const first = client.usage();
      expect(first.promptTokens).toBeGreaterThan(0);
      const requests = server.requests.length;
      const again = openAiClient({ baseUrl: server.url, model: "m", concurrency: 3 });
      const cache = judgmentCache(fileStore(dir));
      await evaluateRag(data, { metrics: judgedRagMetrics, judge: again.judge, embed: again.embed, cache });
      expect(server.requests.length).toBe(requests);
      expect(again.usage().calls).toBe(0);
      expect(cache.stats().misses).toBe(0);
      expect(cache.stats().hits).toBeGreaterThan(0);
      expect(again.usage().promptTokens).toBe(0);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
