import { readFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { describeValue, fail } from "../../core/errors.js";
import { judgmentCache } from "../../rag/cache.js";
import { openAiClient } from "../../rag/client.js";
import {
  evaluateRag,
  judgedRagMetrics,
  offlineRagMetrics,
  type RagMetricReport,
} from "../../rag/evaluate.js";
import { fileStore } from "../../rag/node/file-store.js";
import { defaultPrompts, type PromptOverrides, parsePromptOverrides } from "../../rag/prompts.js";
import { parseRagJsonl } from "../../rag/samples.js";
import { runAction } from "../errors.js";

/** Exit code of a run whose results are complete but whose judgment cache could not be written. */
export const CACHE_FAILED_EXIT = 5;

/** The lines `plumbline eval rag` prints for a report. */
export function formatRagReport(report: readonly RagMetricReport[], level: number): string[] {
  const lines = [
    `${"metric".padEnd(28)} ${"mean".padStart(7)}  ${`${Math.round(level * 100)}% CI`.padEnd(18)} ${"n".padStart(4)} ${"failed".padStart(6)}  ${"kappa".padStart(6)}  variant`,
  ];
  for (const r of report) {
    const s = r.summary;
    const ci = Number.isNaN(s.lower)
      ? "-"
      : `[${s.lower.toFixed(3)}, ${s.upper.toFixed(3)}]${r.interval === "ppi" ? " ppi" : ""}`;
    lines.push(
      `${r.metric.padEnd(28)} ${Number.isNaN(s.mean) ? "    NaN" : s.mean.toFixed(4).padStart(7)}  ${ci.padEnd(18)} ${String(s.n).padStart(4)} ${String(r.failures.length).padStart(6)}  ${r.agreement === undefined ? "     -" : r.agreement.toFixed(3).padStart(6)}  ${r.variant}`,
    );
  }
  const failures = report.flatMap((r) =>
    r.failures.map((f) => `  ${r.metric} sample ${f.id ?? f.index}: ${f.reason}`),
  );
  if (failures.length > 0) lines.push("failed judgements (NaN, left out of the means):", ...failures);
  return lines;
}

function positive(value: string | undefined, option: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0) || (integer && (!Number.isInteger(n) || n < 1)))
    fail(
      "invalid_option",
      `eval rag: option \`${option}\` must be a ${integer ? "positive integer" : "number >= 0"}, got ${describeValue(value)}`,
    );
  return n;
}

