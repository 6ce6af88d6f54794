/**
 * Issue 9, class 6: judge client faults. A server asking to wait an hour cannot hold a request
 * past its deadline; an unwritable cache keeps the paid judgments, warns once and sets the exit
 * code; a damaged cache entry is a miss.
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_FAILED_EXIT, register } from "../../src/cli/eval/rag.js";
import { CACHE_FORMAT, judgmentCache, memoryStore } from "../../src/rag/cache.js";
import { openAiClient } from "../../src/rag/client.js";
import { evaluateRag } from "../../src/rag/evaluate.js";
import { fileStore } from "../../src/rag/node/file-store.js";
import { object, string } from "../../src/rag/schema.js";
import { runEvalCommand } from "../support/cli.js";
import { cannedScript } from "./canned-replies.js";
import { chatReply, startScriptedServer } from "./scripted-server.js";
import { tempDirs } from "./temp-dirs.js";

const tempDir = tempDirs("plumbline-faults-");

const messages = [{ role: "user" as const, content: "hi" }];

describe("the per-request deadline bounds every wait", () => {
  it("Retry-After: 3600 ends the request at once with judge_error instead of sleeping an hour", async () => {
    const server = await startScriptedServer(() => ({
      status: 429,
      headers: { "retry-after": "3600" },
      body: {},
    }));
    try {
      const client = openAiClient({ baseUrl: server.url, model: "m", deadlineMs: 5000, maxRetries: 10 });
      const started = Date.now();
      await expect(client.judge(messages)).rejects.toMatchObject({
        code: "judge_error",
        message:
          "openAiClient: /chat/completions was asked to retry after 3600000 ms (Retry-After), past the request deadline of 5000 ms; last: HTTP 429: {}",
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("an HTTP-date Retry-After an hour ahead is bounded the same way", async () => {
    const later = new Date(Date.now() + 3_600_000).toUTCString();
    const server = await startScriptedServer(() => ({
      status: 503,
      headers: { "retry-after": later },
      body: {},
    }));
    try {
      const client = openAiClient({ baseUrl: server.url, model: "m", deadlineMs: 3000 });
      const started = Date.now();
      await expect(client.judge(messages)).rejects.toThrow(/past the request deadline of 3000 ms/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await server.close();
    }
  });

  it("slow replies and many retries stop at the deadline, not after timeout x retries", async () => {
    const server = await startScriptedServer(() => ({ ...chatReply("late"), delayMs: 2000 }));
    try {
      const client = openAiClient({
        baseUrl: server.url,
        model: "m",
        timeoutMs: 400,
        maxRetries: 50,
        deadlineMs: 1200,
        backoffBaseMs: 1,
        backoffMaxMs: 1,
      });
      const started = Date.now();
      await expect(client.judge(messages)).rejects.toThrow(/deadline of 1200 ms/);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1100);
      expect(elapsed).toBeLessThan(2500);
    } finally {
      await server.close();
    }
  });

  it("rejects a deadline that is not a positive number", () => {
    expect(() => openAiClient({ baseUrl: "http://x", model: "m", deadlineMs: 0 })).toThrow(
      "openAiClient: option `deadlineMs` must be a finite number in (0, inf), got 0",
    );
  });
});

const jsonl = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `s${i}`,
      question: `question ${i}?`,
      answer: `answer ${i}.`,
      ground_truth: `truth ${i}.`,
      contexts: [`context ${i}.`, `more ${i}.`],
    }),
  ).join("\n");

describe("an unwritable cache keeps the paid judgments", () => {
  it("warns once, reports every score, and exits with the cache-failure code", async () => {
    const server = await startScriptedServer(cannedScript);
    const dir = tempDir();
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "not a directory");
    const data = join(dir, "samples.jsonl");
    writeFileSync(data, jsonl(10));
    try {
      const run = await runEvalCommand(register, "rag", [
        "--data",
        data,
        "--judge-url",
        server.url,
        "--model",
        "m",
        "--metrics",
        "context_precision",
        "--cache-dir",
        join(blocker, "cache"),
        "--format",
        "json",
      ]);
      // 10 samples x 2 chunks = 20 paid judgments, all kept.
      expect(server.requests).toHaveLength(20);
      const report = JSON.parse(run.out).evaluation.metrics[0];
      expect(report.failures).toEqual([]);
      // every chunk useful: ragas' average precision (1/1 + 2/2) / (2 + 1e-10)
      expect(report.summary.mean).toBeCloseTo(2 / (2 + 1e-10), 14);
      const warnings = run.err.split("\n").filter((l) => l.includes("warning"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^plumbline: warning: cannot write the judgment cache in directory .*a-file\/cache \(ENOTDIR\); judgments are kept for this run but will be paid again next time$/,
      );
      expect(run.code).toBe(CACHE_FAILED_EXIT);
    } finally {
      await server.close();
    }
  });

  it("the library counts the failures and returns the judgments", async () => {
    const failing = {
      get: async () => undefined,
      set: async () => {
        throw Object.assign(new Error("read-only file system"), { code: "EROFS" });
      },
      description: "a read-only store",
    };
    const warnings: string[] = [];
    const cache = judgmentCache(failing, { onWarning: (w) => warnings.push(w) });
    const judge = Object.assign(async () => '{"reason": "", "verdict": 1}', { identity: "j" });
    const report = await evaluateRag(
      [
        { question: "q", answer: "a", contexts: ["c"] },
        { question: "q2", answer: "a", contexts: ["c"] },
      ],
      { metrics: ["ares_context_relevance"], judge, cache },
    );
    expect(report.metrics[0]!.scores.map((s) => s.value)).toEqual([1, 1]);
    expect(cache.stats()).toMatchObject({ writeFailures: 2, writes: 0 });
    expect(warnings).toEqual([
      "cannot write the judgment cache in a read-only store (EROFS); judgments are kept for this run but will be paid again next time",
    ]);
  });
});

describe("a damaged cache entry is a miss", () => {
  const schema = object({ statements: object({}) });

  it("entries that fail their schema or the format are misses, counted, and then overwritten", async () => {
    const store = memoryStore();
    const cache = judgmentCache(store);
    for (const bad of [
      { value: null },
      null,
      "text",
      { format: CACHE_FORMAT, value: null },
      { format: CACHE_FORMAT, value: { statements: "no" } },
      { format: "other/1", value: { statements: {} } },
    ]) {
      await store.set("k", bad);
      expect(await cache.read("k", schema)).toBeUndefined();
    }
    expect(cache.stats()).toMatchObject({ badEntries: 6, misses: 6, hits: 0 });
    await cache.write("k", { statements: {} });
    expect(await cache.read("k", schema)).toEqual({ statements: {} });
    expect(await cache.read("k", object({ x: string }))).toBeUndefined();
  });

  it("a run over a cache whose every file is damaged re-asks and scores as before (answer relevance included)", async () => {
    const server = await startScriptedServer(cannedScript);
    const dir = tempDir();
    const samples = [
      { question: "q1", answer: "a1", groundTruth: "g1", contexts: ["c1"] },
      { question: "q2", answer: "a2", groundTruth: "g2", contexts: ["c2", "c3"] },
    ];
    const metrics = ["answer_relevance", "faithfulness", "context_precision"];
    try {
      const client = openAiClient({ baseUrl: server.url, model: "m" });
      const run = () =>
        evaluateRag(samples, {
          metrics,
          judge: client.judge,
          embed: client.embed,
          cache: judgmentCache(fileStore(dir)),
        });
      const first = await run();
      const paid = server.requests.length;
      const files = readdirSync(dir, { recursive: true })
        .map((f) => join(dir, String(f)))
        .filter((p) => statSync(p).isFile());
      expect(files.length).toBeGreaterThan(0);
      const junk = ['{"value":null}', "{", "", '{"format":"plumbline-judgment/1","value":{"question":null}}'];
      files.forEach((f, i) => {
        writeFileSync(f, junk[i % junk.length]!);
      });
      const cache = judgmentCache(fileStore(dir));
      const second = await evaluateRag(samples, { metrics, judge: client.judge, embed: client.embed, cache });
      expect(second.metrics.map((r) => r.summary.mean)).toEqual(first.metrics.map((r) => r.summary.mean));
      expect(server.requests.length).toBe(2 * paid);
      expect(cache.stats().badEntries).toBe(files.length);
      // The damaged entries were overwritten: a third run pays nothing.
      const third = judgmentCache(fileStore(dir));
      await evaluateRag(samples, { metrics, judge: client.judge, embed: client.embed, cache: third });
      expect(server.requests.length).toBe(2 * paid);
      expect(third.stats().misses).toBe(0);
    } finally {
      await server.close();
    }
  });
});
