/**
 * Issue 14 §2 end to end: `plumbline eval rag` against a scripted OpenAI-compatible server on
 * loopback — the spread of repeated answers, estimated against reported tokens, a run killed
 * half-way and resumed without paying twice, a budget stop, CI gates and output formats.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { RAG_EXIT, register } from "../../src/cli/eval/rag.js";
import { runEvalCommand } from "../support/cli.js";
import {
  chatReply,
  embeddingReply,
  type ScriptedReply,
  type SeenRequest,
  startScriptedServer,
} from "./scripted-server.js";
import { tempDirs } from "./temp-dirs.js";

const tempDir = tempDirs("plumbline-judge-runs-");

const samples = Array.from({ length: 6 }, (_, i) => ({
  id: `s${i}`,
  question: `Where is landmark number ${i} of the old city?`,
  answer: `Landmark ${i} stands by the river. It was built in ${1800 + i * 10}.`,
  ground_truth: `Landmark ${i} stands by the river, near the bridge.`,
  contexts: [
    `Landmark ${i} is a tower by the river.`,
    `The bridge near landmark ${i} dates from ${1790 + i}.`,
  ],
}));
function dataFile(rows: object[] = samples): string {
  const path = join(tempDir(), "samples.jsonl");
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n"));
  return path;
}

const templateOf = (request: SeenRequest) =>
  /\[prompt (\w+) v/.exec(request.body.messages?.[0]?.content ?? "")?.[1] ?? "";
/** The server counts tokens as a real model would: o200k_base (GPT-4o's vocabulary), 3 per message and 3 for the reply. */
const serverTokens = (text: string) => countTokens(text);
const serverPromptTokens = (request: SeenRequest) =>
  3 +
  (request.body.messages ?? []).reduce((s, m) => s + 3 + serverTokens(m.role) + serverTokens(m.content), 0);

/** Replies in ragas' formats, sized like real ones; usage counted by the server from the request. */
function judgeReply(request: SeenRequest, verdict = 1): ScriptedReply {
  if (request.path === "/embeddings")
    return embeddingReply((request.body.input ?? []).map((_, i) => [1, i % 2]));
  const user = request.body.messages?.[1]?.content ?? "";
  const reason = "The context states this directly, so it can be inferred without outside knowledge.";
  const fenced = (label: string) =>
    new RegExp(`<<<${label} [0-9a-f]+>>>\\n([\\s\\S]*?)\\n<<<END ${label}`).exec(user)?.[1] ?? "";
  let content: string;
  switch (templateOf(request)) {
    case "statements":
      content = JSON.stringify({ statements: fenced("ANSWER").split(/(?<=\.)\s+/) });
      break;
    case "faithfulnessVerdicts":
      content = JSON.stringify({
        statements: (JSON.parse(fenced("STATEMENTS") || "[]") as string[]).map((statement) => ({
          statement,
          reason,
          verdict,
        })),
      });
      break;
    default:
      content = JSON.stringify({ reason, verdict });
  }
  return chatReply(content, serverPromptTokens(request), serverTokens(content));
}

const base = (server: { url: string }, data: string) => [
  "--data",
  data,
  "--judge-url",
  server.url,
  "--model",
  "m",
];