/** `plumbline eval rag --data samples.jsonl [--judge-url URL --model NAME]`. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("rag")
    .description("evaluate RAG samples (RAGAS/ARES with a judge; the non-LLM variants without one)")
    .option("--data <file>", "JSONL: question, answer, contexts, ground_truth, reference_contexts, human")
    .option(
      "--prompts <file>",
      "JSON object of prompt templates overriding the defaults (see --show-prompts)",
    )
    .option("--show-prompts", "print the prompt templates in use (JSON) and exit")
    .option(
      "--judge-url <url>",
      "OpenAI-compatible base URL (OpenAI, vLLM, llama.cpp server, Ollama), e.g. http://127.0.0.1:8000/v1",
    )
    .option("--model <name>", "judge model")
    .option("--embedding-model <name>", "embedding model (default: --model)")
    .option("--api-key-env <name>", "environment variable holding the API key", "OPENAI_API_KEY")
    .option("--metrics <list>", "comma-separated metric names")
    .option("--trials <n>", "repeated judge trials per sample (reports Fleiss' kappa)", "1")
    .option("--concurrency <n>", "HTTP requests in flight", "4")
    .option("--timeout <ms>", "per-attempt timeout", "60000")
    .option("--deadline <ms>", "total time per request, retries and Retry-After waits included", "300000")
    .option("--retries <n>", "retries on 429/5xx/timeouts", "4")
    .option("--cache-dir <dir>", "content-addressed judge cache", ".plumbline-cache")
    .option("--no-cache", "do not read or write the judge cache")
    .option("--price-in <usd>", "USD per million prompt tokens", "0")
    .option("--price-out <usd>", "USD per million completion tokens", "0")
    .option("--alpha <a>", "1 - confidence level", "0.05")
    .option("--json", "print JSON")
    .action(
      (opts: {
        data?: string;
        prompts?: string;
        showPrompts?: boolean;
        judgeUrl?: string;
        model?: string;
        embeddingModel?: string;
        apiKeyEnv: string;
        metrics?: string;
        trials: string;
        concurrency: string;
        timeout: string;
        deadline: string;
        retries: string;
        cacheDir: string;
        cache: boolean;
        priceIn: string;
        priceOut: string;
        alpha: string;
        json?: boolean;
      }) =>
        runAction(async () => {
          let overrides: PromptOverrides | undefined;
          if (opts.prompts !== undefined) {
            let raw: unknown;
            try {
              raw = JSON.parse(readFileSync(opts.prompts, "utf8"));
            } catch (error) {
              return fail(
                "io_error",
                `eval rag: cannot read \`--prompts\` ${opts.prompts} as JSON (${(error as Error).message})`,
              );
            }
            overrides = parsePromptOverrides(raw, "eval rag");
          }
          if (opts.showPrompts) {
            process.stdout.write(`${JSON.stringify({ ...defaultPrompts, ...(overrides ?? {}) }, null, 2)}\n`);
            return;
          }
          if (opts.data === undefined)
            return fail("invalid_option", "eval rag: option `--data <file>` is required");
          let text: string;
          try {
            text = readFileSync(opts.data, "utf8");
          } catch (error) {
            return fail(
              "io_error",
              `eval rag: cannot read \`--data\` ${opts.data} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
            );
          }
          const samples = parseRagJsonl(text, "eval rag");
          if (opts.judgeUrl !== undefined && opts.model === undefined)
            fail("invalid_option", "eval rag: option `--judge-url` needs `--model`");
          const client =
            opts.judgeUrl !== undefined
              ? openAiClient({
                  baseUrl: opts.judgeUrl,
                  model: opts.model!,
                  ...(opts.embeddingModel ? { embeddingModel: opts.embeddingModel } : {}),
                  apiKeyEnv: opts.apiKeyEnv,
                  concurrency: positive(opts.concurrency, "--concurrency", true)!,
                  timeoutMs: positive(opts.timeout, "--timeout", false)!,
                  deadlineMs: positive(opts.deadline, "--deadline", false)!,
                  maxRetries: Number(opts.retries),
                  pricing: {
                    inputPerMillion: positive(opts.priceIn, "--price-in", false)!,
                    outputPerMillion: positive(opts.priceOut, "--price-out", false)!,
                  },
                })
              : undefined;
          const cache =
            client && opts.cache
              ? judgmentCache(fileStore(opts.cacheDir), {
                  onWarning: (message) => process.stderr.write(`plumbline: warning: ${message}\n`),
                })
              : undefined;
          const metrics = opts.metrics
            ? opts.metrics.split(",").map((m) => m.trim())
            : client
              ? [...judgedRagMetrics, ...offlineRagMetrics]
              : offlineRagMetrics;
          const alpha = Number(opts.alpha);
          const bar = new SingleBar({
            stream: process.stderr,
            format: "judging [{bar}] {percentage}% | {value}/{total} sample-metrics | {eta}s left",
            hideCursor: true,
          });
          bar.start(samples.length * metrics.length, 0);
          let report: RagMetricReport[];
          try {
            report = await evaluateRag(samples, {
              metrics,
              ...(client ? { judge: client.judge, embed: client.embed } : {}),
              ...(cache ? { cache } : {}),
              trials: positive(opts.trials, "--trials", true)!,
              ...(overrides ? { prompts: overrides } : {}),
              alpha,
              onProgress: (done) => bar.update(done),
            });
          } finally {
            bar.stop();
          }
          const usage = client?.usage();
          // The judgments were kept, but the cache failed: the exit code says so (docs/judges.md).
          if ((cache?.stats().writeFailures ?? 0) > 0) process.exitCode = CACHE_FAILED_EXIT;
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify({ report, usage }, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2)}\n`,
            );
            return;
          }
          if (!client)
            process.stdout.write("no judge given: running the non-LLM variants (no network, no model)\n");
          for (const line of formatRagReport(report, 1 - alpha)) process.stdout.write(`${line}\n`);
          if (usage) {
            process.stdout.write(
              `judge: ${usage.calls} calls, ${usage.requests} HTTP requests, ${cache?.stats().hits ?? 0} cache hits, ${usage.retries} retries, ${usage.failures} failures, ` +
                `${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens, cost $${usage.cost.toFixed(4)}, max ${usage.maxInFlight} in flight\n`,
            );
          }
        }),
    );
}
