/**
 * Issue 9, class 3: the API key never reaches disk or output. A loopback server echoes the
 * Authorization header in every way in ECHO_MODES; the library run (reports, reasons, errors,
 * usage, cache files) and the CLI run (stdout, stderr, cache files) are then searched for the key
 * in every encoding and for long pieces of it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { register } from "../../src/cli/eval/rag.js";
import { judgmentCache } from "../../src/rag/cache.js";
import { openAiClient } from "../../src/rag/client.js";
import { evaluateRag } from "../../src/rag/evaluate.js";
import { fileStore } from "../../src/rag/node/file-store.js";
import { createRedactor, REDACTED } from "../../src/rag/redact.js";
import { runEvalCommand } from "../support/cli.js";
import { ECHO_MODES, echoReply, findSecret } from "./echo-server.js";
import { startScriptedServer } from "./scripted-server.js";
import { filesUnder } from "./temp-dirs.js";

const KEY = "sk-test-SECRET-0123456789abcdefXYZ";
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "plumbline-secrets-"));
  dirs.push(dir);
  return dir;
}

const samples = [
  {
    id: "a",
    question: "Where was Einstein born?",
    answer: "In Ulm.",
    groundTruth: "Ulm, Germany.",
    contexts: ["Einstein was born in Ulm.", "He was a physicist."],
  },
  {
    id: "b",
    question: "Capital of France?",
    answer: "Paris.",
    groundTruth: "Paris.",
    contexts: ["Paris is the capital."],
  },
];
const metrics = [
  "faithfulness",
  "context_precision",
  "context_recall",
  "answer_relevance",
  "ares_context_relevance",
];

describe("the API key never reaches output or disk, whatever the server echoes", () => {
  for (const mode of ECHO_MODES) {
    it(`library run, server mode ${mode}`, async () => {
      const server = await startScriptedServer((request) => echoReply(mode, request));
      const dir = tempDir();
      const warnings: string[] = [];
      try {
        const client = openAiClient({
          baseUrl: server.url,
          model: "m",
          env: { OPENAI_API_KEY: KEY },
          maxRetries: 2,
          backoffBaseMs: 1,
          backoffMaxMs: 2,
          random: () => 0.5,
        });
        const cache = judgmentCache(fileStore(dir), { onWarning: (w) => warnings.push(w) });
        let outcome: unknown;
        try {
          outcome = await evaluateRag(samples, { metrics, judge: client.judge, embed: client.embed, cache });
        } catch (error) {
          outcome = { error: String(error), message: (error as Error).message };
        }
        // The server did receive the key: the test would prove nothing otherwise.
        expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
        const recorded = JSON.stringify({ outcome, usage: client.usage(), stats: cache.stats(), warnings });
        expect(findSecret(recorded, KEY), recorded.slice(0, 400)).toBeUndefined();
        for (const [path, text] of filesUnder(dir)) expect(findSecret(text, KEY), path).toBeUndefined();
        if (mode === "content") {
          // The echo arrived as judgment text and was redacted, not dropped: the run still scored.
          expect(recorded).toContain(`Bearer ${REDACTED}`);
          expect(filesUnder(dir).length).toBeGreaterThan(0);
        }
        if (mode === "content-not-json" || mode === "wrong-shape" || mode === "non-json-200") {
          // Malformed replies are never cached.
          const judgments = filesUnder(dir).filter(([, text]) => text.includes('"statements"'));
          expect(judgments).toEqual([]);
        }
      } finally {
        await server.close();
      }
    });
  }

  for (const mode of ["content", "non-json-200", "401", "500-retries", "content-encoded"] as const) {
    for (const format of ["json", "table", "csv"]) {
      it(`CLI run (--format ${format}), server mode ${mode}`, async () => {
        const server = await startScriptedServer((request) => echoReply(mode, request));
        const dir = tempDir();
        const data = join(tempDir(), "samples.jsonl");
        const { writeFileSync } = await import("node:fs");
        writeFileSync(
          data,
          samples.map((s) => JSON.stringify({ ...s, ground_truth: s.groundTruth })).join("\n"),
        );
        process.env.PLUMBLINE_SECRETS_TEST_KEY = KEY;
        try {
          const run = await runEvalCommand(register, "rag", [
            "--data",
            data,
            "--judge-url",
            server.url,
            "--model",
            "m",
            "--api-key-env",
            "PLUMBLINE_SECRETS_TEST_KEY",
            "--metrics",
            "faithfulness,context_precision,answer_relevance",
            "--retries",
            "1",
            "--cache-dir",
            dir,
            "--format",
            format,
          ]);
          expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
          expect(run.out.length).toBeGreaterThan(0);
          expect(findSecret(run.out, KEY), run.out.slice(0, 300)).toBeUndefined();
          expect(findSecret(run.err, KEY), run.err).toBeUndefined();
          for (const [path, text] of filesUnder(dir)) expect(findSecret(text, KEY), path).toBeUndefined();
        } finally {
          delete process.env.PLUMBLINE_SECRETS_TEST_KEY;
          await server.close();
        }
      });
    }
  }
});

describe("the redactor", () => {
  it("removes the key as sent, encoded, escaped, in another case and in base64 at any alignment", () => {
    const redact = createRedactor([KEY]);
    const encodings = [
      KEY,
      `Bearer ${KEY}`,
      encodeURIComponent(`Bearer ${KEY}`),
      JSON.stringify(KEY),
      Array.from(KEY, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""),
      Buffer.from(KEY).toString("hex"),
      Buffer.from(KEY).toString("hex").toUpperCase(),
      KEY.toLowerCase(),
      ...["", "a", "ab", "abc"].map((prefix) => Buffer.from(`${prefix}${KEY}`).toString("base64")),
      ...["", "a", "ab"].map((prefix) => Buffer.from(`${prefix}Bearer ${KEY}!`).toString("base64url")),
    ];
    for (const text of encodings) {
      const out = redact(`before ${text} after`);
      expect(findSecret(out, KEY), `${text} -> ${out}`).toBeUndefined();
      expect(out.startsWith("before ")).toBe(true);
    }
    // Ordinary text is untouched, and no secret means no change.
    expect(redact("nothing to see")).toBe("nothing to see");
    expect(createRedactor([undefined, ""])("sk-anything")).toBe("sk-anything");
  });

  it("keeps a JSON body parseable", () => {
    const redact = createRedactor([KEY]);
    const body = JSON.stringify({ a: `Bearer ${KEY}`, b: [KEY, 1] });
    expect(JSON.parse(redact(body))).toEqual({ a: `Bearer ${REDACTED}`, b: [REDACTED, 1] });
  });
});
