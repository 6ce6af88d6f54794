import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { type JudgmentCache, judgmentCache } from "../../rag/cache.js";
import { clientIdentities, openAiClient } from "../../rag/client.js";
import { estimateRagCost, type RagCostEstimate } from "../../rag/dry-run.js";
import type { RagEvaluation, RagMetricReport } from "../../rag/evaluate.js";
import { evaluateRag } from "../../rag/evaluate.js";
import { checkGates, type GateFailure, parseGates } from "../../rag/gates.js";
import { fileStore } from "../../rag/node/file-store.js";
import { appendResults, readResults } from "../../rag/node/results-file.js";
import { defaultPrompts, type PromptOverrides, parsePromptOverrides } from "../../rag/prompts.js";
import {
  defaultJudgedRagMetrics,
  offlineRagMetrics,
  ragMetricNames,
  ragMetrics,
} from "../../rag/registry.js";
import { parseRagJsonl } from "../../rag/samples.js";
import type { RagSample } from "../../rag/types.js";
import type { EvaluationResults, RagSampleRow } from "../../report/results.js";
import { runAction } from "../errors.js";
import {
  addFormatOption,
  type CommandOutput,
  parseFormat,
  parseMetricList,
  parseNumberFlag,
  readTextInput,
  startProgress,
  writeOutput,
} from "../grammar.js";
import { addReportOption, finishEvaluation } from "../report.js";
import { checkOutputPath } from "../state-files.js";

const COMMAND = "eval rag";

/**
 * Exit codes of `plumbline eval rag` beyond 0 (done), 1 (a bug) and 2 (a caller mistake), in
 * this order of precedence when several apply (docs/judges.md).
 */
export const RAG_EXIT = {
  /** The cost budget (`--max-cost`) left items unjudged: the results are partial. */
  incomplete: 4,
  /** A `--fail-under` gate was not met. */
  gateFailed: 3,
  /** Results are complete but the judgment cache could not be written. */
  cacheFailed: 5,
} as const;
/** Exit code of a run whose results are complete but whose judgment cache could not be written. */
export const CACHE_FAILED_EXIT = RAG_EXIT.cacheFailed;

const fixed = (v: number, digits: number) => (Number.isNaN(v) ? "NaN" : v.toFixed(digits));

/**
 * The report of a RAG evaluation: per sample its scores and the judge's reasons, each metric's
 * mean with its interval (normal or prediction-powered, at `confidence`), and the cost.
 */
export function ragReportResults(
  samples: readonly RagSample[],
  evaluation: RagEvaluation,
  confidence: number,
  billing: { readonly requests?: number | undefined; readonly priced: boolean },
): EvaluationResults {
  const rows: RagSampleRow[] = samples.map((sample, i) => {
    const scores: Record<string, number> = {};
    const reasons: Record<string, string> = {};
    for (const m of evaluation.metrics) {
      const score = m.scores[i];
      if (score === undefined) continue;
      scores[m.metric] = score.value;
      if (score.reason !== undefined) reasons[m.metric] = score.reason;
    }
    return {
      id: sample.id ?? String(i + 1),
      ...(sample.question !== undefined ? { question: sample.question } : {}),
      scores,
      ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
    };
  });
  return {
    task: "rag",
    metrics: [],
    samples: rows,
    intervals: Object.fromEntries(
      evaluation.metrics.map((m) => [
        m.metric,
        {
          estimate: m.summary.mean,
          low: m.summary.lower,
          high: m.summary.upper,
          confidence,
          resamples: 0,
        },
      ]),
    ),
    perSample: Object.fromEntries(evaluation.metrics.map((m) => [m.metric, m.scores.map((s) => s.value)])),
    cost: {
      requests: billing.requests ?? evaluation.usage.calls,
      inputTokens: evaluation.usage.promptTokens,
      outputTokens: evaluation.usage.completionTokens,
      ...(billing.priced ? { usd: evaluation.usage.cost } : {}),
    },
    notes: evaluation.metrics.map(
      (m) => `${m.metric}: ${m.variant} (${m.interval === "ppi" ? "prediction-powered" : "normal"} interval)`,
    ),
  };
}

