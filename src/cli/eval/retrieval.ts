import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { assertOneOf } from "../../core/validate.js";
import type { EmptyTargetAction, TieHandling } from "../../metrics/retrieval/grouped.js";
import {
  evaluateRunGrouped,
  evaluateTrec,
  parseTrecQrels,
  parseTrecRun,
} from "../../metrics/retrieval/trec.js";
import { runAction } from "../errors.js";

function readText(path: string, option: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    return fail(
      "io_error",
      `eval retrieval: cannot read \`${option}\` ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/** Formats a TREC evaluation as the table `plumbline eval retrieval` prints. */
export function formatTrecTable(result: ReturnType<typeof evaluateTrec>, perQuery: boolean): string[] {
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

/** `plumbline eval retrieval --run run.txt --qrels qrels.txt [--metrics map,ndcg@10,...]`. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("retrieval")
    .description("evaluate a TREC run file against a qrels file (trec_eval conventions)")
    .requiredOption("--run <file>", "TREC run: qid Q0 docno rank score tag")
    .requiredOption("--qrels <file>", "TREC qrels: qid iter docno relevance")
    .option(
      "--metrics <list>",
      "comma-separated: map, map@k, mrr, ndcg, ndcg@k, p@k, recall@k, rprec, hit_rate@k",
      "map,mrr,ndcg@10,p@10,recall@100,rprec",
    )
    .option("--per-query", "print one row per query")
    .option(
      "--convention <name>",
      "trec_eval (default) or torchmetrics (only retrieved documents count; tie rules apply)",
      "trec_eval",
    )
    .option(
      "--ties <rule>",
      "with --convention torchmetrics: torchmetrics, average, optimistic or pessimistic",
    )
    .option("--empty-target-action <action>", "with --convention torchmetrics: neg, pos, skip or error")
    .option("--json", "print JSON")
    .action(
      (opts: {
        run: string;
        qrels: string;
        metrics: string;
        perQuery?: boolean;
        json?: boolean;
        convention: string;
        ties?: string;
        emptyTargetAction?: string;
      }) =>
        runAction(() => {
          const run = parseTrecRun(readText(opts.run, "--run"), "eval retrieval");
          const qrels = parseTrecQrels(readText(opts.qrels, "--qrels"), "eval retrieval");
          const metrics = opts.metrics
            .split(",")
            .map((m) => m.trim())
            .filter((m) => m !== "");
          const convention = assertOneOf(
            opts.convention,
            ["trec_eval", "torchmetrics"] as const,
            "eval retrieval",
            "--convention",
          );
          if (convention === "torchmetrics") {
            const ties =
              opts.ties === undefined
                ? undefined
                : assertOneOf(
                    opts.ties,
                    ["torchmetrics", "average", "optimistic", "pessimistic"] as const,
                    "eval retrieval",
                    "--ties",
                  );
            const empty =
              opts.emptyTargetAction === undefined
                ? undefined
                : assertOneOf(
                    opts.emptyTargetAction,
                    ["neg", "pos", "skip", "error"] as const,
                    "eval retrieval",
                    "--empty-target-action",
                  );
            const means = evaluateRunGrouped(run, qrels, metrics, {
              ...(ties ? { ties: ties as TieHandling } : {}),
              ...(empty ? { emptyTargetAction: empty as EmptyTargetAction } : {}),
            });
            if (opts.json) {
              process.stdout.write(`${JSON.stringify(means, null, 2)}\n`);
              return;
            }
            process.stdout.write(
              `metric        mean   (torchmetrics conventions, ties: ${ties ?? "torchmetrics"})\n`,
            );
            for (const [name, value] of Object.entries(means))
              process.stdout.write(`${name.padEnd(12)} ${value.toFixed(4).padStart(8)}\n`);
            return;
          }
          if (opts.ties !== undefined || opts.emptyTargetAction !== undefined) {
            fail(
              "invalid_option",
              "eval retrieval: `--ties` and `--empty-target-action` need `--convention torchmetrics`",
            );
          }
          const result = evaluateTrec(run, qrels, metrics);
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
            return;
          }
          for (const line of formatTrecTable(result, opts.perQuery ?? false))
            process.stdout.write(`${line}\n`);
        }),
    );
}
