import type { Command } from "commander";
import { collectionMembers } from "../collection/metric-collection.js";
import { fail, isPlumblineError } from "../core/errors.js";
import { canonicalJson, createMetric, type Metric, type MetricSnapshot } from "../metric.js";
import { REPORT_TASKS, type ReportTask } from "../report/results.js";
import { signature } from "../signature/signature.js";
import { runAction } from "./errors.js";
import { mergedSuiteResult, suiteOutput, suiteRowMetric } from "./eval/classification.js";
import { regressionOutput, regressionSuiteKeys } from "./eval/regression.js";
import { addFormatOption, type CommandOutput, parseFormat, startProgress } from "./grammar.js";
import { addReportOption, type Evaluation, finishEvaluation, taskOfMetrics } from "./report.js";
import {
  checkOutputPath,
  checkStatePath,
  definitionFor,
  readStateFile,
  type StateFile,
  writeStateFile,
} from "./state-files.js";

type AnyMetric = Metric<unknown, unknown[], unknown>;

/** A snapshot's merge key: its id and canonical options. */
function keyOf(snapshot: MetricSnapshot): string {
  return `${snapshot.id}\u0000${canonicalJson(snapshot.options ?? {})}`;
}

function describeKey(key: string): string {
  const [id, options] = key.split("\u0000");
  return options === "{}" ? id! : `${id} ${options}`;
}

/** One merged metric: its key, its report name (when the files name it) and the metric. */
interface Merged {
  key: string;
  name: string | undefined;
  metric: AnyMetric;
  files: number;
  /** The merged result; a state that breaks the computation is `invalid_state`, not a crash. */
  value(): unknown;
}

/** `metric.compute()` for states read from files: anything but a PlumblineError means a corrupt state. */
function guardedValue(metric: AnyMetric): () => unknown {
  return () => {
    try {
      return metric.compute();
    } catch (error) {
      if (isPlumblineError(error)) fail(error.code, `merge: ${error.message}`);
      return fail(
        "invalid_state",
        `merge: ${metric.id} cannot be computed from these states (${(error as Error).message}); a state file is corrupt`,
      );
    }
  };
}

/**
 * Merges every snapshot of `files` by (id, options): each file must hold the same set unless
 * `partial`; a shard already merged (the same file twice, a retried job) is refused.
 */
export async function mergeStateFiles(
  paths: readonly string[],
  partial: boolean,
): Promise<{ merged: Merged[]; files: StateFile[] }> {
  const seen = new Set<string>();
  for (const path of paths) {
    if (path !== "-" && seen.has(path))
      fail("invalid_state", `merge: ${path} is given twice; its data would be counted twice`);
    seen.add(path);
  }
  const progress = startProgress("merging", paths.length);
  const files: StateFile[] = [];
  const byKey = new Map<string, Merged>();
  const keysOf: string[][] = [];
  try {
    for (const [f, path] of paths.entries()) {
      const file = await readStateFile(path);
      files.push(file);
      const keys: string[] = [];
      for (const [k, snapshot] of file.snapshots.entries()) {
        const key = keyOf(snapshot);
        if (keys.includes(key)) fail("invalid_state", `merge: ${path} holds ${describeKey(key)} twice`);
        keys.push(key);
        const def = await definitionFor(snapshot, path);
        try {
          const metric = createMetric(def).fromJSON(snapshot) as AnyMetric;
          const entry = byKey.get(key);
          if (entry === undefined)
            byKey.set(key, { key, name: file.names?.[k], metric, files: 1, value: guardedValue(metric) });
          else {
            entry.metric.merge(metric);
            entry.files++;
          }
        } catch (error) {
          if (isPlumblineError(error)) fail(error.code, `merge: ${path}: ${error.message}`);
          throw error;
        }
      }
      keysOf.push(keys);
      progress.update(f + 1);
    }
  } finally {
    progress.stop();
  }
  if (!partial) {
    const all = [...byKey.keys()];
    for (const [f, keys] of keysOf.entries()) {
      const missing = all.filter((k) => !keys.includes(k));
      if (missing.length > 0)
        fail(
          "invalid_state",
          `merge: ${paths[f]} holds ${keys.length} metrics but the files hold ${all.length} in all; it lacks ${missing.slice(0, 3).map(describeKey).join(", ")}${missing.length > 3 ? ", ..." : ""}; pass --partial to merge each metric over the files that hold it`,
        );
    }
  }
  return { merged: [...byKey.values()], files };
}

/** The report task of the command that wrote the files (`eval classification` → classification). */
function commandTask(command: string | undefined): ReportTask | undefined {
  const task = command?.startsWith("eval ") ? command.slice(5) : undefined;
  return (REPORT_TASKS as readonly string[]).includes(task ?? "") ? (task as ReportTask) : undefined;
}

/**
 * What `merge` prints (the table of the command that wrote the files, or a generic one: id,
 * options, result), signs and reports.
 */