/** The lines `plumbline eval rag` prints for an evaluation (the table format). */
export function formatRagReport(evaluation: RagEvaluation, level: number): string[] {
  const header = [
    "metric".padEnd(28),
    "mean".padStart(7),
    `${Math.round(level * 100)}% CI`.padEnd(19),
    "n".padStart(4),
    "failed".padStart(6),
    "unjudged".padStart(8),
    "spread".padStart(6),
    "unstable".padStart(8),
    "kappa".padStart(6),
    "alpha".padStart(6),
    "tokens".padStart(8),
    "cost".padStart(9),
    " variant",
  ];
  const lines = [header.join(" ")];
  for (const r of evaluation.metrics) {
    const s = r.summary;
    const ci = Number.isNaN(s.lower)
      ? "-"
      : `[${fixed(s.lower, 3)}, ${fixed(s.upper, 3)}]${r.interval === "ppi" ? " ppi" : ""}`;
    lines.push(
      [
        r.metric.padEnd(28),
        fixed(s.mean, 4).padStart(7),
        ci.padEnd(19),
        String(s.n).padStart(4),
        String(r.failures.length).padStart(6),
        String(r.notJudged).padStart(8),
        (r.spread ? fixed(r.spread.sd, 3) : "-").padStart(6),
        (r.spread ? String(r.spread.unstable.length) : "-").padStart(8),
        (r.agreement ? fixed(r.agreement.cohenKappa, 3) : "-").padStart(6),
        (r.agreement ? fixed(r.agreement.krippendorffAlpha, 3) : "-").padStart(6),
        String(r.usage.promptTokens + r.usage.completionTokens).padStart(8),
        `$${r.usage.cost.toFixed(4)}`.padStart(9),
        ` ${r.variant}`,
      ].join(" "),
    );
  }
  const item = (i: { index: number; id?: string }) => `sample ${i.id ?? i.index}`;
  const unstable = evaluation.metrics.flatMap((r) =>
    (r.spread?.unstable ?? []).map(
      (u) => `  ${r.metric} ${item(u)}: ${u.values.map((v) => fixed(v, 3)).join(", ")}`,
    ),
  );
  if (unstable.length > 0) lines.push("unstable items (judgments across --samples):", ...unstable);
  const failures = evaluation.metrics.flatMap((r) =>
    r.failures.map((f) => `  ${r.metric} ${item(f)}: ${f.reason}`),
  );
  if (failures.length > 0) lines.push("failed judgements (NaN, left out of the means):", ...failures);
  const undefinedScores = evaluation.metrics.flatMap((r) =>
    r.undefinedScores.map((f) => `  ${r.metric} ${item(f)}: ${f.reason}`),
  );
  if (undefinedScores.length > 0) lines.push("undefined by the metric's rule (NaN):", ...undefinedScores);
  const labelled = evaluation.metrics.filter((r) => r.agreement);
  if (labelled.length > 0)
    lines.push(
      `agreement with human labels: ${labelled.map((r) => `${r.metric} on ${r.agreement!.labelled}`).join(", ")} (kappa on values >= ${labelled[0]!.agreement!.threshold} as 1; alpha at interval level)`,
    );
  if (evaluation.budget)
    lines.push(
      `budget: $${evaluation.budget.spent.toFixed(4)} of $${evaluation.budget.maxCost} spent${evaluation.budget.exhausted ? "; reached, unjudged items are judged by the next run" : ""}`,
    );
  return lines;
}

/** The CSV rows of an evaluation: one per metric. */
function csvOf(evaluation: RagEvaluation) {
  return {
    header: [
      "metric",
      "variant",
      "mean",
      "lower",
      "upper",
      "interval",
      "n",
      "failed",
      "not_judged",
      "spread_sd",
      "unstable",
      "labelled",
      "cohen_kappa",
      "krippendorff_alpha",
      "prompt_tokens",
      "completion_tokens",
      "cost",
    ],
    rows: evaluation.metrics.map((r: RagMetricReport) => [
      r.metric,
      r.variant,
      r.summary.mean,
      r.summary.lower,
      r.summary.upper,
      r.interval,
      r.summary.n,
      r.failures.length,
      r.notJudged,
      r.spread?.sd ?? "",
      r.spread?.unstable.length ?? "",
      r.agreement?.labelled ?? "",
      r.agreement?.cohenKappa ?? "",
      r.agreement?.krippendorffAlpha ?? "",
      r.usage.promptTokens,
      r.usage.completionTokens,
      r.usage.cost,
    ]),
  };
}

