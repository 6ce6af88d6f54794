import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { optOneOf } from "../../core/options.js";
import {
  evaluateRunGroupedMetrics,
  evaluateTrec,
  parseTrecQrels,
  parseTrecRun,
  TREC_METRIC_BASES,
  type TrecEvaluation,
} from "../../metrics/retrieval/trec.js";
import type { EvaluationResults } from "../../report/results.js";
import { bootstrapInterval, type Interval } from "../../stats/bootstrap.js";
import { runAction } from "../errors.js";
import {
  addFormatOption,
  type CommandOutput,
  parseFormat,
  parseMetricList,
  readTextInput,
  startProgress,
} from "../grammar.js";
import { addReportOption, finishEvaluation } from "../report.js";
import { checkOutputPath } from "../state-files.js";

const COMMAND = "eval retrieval";
const DEFAULT_METRICS = ["map", "mrr", "ndcg@10", "p@10", "recall@100", "rprec"];

/** The metric names of `--metrics`: each base name checked against the vocabulary (with a suggestion), cut-offs kept. */
export function parseTrecMetricList(value: string | undefined): string[] {
  if (value === undefined) return [...DEFAULT_METRICS];
  const names = value
    .split(",")
    .map((m) => m.trim())
    .filter((m) => m !== "");
  parseMetricList(
    COMMAND,
    names.map((n) => n.replace(/@.*$/, "").toLowerCase()),
    TREC_METRIC_BASES,
    [],
  );
  return [...new Set(names)];
}

/**
 * The report of a trec_eval-convention evaluation: each metric's per-query values, and its mean
 * with a 95% percentile bootstrap interval over queries (1000 resamples, seed 0).
 */
export function trecReportResults(result: TrecEvaluation): EvaluationResults {
  const perSample: Record<string, Float64Array> = {};
  const intervals: Record<string, Interval> = {};
  for (const name of Object.keys(result.means)) {
    const values = Float64Array.from(result.queries, (q) => result.perQuery[q]![name]!);
    perSample[name] = values;
    intervals[name] = bootstrapInterval(
      values.length,
      (indices) => {
        let sum = 0;
        for (const i of indices) sum += values[i]!;
        return sum / indices.length;
      },
      { resamples: 1000, confidence: 0.95, seed: 0 },
    );
  }
  return {
    task: "retrieval",
    metrics: [],
    perSample,
    intervals,
    notes: [
      `trec_eval conventions over ${result.queries.length} queries; intervals are percentile bootstrap intervals of the mean over queries.`,
    ],
  };
}

/** Formats a TREC evaluation as the table `plumbline eval retrieval` prints. */
export function formatTrecTable(result: TrecEvaluation, perQuery: boolean): string[] {
  const names = Object.keys(result.means);
  const lines: string[] = [];
  if (perQuery) {
    lines.push(["query".padEnd(12), ...names.map((n) => n.padStart(11))].join(" "));
    for (const q of result.queries) {
      lines.push(
        [q.padEnd(12), ...names.map((n) => result.perQuery[q]![n]!.toFixed(4).padStart(11))].join(" "),
      );
    }
  }
  lines.push(`${"metric".padEnd(12)} ${"mean".padStart(8)}   (${result.queries.length} queries)`);
  for (const n of names) lines.push(`${n.padEnd(12)} ${result.means[n]!.toFixed(4).padStart(8)}`);
  return lines;
}

/**
 * `plumbline eval retrieval --run run.txt --qrels qrels.txt [--metrics map,ndcg@10,...]
 * [--format table|json|csv]`: trec_eval's conventions by default, torchmetrics' with
 * `--convention torchmetrics`. `-` reads a file from stdin.
 */
