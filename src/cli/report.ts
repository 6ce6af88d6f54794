/**
 * `plumbline report FILE...`: one self-contained HTML report from state files (`eval ...
 * --emit-state`, merged when there are several, as `plumbline merge`) or from a results JSON
 * file (`{ task, metrics: [snapshots], classNames?, predictions?, perSample?, intervals?,
 * samples?, cost?, names? }`). And the `--report FILE.html` flag of the eval commands:
 * `addReportOption(command)` and `writeReport(path, results)`.
 */
import { writeFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { collectionMembers } from "../collection/metric-collection.js";
import { describeValue, fail } from "../core/errors.js";
import { type AnyMetricDef, createMetric, type MetricSnapshot } from "../metric.js";
import {
  type EvaluatedMetric,
  type EvaluationResults,
  metricsFromSnapshots,
  REPORT_TASKS,
  RESULT_FIELDS,
  type ReportTask,
} from "../report/results.js";
import { runAction } from "./errors.js";
import {
  type CommandOutput,
  type Format,
  parseChoice,
  readTextInput,
  startProgress,
  toJsonText,
  writeOutput,
} from "./grammar.js";
import { type NamedDefinition, signaturesOf, withSignatures } from "./signed-output.js";

const FN = "report";

/** Adds `--report <file.html>` to an eval command. */
export function addReportOption(command: Command): Command {
  return command.option(
    "--report <file>",
    "also write a self-contained HTML report (plots and tables) to this file",
  );
}

/** Writes the HTML report of `results` to `path`; `io_error` naming the file when it cannot. */
export async function writeReport(path: string, results: EvaluationResults): Promise<void> {
  // The renderer loads only when a report is written (it is most of what an eval command loads).
  const { buildReport, renderReport } = await import("../report/report.js");
  const html = renderReport(await buildReport(results));
  try {
    await writeFile(path, html);
  } catch (error) {
    fail("io_error", `--report: cannot write ${path} (${(error as Error).message})`);
  }
}

/** What an `eval` command (or `merge`) has computed: the printed output, its metrics, the report's input. */
export interface Evaluation {
  readonly output: CommandOutput;
  /** The metrics whose signatures are printed (collections are signed member by member). */
  readonly metrics: readonly NamedDefinition[];
  /** The report's input, built only when `--report` asks for it. */
  readonly results: () => EvaluationResults | Promise<EvaluationResults>;
  /**
   * The metric of a CSV row whose first cell does not name it (see `withSignatures`); `null`
   * when the CSV rows are not metrics (per-class tables), which then get no signature column.
   */
  readonly rowMetric?: ((row: readonly unknown[]) => string) | null;
}

/**
 * The end of every `eval` command and of `merge`: writes the `--report` file when asked, then
 * prints the output in `format` with each metric's signature (see signed-output.ts).
 */
export async function finishEvaluation(
  format: Format,
  flags: { readonly report?: string | undefined },
  evaluation: Evaluation,
): Promise<void> {
  if (flags.report !== undefined) await writeReport(flags.report, await evaluation.results());
  const signatures = await signaturesOf(evaluation.metrics);
  const signed = withSignatures(evaluation.output, signatures, evaluation.rowMetric ?? undefined);
  writeOutput(format, evaluation.rowMetric === null ? { ...signed, csv: evaluation.output.csv } : signed);
}

interface ParsedFile {
  readonly snapshots: readonly MetricSnapshot[];
  readonly names?: readonly string[];
  readonly extra: Partial<EvaluationResults>;
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail("io_error", `${FN}: ${path} is not JSON (${(error as Error).message})`);
  }
}

/** The fields of a results file besides its task and metrics. */
const EXTRA_KEYS = RESULT_FIELDS.filter((k) => k !== "task" && k !== "metrics");

/** A state file or a results file, as snapshots plus the report's extra fields. */
function readInput(path: string, value: unknown): ParsedFile {
  const record = value as Record<string, unknown> | null;
  if (record === null || typeof record !== "object" || Array.isArray(record))
    fail(
      "io_error",
      `${FN}: ${path} must hold a state file or a results object, got ${describeValue(value)}`,
    );
  const list = record.plumblineStates === 1 ? record.snapshots : record.metrics;
  if (!Array.isArray(list))
    fail(
      "io_error",
      `${FN}: ${path} is neither a state file ({ plumblineStates: 1, snapshots }) nor results ({ task, metrics: [snapshots] })`,
    );
  const names = record.names;
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== "string")))
    fail("io_error", `${FN}: ${path}: \`names\` must be a list of strings`);
  const extra: Record<string, unknown> = {};
  for (const key of EXTRA_KEYS) if (record[key] !== undefined) extra[key] = record[key];
  if (typeof record.task === "string") extra.task = record.task;
  return { snapshots: list as MetricSnapshot[], ...(names ? { names: names as string[] } : {}), extra };
}