async function mergedEvaluation(merged: Merged[], files: StateFile[], partial: boolean): Promise<Evaluation> {
  const command = files[0]!.command;
  const complete =
    files.every((f) => f.command === command) && !(partial && merged.some((m) => m.files !== files.length));
  const metrics = merged.map((m) => ({
    name: m.name ?? m.metric.id,
    def: m.metric.def,
    state: m.metric.state,
  }));
  const task = commandTask(command) ?? taskOfMetrics(metrics);
  const evaluation = (output: CommandOutput, notes: readonly string[] = []): Evaluation => ({
    output,
    metrics,
    results: () => {
      if (task === undefined)
        fail(
          "invalid_option",
          "merge: --report needs states of one task (the files' command and metric ids do not say which)",
        );
      return { task, metrics, ...(notes.length > 0 ? { notes } : {}) };
    },
  });
  if (complete && command === "eval classification") {
    const result = mergedSuiteResult(
      files.map((f) => f.summary ?? {}),
      merged.map((m) => ({ key: m.key, metric: { compute: m.value } })),
    );
    if (result !== undefined)
      return { ...evaluation(suiteOutput(result), result.notes), rowMetric: suiteRowMetric };
  }
  if (complete && command === "eval regression" && merged.length === 1) {
    const keys = regressionSuiteKeys(merged[0]!.metric.def);
    let rows = 0;
    for (const f of files) rows += Number(f.summary?.rows);
    if (keys !== undefined) return evaluation(regressionOutput(merged[0]!.value() as never, rows, keys));
  }
  // One record per metric; a collection (a task suite) gives one per member, named.
  const results: {
    name?: string;
    id: string;
    options: unknown;
    result: unknown;
    signature: string;
    files?: number;
  }[] = [];
  for (const m of merged) {
    const members = collectionMembers(m.metric.def);
    const value = m.value();
    const shared = partial ? { files: m.files } : {};
    if (members === undefined)
      results.push({
        id: m.metric.id,
        options: m.metric.def.options ?? {},
        result: value,
        signature: await signature(m.metric.def),
        ...shared,
      });
    else
      for (const [name, def] of Object.entries(members))
        results.push({
          name,
          id: def.id,
          options: def.options ?? {},
          result: (value as Record<string, unknown>)[name],
          signature: await signature(def),
          ...shared,
        });
  }
  const label = (r: (typeof results)[number]) => {
    const options = canonicalJson(r.options);
    return `${r.name === undefined ? "" : `${r.name} = `}${r.id}${options === "{}" ? "" : ` ${options}`}`;
  };
  // The generic output carries its signatures itself (metrics are told apart by id and options).
  return {
    ...evaluation({
      json: () => results,
      csv: () => ({
        header: ["name", "id", "options", "result", "signature"],
        rows: results.map((r) => [
          r.name ?? "",
          r.id,
          canonicalJson(r.options),
          typeof r.result === "number" ? r.result : JSON.stringify(r.result),
          r.signature,
        ]),
      }),
      table: () =>
        [
          ...results.map((r) => {
            const value = typeof r.result === "number" ? String(r.result) : JSON.stringify(r.result);
            return `${label(r)}${partial ? ` (${r.files} of ${files.length} files)` : ""}: ${value}`;
          }),
          ...results.map((r) => `signature ${r.name ?? r.id}: ${r.signature}`),
        ].join("\n"),
    }),
    metrics: [],
  };
}

/**
 * `plumbline merge FILE...`: combines the state files that shards wrote with `--emit-state`
 * (any order, `-` for stdin) and prints what `eval` prints over all of them.
 */
export function registerMerge(program: Command): void {
  const command = program
    .command("merge <files...>")
    .description("merge metric states written by `eval ... --emit-state` and print the results as eval does")
    .option("--partial", "merge each metric over the files that hold it (files may hold different sets)")
    .option(
      "--emit-state <file>",
      "also write the merged states (- for stdout, which then holds only the states)",
    );
  addFormatOption(command);
  addReportOption(command);
  command.action(
    (paths: string[], flags: { partial?: boolean; emitState?: string; report?: string; format: string }) =>
      runAction(async () => {
        const format = parseFormat("merge", flags.format);
        await checkStatePath("merge", flags.emitState);
        await checkOutputPath("merge", "--report", flags.report);
        const { merged, files } = await mergeStateFiles(paths, flags.partial === true);
        const evaluation = await mergedEvaluation(merged, files, flags.partial === true);
        const output = evaluation.output;
        if (flags.emitState !== undefined) {
          const first = files[0]!;
          const summary =
            first.command === "eval classification" ? (output.json() as Record<string, unknown>) : undefined;
          await writeStateFile(
            flags.emitState,
            merged.map((m) => m.metric),
            {
              ...(first.command !== undefined ? { command: first.command } : {}),
              ...(merged.every((m) => m.name !== undefined) ? { names: merged.map((m) => m.name!) } : {}),
              ...(summary !== undefined
                ? {
                    summary: {
                      task: summary.task,
                      samples: summary.samples,
                      numClasses: summary.numClasses,
                      notes: summary.notes,
                    },
                  }
                : first.command === "eval regression"
                  ? { summary: { rows: files.reduce((a, f) => a + Number(f.summary?.rows), 0) } }
                  : {}),
            },
          );
          if (flags.emitState === "-") return;
        }
        await finishEvaluation(format, flags, evaluation);
      }),
  );
}