/** The lines of a `--dry-run` estimate. */
function formatEstimate(estimates: readonly RagCostEstimate[]): string {
  const lines = [
    `${"metric".padEnd(28)} ${"calls".padStart(6)} ${"prompt".padStart(9)} ${"completion".padStart(10)} ${"cost".padStart(10)} ${"resumed".padStart(7)}`,
  ];
  let calls = 0;
  let prompt = 0;
  let completion = 0;
  let cost = 0;
  for (const e of estimates) {
    lines.push(
      `${e.metric.padEnd(28)} ${String(e.usage.calls).padStart(6)} ${String(Math.round(e.usage.promptTokens)).padStart(9)} ${String(Math.round(e.usage.completionTokens)).padStart(10)} ${`$${e.usage.cost.toFixed(4)}`.padStart(10)} ${String(e.resumed).padStart(7)}`,
    );
    calls += e.usage.calls;
    prompt += e.usage.promptTokens;
    completion += e.usage.completionTokens;
    cost += e.usage.cost;
  }
  lines.push(
    `${"total".padEnd(28)} ${String(calls).padStart(6)} ${String(Math.round(prompt)).padStart(9)} ${String(Math.round(completion)).padStart(10)} ${`$${cost.toFixed(4)}`.padStart(10)}`,
    "estimate only: no model was called (tokens estimated from the prompts and plausible replies; cached judgments and resumed results cost nothing)",
  );
  return lines.join("\n");
}

interface RagOptions {
  report?: string;
  data?: string;
  prompts?: string;
  showPrompts?: boolean;
  judgeUrl?: string;
  model?: string;
  embeddingModel?: string;
  apiKeyEnv: string;
  metrics?: string;
  samples: string;
  unstable: string;
  agreementThreshold: string;
  concurrency: string;
  timeout: string;
  deadline: string;
  retries: string;
  cacheDir: string;
  cache: boolean;
  priceIn: string;
  priceOut: string;
  priceEmbed?: string;
  maxCost?: string;
  dryRun?: boolean;
  results?: string;
  failUnder?: string[];
  alpha: string;
  format: string;
}

/**
 * `plumbline eval rag --data samples.jsonl [--judge-url URL --model NAME]`: RAGAS and ARES with
 * an OpenAI-compatible judge (the non-LLM variants without one), with repeated judgments,
 * agreement with human labels, cost estimates, a budget, resumable results and CI gates
 * (docs/judges.md).
 */