/**
 * Merges the metrics of several files position by position, as `plumbline merge` (shard
 * identities checked: the same shard twice is refused).
 */
async function mergedMetrics(
  files: readonly string[],
  parsed: readonly ParsedFile[],
): Promise<EvaluatedMetric[]> {
  const first = await metricsFromSnapshots(parsed[0]!.snapshots, parsed[0]!.names);
  if (parsed.length === 1) return first;
  return first.map((m, k) => {
    const metric = createMetric(m.def).fromJSON(parsed[0]!.snapshots[k]);
    for (let f = 1; f < parsed.length; f++) {
      const snapshot = parsed[f]!.snapshots[k];
      if (parsed[f]!.snapshots.length !== first.length || snapshot?.id !== m.def.id)
        fail(
          "invalid_state",
          `${FN}: ${files[f]} does not hold ${m.def.id} at position ${k}; files must come from the same command`,
        );
      metric.merge(createMetric(m.def).fromJSON(snapshot));
    }
    return { ...m, state: metric.state };
  });
}

/** The task of the metrics' ids (collections: their members' ids) when they agree. */
export function taskOfMetrics(metrics: readonly { readonly def: AnyMetricDef }[]): ReportTask | undefined {
  const defs = metrics.flatMap((m) => Object.values(collectionMembers(m.def) ?? { m: m.def }));
  const tasks = new Set(defs.map((d) => d.id.split("/")[0]));
  const [only] = tasks;
  return tasks.size === 1 && (REPORT_TASKS as readonly string[]).includes(only!)
    ? (only as ReportTask)
    : undefined;
}

interface Flags {
  task?: string;
  title?: string;
  classNames?: string;
  out?: string;
  format: string;
}

/** Builds the report of the given files (what the command prints or writes). */
export async function reportFromFiles(files: readonly string[], flags: Omit<Flags, "out">): Promise<string> {
  const format = parseChoice(FN, "--format", flags.format, ["html", "json"] as const);
  if (flags.task !== undefined) parseChoice(FN, "--task", flags.task, REPORT_TASKS);
  if (files.filter((f) => f === "-").length > 1) fail("invalid_option", `${FN}: stdin (-) can be read once`);
  const parsed = [];
  const progress = startProgress("reading", files.length);
  let metrics: EvaluatedMetric[];
  try {
    for (const [done, file] of files.entries()) {
      progress.update(done);
      parsed.push(readInput(file, parseJson(file, await readTextInput(FN, file))));
    }
    metrics = await mergedMetrics(files, parsed);
  } finally {
    progress.stop();
  }
  const extra = parsed[0]!.extra;
  const task = flags.task ?? extra.task ?? taskOfMetrics(metrics);
  if (task === undefined || !(REPORT_TASKS as readonly string[]).includes(task))
    fail(
      "invalid_option",
      `${FN}: --task must be one of ${REPORT_TASKS.join(", ")}${task === undefined ? " (the metrics' ids do not say)" : `, got ${describeValue(task)}`}`,
    );
  const classNames = flags.classNames?.split(",").map((s) => s.trim());
  const results: EvaluationResults = {
    ...extra,
    task: task as ReportTask,
    metrics,
    ...(flags.title !== undefined ? { title: flags.title } : {}),
    ...(classNames ? { classNames } : {}),
  };
  const { buildReport, renderReport } = await import("../report/report.js");
  const document = await buildReport(results);
  return format === "json" ? toJsonText(document) : renderReport(document);
}

/** `plumbline report FILE...`. */
export function registerReport(program: Command): void {
  program
    .command("report <files...>")
    .description("write a self-contained HTML report from state files (--emit-state) or a results JSON file")
    .option("--task <task>", `${REPORT_TASKS.join(" | ")} (default: from the metric ids)`)
    .option("--title <text>", "the report's title")
    .option("--class-names <a,b,...>", "class (or category) names by index")
    .option("--out <file>", "write to this file instead of stdout")
    .addOption(
      new Option("--format <format>", "html | json (the report as data: tables and plot data)").default(
        "html",
      ),
    )
    .action((files: string[], flags: Flags) =>
      runAction(async () => {
        const text = await reportFromFiles(files, flags);
        if (flags.out === undefined) process.stdout.write(text);
        else
          await writeFile(flags.out, text).catch((error: Error) =>
            fail("io_error", `${FN}: cannot write ${flags.out} (${error.message})`),
          );
      }),
    );
}