export function register(evalCommand: Command): void {
  const command = evalCommand
    .command("retrieval")
    .description("evaluate a TREC run file against a qrels file (trec_eval conventions)")
    .requiredOption("--run <file>", "TREC run: qid Q0 docno rank score tag (- reads stdin)")
    .requiredOption("--qrels <file>", "TREC qrels: qid iter docno relevance (- reads stdin)")
    .option(
      "--metrics <list>",
      `comma-separated: map, map@k, mrr, ndcg, ndcg@k, p@k, recall@k, rprec, hit_rate@k (default ${DEFAULT_METRICS.join(",")})`,
    )
    .option("--per-query", "one row per query (trec_eval convention)")
    .option(
      "--convention <name>",
      "trec_eval (default) or torchmetrics (only retrieved documents count; tie rules apply)",
      "trec_eval",
    )
    .option(
      "--ties <rule>",
      "with --convention torchmetrics: torchmetrics, average, optimistic or pessimistic",
    )
    .option("--empty-target-action <action>", "with --convention torchmetrics: neg, pos, skip or error");
  addReportOption(command);
  addFormatOption(command).action(
    (opts: {
      run: string;
      qrels: string;
      metrics?: string;
      perQuery?: boolean;
      format: string;
      convention: string;
      ties?: string;
      emptyTargetAction?: string;
      report?: string;
    }) =>
      runAction(async () => {
        const format = parseFormat(COMMAND, opts.format);
        const metrics = parseTrecMetricList(opts.metrics);
        const convention = optOneOf(
          COMMAND,
          "--convention",
          opts.convention,
          ["trec_eval", "torchmetrics"],
          "trec_eval",
        );
        if (opts.run === "-" && opts.qrels === "-")
          fail("invalid_option", `${COMMAND}: only one of --run and --qrels can read stdin`);
        await checkOutputPath(COMMAND, "--report", opts.report);
        const runFile = opts.run === "-" ? "stdin" : opts.run;
        const qrelsFile = opts.qrels === "-" ? "stdin" : opts.qrels;
        const run = parseTrecRun(await readTextInput(COMMAND, opts.run), COMMAND, runFile);
        const qrels = parseTrecQrels(await readTextInput(COMMAND, opts.qrels), COMMAND, qrelsFile);
        if (convention === "torchmetrics") {
          const ties = optOneOf(COMMAND, "--ties", opts.ties, [
            "torchmetrics",
            "average",
            "optimistic",
            "pessimistic",
          ]);
          const empty = optOneOf(COMMAND, "--empty-target-action", opts.emptyTargetAction, [
            "neg",
            "pos",
            "skip",
            "error",
          ]);
          if (opts.perQuery) fail("invalid_option", `${COMMAND}: --per-query needs --convention trec_eval`);
          const progress = startProgress("evaluating metrics", metrics.length);
          const evaluated = evaluateRunGroupedMetrics(run, qrels, metrics, {
            ...(ties ? { ties } : {}),
            ...(empty ? { emptyTargetAction: empty } : {}),
          });
          const means = Object.fromEntries(
            evaluated.map((e, k) => {
              progress.update(k);
              return [e.name, e.metric.compute()];
            }),
          );
          progress.stop();
          const signed = evaluated.map((e) => ({ name: e.name, def: e.metric.def, state: e.metric.state }));
          const output: CommandOutput = {
            table: () =>
              [
                `metric        mean   (torchmetrics conventions, ties: ${ties ?? "torchmetrics"})`,
                ...Object.entries(means).map(
                  ([name, value]) => `${name.padEnd(12)} ${value.toFixed(4).padStart(8)}`,
                ),
              ].join("\n"),
            csv: () => ({ header: ["metric", "mean"], rows: Object.entries(means) }),
            json: () => ({ convention, ties: ties ?? "torchmetrics", means }),
          };
          await finishEvaluation(format, opts, {
            output,
            metrics: signed,
            results: () => ({ task: "retrieval", metrics: signed }),
          });
          return;
        }
        if (opts.ties !== undefined || opts.emptyTargetAction !== undefined) {
          fail(
            "invalid_option",
            `${COMMAND}: --ties and --empty-target-action need --convention torchmetrics`,
          );
        }
        const progress = startProgress("evaluating queries", run.size);
        const result = evaluateTrec(run, qrels, metrics, (done) => progress.update(done));
        progress.stop();
        const names = Object.keys(result.means);
        const output: CommandOutput = {
          table: () => formatTrecTable(result, opts.perQuery ?? false).join("\n"),
          csv: () =>
            opts.perQuery
              ? {
                  header: ["query", ...names],
                  rows: result.queries.map((q) => [q, ...names.map((n) => result.perQuery[q]![n])]),
                }
              : { header: ["metric", "mean"], rows: names.map((n) => [n, result.means[n]]) },
          json: () => ({
            convention,
            queries: result.queries.length,
            means: result.means,
            // One object per query (query ids are data: never used as keys, which snake_casing would touch).
            ...(opts.perQuery
              ? { perQuery: result.queries.map((q) => ({ query: q, ...result.perQuery[q] })) }
              : {}),
          }),
        };
        // trec_eval's conventions are computed outside the metric definitions: no signatures;
        // the report shows each mean with a bootstrap interval over queries.
        await finishEvaluation(format, opts, {
          output,
          metrics: [],
          results: () => trecReportResults(result),
        });
      }),
  );
}