export function register(evalCommand: Command): void {
  const command = evalCommand
    .command("rag")
    .description("evaluate RAG samples (RAGAS/ARES with a judge; the non-LLM variants without one)")
    .option(
      "--data <file>",
      "JSONL: question, answer, contexts, ground_truth, reference_contexts, human (- reads stdin)",
    )
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
    .option("--metrics <list>", `comma-separated: ${ragMetricNames.join(", ")}`)
    .option("--samples <k>", "judgments per item: mean, run-to-run spread, unstable items", "1")
    .option("--unstable <spread>", "list items whose judgments span more than this", "0.25")
    .option("--agreement-threshold <t>", "judge and human values >= t count as 1 for Cohen's kappa", "0.5")
    .option("--concurrency <n>", "HTTP requests in flight", "4")
    .option("--timeout <ms>", "per-attempt timeout", "60000")
    .option("--deadline <ms>", "total time per request, retries and Retry-After waits included", "300000")
    .option("--retries <n>", "retries on 429/5xx/timeouts", "4")
    .option("--cache-dir <dir>", "judgment cache (parsed judgments keyed by request)", ".plumbline-cache")
    .option("--no-cache", "do not read or write the judgment cache")
    .option("--price-in <usd>", "USD per million prompt tokens", "0")
    .option("--price-out <usd>", "USD per million completion tokens", "0")
    .option("--price-embed <usd>", "USD per million embedding tokens (default: --price-in)")
    .option("--max-cost <usd>", "stop sending paid calls past this cost; judged items are kept (exit 4)")
    .option("--dry-run", "estimate calls, tokens and cost per metric without calling a model")
    .option("--results <file>", "stream each result to this JSONL file; a re-run resumes from it")
    .option(
      "--fail-under <gates>",
      "metric=value or metric.lower=value (interval's lower bound); exit 3 when not met",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--alpha <a>", "1 - confidence level", "0.05");
  addReportOption(command);
  addFormatOption(command).action((opts: RagOptions) =>
    runAction(async () => {
      const format = parseFormat(COMMAND, opts.format);
      let overrides: PromptOverrides | undefined;
      if (opts.prompts !== undefined) {
        let raw: unknown;
        const text = await readTextInput(COMMAND, opts.prompts);
        try {
          raw = JSON.parse(text);
        } catch (error) {
          return fail(
            "invalid_value",
            `${COMMAND}: --prompts ${opts.prompts} is not JSON (${(error as Error).message})`,
          );
        }
        overrides = parsePromptOverrides(raw, COMMAND);
      }
      if (opts.showPrompts) {
        process.stdout.write(`${JSON.stringify({ ...defaultPrompts, ...(overrides ?? {}) }, null, 2)}\n`);
        return;
      }
      const judged = opts.judgeUrl !== undefined || opts.dryRun === true;
      const metrics = parseMetricList(
        COMMAND,
        opts.metrics,
        ragMetricNames,
        judged ? [...defaultJudgedRagMetrics, ...offlineRagMetrics] : offlineRagMetrics,
      );
      const needsJudge = metrics.some((m) => ragMetrics[m]!.needs !== "none");
      if (needsJudge && !judged)
        fail(
          "invalid_option",
          `${COMMAND}: these metrics need a judge (--judge-url and --model) or --dry-run: ${metrics.filter((m) => ragMetrics[m]!.needs !== "none").join(", ")}`,
        );
      if ((judged || opts.judgeUrl !== undefined) && opts.model === undefined && needsJudge)
        fail(
          "invalid_option",
          `${COMMAND}: --judge-url and --dry-run need --model (it names the judge in cache keys)`,
        );
      const k = parseNumberFlag(COMMAND, "--samples", opts.samples, { min: 1, max: 100, integer: true });
      const unstableSpread = parseNumberFlag(COMMAND, "--unstable", opts.unstable, { min: 0 });
      const agreementThreshold = parseNumberFlag(COMMAND, "--agreement-threshold", opts.agreementThreshold);
      const alpha = parseNumberFlag(COMMAND, "--alpha", opts.alpha, {
        min: 0,
        max: 1,
        minExclusive: true,
        maxExclusive: true,
      });
      const pricing = {
        inputPerMillion: parseNumberFlag(COMMAND, "--price-in", opts.priceIn, { min: 0 }),
        outputPerMillion: parseNumberFlag(COMMAND, "--price-out", opts.priceOut, { min: 0 }),
        ...(opts.priceEmbed !== undefined
          ? { embeddingPerMillion: parseNumberFlag(COMMAND, "--price-embed", opts.priceEmbed, { min: 0 }) }
          : {}),
      };
      // The client's flags are read whether or not a judge is given: a bad value never passes silently.
      const clientLimits = {
        concurrency: parseNumberFlag(COMMAND, "--concurrency", opts.concurrency, {
          min: 1,
          max: 1024,
          integer: true,
        }),
        timeoutMs: parseNumberFlag(COMMAND, "--timeout", opts.timeout, { min: 0, minExclusive: true }),
        deadlineMs: parseNumberFlag(COMMAND, "--deadline", opts.deadline, { min: 0, minExclusive: true }),
        maxRetries: parseNumberFlag(COMMAND, "--retries", opts.retries, { min: 0, max: 100, integer: true }),
      };
      const maxCost =
        opts.maxCost === undefined
          ? undefined
          : parseNumberFlag(COMMAND, "--max-cost", opts.maxCost, { min: 0 });
      const gates =
        opts.failUnder === undefined ? [] : parseGates(opts.failUnder.join(","), metrics, COMMAND);
      if (opts.data === undefined)
        return fail("invalid_option", `${COMMAND}: option \`--data <file>\` is required`);
      await checkOutputPath(COMMAND, "--report", opts.report);
      const samples = parseRagJsonl(await readTextInput(COMMAND, opts.data), COMMAND);
      const previous = opts.results !== undefined ? readResults(opts.results, COMMAND) : undefined;
      const identities =
        opts.model !== undefined ? clientIdentities(opts.model, opts.embeddingModel) : undefined;
      const cache: JudgmentCache | undefined =
        opts.cache && needsJudge
          ? judgmentCache(fileStore(opts.cacheDir), {
              onWarning: (message) => process.stderr.write(`plumbline: warning: ${message}\n`),
            })
          : undefined;

      if (opts.dryRun) {
        const estimates = await estimateRagCost(samples, {
          metrics,
          samplesPerItem: k,
          pricing,
          ...(overrides ? { prompts: overrides } : {}),
          ...(cache ? { cache } : {}),
          ...(identities ? { judgeIdentity: identities.judge, embedderIdentity: identities.embedder } : {}),
          ...(previous ? { previous } : {}),
        });
        writeOutput(format, {
          table: () => formatEstimate(estimates),
          csv: () => ({
            header: ["metric", "calls", "prompt_tokens", "completion_tokens", "cost", "resumed"],
            rows: estimates.map((e) => [
              e.metric,
              e.usage.calls,
              e.usage.promptTokens,
              e.usage.completionTokens,
              e.usage.cost,
              e.resumed,
            ]),
          }),
          json: () => ({ dryRun: true, estimates }),
        });
        return;
      }

      const client =
        opts.judgeUrl !== undefined
          ? openAiClient({
              baseUrl: opts.judgeUrl,
              model: opts.model!,
              ...(opts.embeddingModel ? { embeddingModel: opts.embeddingModel } : {}),
              apiKeyEnv: opts.apiKeyEnv,
              ...clientLimits,
              pricing: {
                inputPerMillion: pricing.inputPerMillion,
                outputPerMillion: pricing.outputPerMillion,
              },
            })
          : undefined;
      const progress = startProgress("judging", undefined);
      const evaluation = await evaluateRag(samples, {
        metrics,
        ...(client ? { judge: client.judge, embed: client.embed } : {}),
        ...(cache ? { cache } : {}),
        ...(overrides ? { prompts: overrides } : {}),
        samplesPerItem: k,
        unstableSpread,
        agreementThreshold,
        alpha,
        pricing,
        ...(maxCost !== undefined ? { maxCost } : {}),
        ...(previous ? { previous } : {}),
        ...(opts.results !== undefined ? { onResult: appendResults(opts.results, COMMAND) } : {}),
        onProgress: (done) => progress.update(done),
      });
      progress.stop();
      const gateFailures: GateFailure[] = checkGates(evaluation, gates);
      const cacheStats = cache?.stats();
      const exitCode = !evaluation.complete
        ? RAG_EXIT.incomplete
        : gateFailures.length > 0
          ? RAG_EXIT.gateFailed
          : (cacheStats?.writeFailures ?? 0) > 0
            ? RAG_EXIT.cacheFailed
            : 0;
      const clientUsage = client?.usage();
      const output: CommandOutput = {
        table: () =>
          [
            ...(client ? [] : ["no judge given: running the non-LLM variants (no network, no model)"]),
            ...formatRagReport(evaluation, 1 - alpha),
            ...(clientUsage
              ? [
                  `judge: ${clientUsage.requests} HTTP requests (${clientUsage.retries} retries, ${clientUsage.failures} failures), ${cacheStats?.hits ?? 0} cache hits, ` +
                    `${evaluation.usage.promptTokens} prompt + ${evaluation.usage.completionTokens} completion tokens, cost $${evaluation.usage.cost.toFixed(4)}`,
                ]
              : []),
            ...gateFailures.map(
              (g) =>
                `gate failed: ${g.metric}${g.bound === "lower" ? " interval lower bound" : ""} ${fixed(g.observed, 4)} < ${g.threshold}`,
            ),
          ].join("\n"),
        csv: () => csvOf(evaluation),
        json: () => ({
          evaluation,
          ...(clientUsage ? { client: clientUsage } : {}),
          ...(cacheStats ? { cache: cacheStats } : {}),
          gates: { checked: gates, failed: gateFailures },
          exitCode,
        }),
      };
      // RAG scores come from a judge, not from metric definitions: no signatures (each metric's
      // variant names its definition and reference version).
      await finishEvaluation(format, opts, {
        output,
        metrics: [],
        results: () =>
          ragReportResults(samples, evaluation, 1 - alpha, {
            requests: clientUsage?.requests,
            priced: pricing.inputPerMillion > 0 || pricing.outputPerMillion > 0,
          }),
      });
      process.exitCode = exitCode;
    }),
  );
}