describe("plumbline eval rag against a loopback judge", () => {
  it("--samples k with a judge that varies: spread = pooled sd, unstable items listed (table and JSON)", async () => {
    const perItem = new Map<string, number>();
    const server = await startScriptedServer((request) => {
      const user = request.body.messages?.[1]?.content ?? "";
      const item = /landmark number (\d)/.exec(user)?.[1] ?? "";
      const n = perItem.get(item) ?? 0;
      perItem.set(item, n + 1);
      // item 1 answers 1, 0, 1, 0 over its four judgments; the others always 1
      return judgeReply(request, item === "1" ? (n + 1) % 2 : 1);
    });
    try {
      const args = [
        ...base(server, dataFile()),
        "--metrics",
        "ares_context_relevance",
        "--samples",
        "4",
        "--no-cache",
        "--concurrency",
        "1",
      ];
      const json = await runEvalCommand(register, "rag", [...args, "--format", "json"]);
      const report = JSON.parse(json.out).evaluation.metrics[0];
      // item variances: 0 x 5 and var(1,0,1,0) = 1/3 → pooled sd sqrt(1/3 / 6)
      expect(report.spread.sd).toBeCloseTo(Math.sqrt(1 / 3 / 6), 14);
      expect(report.spread.unstable).toEqual([{ index: 1, id: "s1", values: [1, 0, 1, 0] }]);
      expect(report.summary.mean).toBeCloseTo((5 + 0.5) / 6, 14);
      perItem.clear();
      const table = await runEvalCommand(register, "rag", args);
      expect(table.out).toContain(
        "unstable items (judgments across --samples):\n  ares_context_relevance sample s1: 1.000, 0.000, 1.000, 0.000",
      );
    } finally {
      await server.close();
    }
  });

  it("--dry-run estimates the calls exactly and the tokens within 25% of what the server reports (o200k)", async () => {
    const server = await startScriptedServer((request) => judgeReply(request));
    try {
      const data = dataFile();
      const metrics = ["faithfulness", "context_precision", "ares_answer_relevance"];
      const prices = ["--price-in", "2", "--price-out", "8"];
      const dry = await runEvalCommand(register, "rag", [
        ...base(server, data),
        "--metrics",
        metrics.join(","),
        ...prices,
        "--dry-run",
        "--no-cache",
        "--format",
        "json",
      ]);
      expect(server.requests).toHaveLength(0);
      const estimates = JSON.parse(dry.out).estimates as { metric: string; usage: Record<string, number> }[];
      const real = await runEvalCommand(register, "rag", [
        ...base(server, data),
        "--metrics",
        metrics.join(","),
        ...prices,
        "--no-cache",
        "--format",
        "json",
      ]);
      const reports = JSON.parse(real.out).evaluation.metrics as {
        metric: string;
        usage: Record<string, number>;
      }[];
      for (const metric of metrics) {
        const e = estimates.find((x) => x.metric === metric)!.usage;
        const r = reports.find((x) => x.metric === metric)!.usage;
        expect(e.calls, metric).toBe(r.calls);
        expect(e.prompt_tokens / r.prompt_tokens, metric).toBeGreaterThan(0.75);
        expect(e.prompt_tokens / r.prompt_tokens, metric).toBeLessThan(1.25);
        expect(e.completion_tokens / r.completion_tokens, metric).toBeGreaterThan(0.5);
        expect(e.completion_tokens / r.completion_tokens, metric).toBeLessThan(2);
      }
      const totalRequests = server.requests.length;
      expect(reports.reduce((s, r) => s + r.usage.calls, 0)).toBe(totalRequests);
    } finally {
      await server.close();
    }
  });

  it("a run killed half-way resumes from its results and cache without paying twice", async () => {
    const server = await startScriptedServer((request) => ({ ...judgeReply(request), delayMs: 40 }));
    const cacheDir = join(tempDir(), "cache");
    const results = join(tempDir(), "results.jsonl");
    const data = dataFile();
    const args = [
      ...base(server, data),
      "--metrics",
      "faithfulness,context_precision",
      "--cache-dir",
      cacheDir,
      "--results",
      results,
      "--concurrency",
      "1",
      "--format",
      "json",
    ];
    try {
      // First run: a child process killed after 10 paid requests.
      const child = spawn(
        process.execPath,
        [new URL("../../dist/cli/main.js", import.meta.url).pathname, "eval", "rag", ...args],
        {
          stdio: "ignore",
        },
      );
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (server.requests.length >= 10) {
            clearInterval(timer);
            child.kill("SIGKILL");
            resolve();
          }
        }, 5);
      });
      await new Promise((resolve) => child.on("exit", resolve));
      const firstRun = server.requests.length;
      const kept = readFileSync(results, "utf8").trim().split("\n").length;
      expect(kept).toBeGreaterThan(0);
      // Second run, in process: finishes the work.
      const run = await runEvalCommand(register, "rag", args);
      expect(run.code, run.err).toBe(0);
      const resumedReport = JSON.parse(run.out).evaluation.metrics as { resumed: number; summary: unknown }[];
      expect(resumedReport.reduce((s, r) => s + r.resumed, 0)).toBe(kept);
      // No stored judgment was paid twice: each distinct request reached the server once, except
      // what the kill interrupted: the request in flight and the reply being written to the cache
      // (with one request in flight, at most 2; docs/judges.md).
      const bodies = server.requests.map((r) => JSON.stringify(r.body));
      const duplicates = bodies.length - new Set(bodies).size;
      expect(duplicates).toBeLessThanOrEqual(2);
      // A clean run of the same evaluation gives the same numbers with as many requests as both runs together (less the duplicate).
      const clean = await startScriptedServer((request) => judgeReply(request));
      try {
        const fresh = await runEvalCommand(register, "rag", [
          ...args.slice(0, 3),
          clean.url,
          ...args.slice(4, 8),
          "--no-cache",
          "--format",
          "json",
        ]);
        expect(JSON.parse(fresh.out).evaluation.metrics.map((r: { summary: unknown }) => r.summary)).toEqual(
          resumedReport.map((r) => r.summary),
        );
        expect(clean.requests.length).toBe(server.requests.length - duplicates);
        expect(firstRun).toBeLessThan(clean.requests.length);
      } finally {
        await clean.close();
      }
      // A third run pays nothing.
      const before = server.requests.length;
      const third = await runEvalCommand(register, "rag", args);
      expect(third.code).toBe(0);
      expect(server.requests.length).toBe(before);
    } finally {
      await server.close();
    }
  });

  it("--max-cost stops cleanly (exit 4), keeps what was judged, and a bigger budget finishes without re-paying", async () => {
    const server = await startScriptedServer((request) => judgeReply(request));
    const results = join(tempDir(), "results.jsonl");
    const data = dataFile();
    const args = [
      ...base(server, data),
      "--metrics",
      "ares_context_relevance",
      "--price-in",
      "1000",
      "--price-out",
      "1000",
      "--results",
      results,
      "--no-cache",
      "--concurrency",
      "1",
      "--format",
      "json",
    ];
    try {
      const stopped = await runEvalCommand(register, "rag", [...args, "--max-cost", "1"]);
      expect(stopped.code).toBe(RAG_EXIT.incomplete);
      const out = JSON.parse(stopped.out);
      const report = out.evaluation.metrics[0];
      expect(out.evaluation.complete).toBe(false);
      expect(out.evaluation.budget.exhausted).toBe(true);
      expect(out.evaluation.budget.spent).toBeLessThanOrEqual(1);
      const judged = report.summary.n;
      expect(judged).toBeGreaterThan(0);
      expect(report.not_judged).toBe(6 - judged);
      expect(server.requests).toHaveLength(judged);
      const paid = server.requests.length;
      const finished = await runEvalCommand(register, "rag", [...args, "--max-cost", "100"]);
      expect(finished.code).toBe(0);
      expect(JSON.parse(finished.out).evaluation.metrics[0].summary.n).toBe(6);
      expect(server.requests.length - paid).toBe(6 - judged);
    } finally {
      await server.close();
    }
  });

  it("--fail-under sets exit 3 on the value or the interval's lower bound; a gate on an absent metric exits 2", async () => {
    const server = await startScriptedServer((request) =>
      judgeReply(request, (request.body.messages?.[1]?.content ?? "").includes("number 0 ") ? 0 : 1),
    );
    try {
      const args = [...base(server, dataFile()), "--metrics", "ares_context_relevance", "--no-cache"];
      // mean 5/6
      expect(
        (await runEvalCommand(register, "rag", [...args, "--fail-under", "ares_context_relevance=0.8"])).code,
      ).toBe(0);
      const gated = await runEvalCommand(register, "rag", [
        ...args,
        "--fail-under",
        "ares_context_relevance=0.9",
      ]);
      expect(gated.code).toBe(RAG_EXIT.gateFailed);
      expect(gated.out).toContain("gate failed: ares_context_relevance 0.8333 < 0.9");
      const lower = await runEvalCommand(register, "rag", [
        ...args,
        "--fail-under",
        "ares_context_relevance.lower=0.8",
      ]);
      expect(lower.code).toBe(RAG_EXIT.gateFailed);
      expect(lower.out).toContain("gate failed: ares_context_relevance interval lower bound");
      const absent = await runEvalCommand(register, "rag", [...args, "--fail-under", "faithfulness=0.5"]);
      expect(absent.code).toBe(2);
      expect(absent.err).toBe(
        'plumbline: eval rag: --fail-under names "faithfulness", which this run does not compute; computed: ares_context_relevance\n',
      );
    } finally {
      await server.close();
    }
  });

  it("prints CSV and refuses unknown metrics and formats with exit 2", async () => {
    const server = await startScriptedServer((request) => judgeReply(request));
    try {
      const args = [...base(server, dataFile()), "--no-cache"];
      const csv = await runEvalCommand(register, "rag", [
        ...args,
        "--metrics",
        "ares_context_relevance",
        "--format",
        "csv",
      ]);
      expect(csv.out.split("\n")[0]).toBe(
        "metric,variant,mean,lower,upper,interval,n,failed,not_judged,spread_sd,unstable,labelled,cohen_kappa,krippendorff_alpha,prompt_tokens,completion_tokens,cost",
      );
      expect(csv.out.split("\n")[1]).toMatch(
        /^ares_context_relevance,ARES context relevance,1,1,1,normal,6,0,0,,,,,,\d+,\d+,0$/,
      );
      const unknown = await runEvalCommand(register, "rag", [...args, "--metrics", "faithfulnes"]);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toMatch(
        /^plumbline: eval rag: unknown metric "faithfulnes" \(did you mean `faithfulness`\?\)/,
      );
      const offlineWithJudgeMetric = await runEvalCommand(register, "rag", [
        "--data",
        dataFile(),
        "--metrics",
        "faithfulness",
      ]);
      expect(offlineWithJudgeMetric.err).toBe(
        "plumbline: eval rag: these metrics need a judge (--judge-url and --model) or --dry-run: faithfulness\n",
      );
    } finally {
      await server.close();
    }
  });
});
