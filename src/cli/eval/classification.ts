import type { Command } from "commander";
import { memberStates } from "../../collection/index.js";
import { describeValue, fail } from "../../core/errors.js";
import { createMetric, type Metric } from "../../metric.js";
import * as C from "../../metrics/classification/index.js";
import { runAction } from "../errors.js";
import { writeStateFile } from "../state-files.js";
import { type NumericTable, readNumericTable } from "./read-table.js";

const FN = "eval classification";

export type ClassificationTask = "binary" | "multiclass" | "multilabel";

/** One row of the report: metric name and value (a number, or NaN when undefined). */
export interface SuiteRow {
  metric: string;
  value: number;
}

/** Everything the suite needs, already read from files. */
export interface SuiteInput {
  task: ClassificationTask;
  /** Binary: N scores; multiclass: N x C scores or N labels; multilabel: N x L scores. */
  preds: { data: Float64Array; rows: number; cols: number };
  /** Binary/multiclass: N labels; multilabel: N x L. */
  target: { data: Float64Array; rows: number; cols: number };
  numClasses: number;
}

/** Notes printed under the table (for example when logits were squashed). */
export interface SuiteResult {
  task: ClassificationTask;
  samples: number;
  numClasses: number;
  rows: SuiteRow[];
  notes: string[];
}

function isProbabilityVector(data: Float64Array): boolean {
  for (let i = 0; i < data.length; i++) if (!(data[i]! >= 0 && data[i]! <= 1)) return false;
  return true;
}

/** What the library's `predsKind: "auto"` will do with these predictions, said under the table. */
function suiteNotes(input: SuiteInput): string[] {
  const { task, preds } = input;
  if (task === "multiclass" && preds.cols === 1)
    return ["predictions are labels: score metrics (AUROC, AP, log loss, Brier, ECE) need a score matrix"];
  if (isProbabilityVector(preds.data)) return [];
  return [
    task === "multiclass"
      ? "scores outside [0, 1] were read as logits: softmax applied per row"
      : "scores outside [0, 1] were read as logits: sigmoid applied",
  ];
}

/**
 * The task's standard suite: the public `classificationSuiteDef` collection (plumbline/classification),
 * updated once; `metrics` holds one metric per member (from its compute group's state) for `--emit-state`.
 */
export function classificationSuite(
  input: SuiteInput,
): SuiteResult & { metrics: Metric<unknown, unknown[], unknown>[] } {
  const { task, preds, target, numClasses } = input;
  const def = C.classificationSuiteDef(
    task === "multilabel"
      ? { task, numLabels: numClasses }
      : task === "multiclass"
        ? { task, numClasses, scores: preds.cols > 1 }
        : { task },
  );
  const p = preds.cols > 1 ? { data: preds.data, rows: preds.rows, cols: preds.cols } : preds.data;
  const t = task === "multilabel" ? target : target.data;
  const collection = createMetric(def).update(p, t);
  const values = collection.compute() as Record<string, unknown>;
  const rows: SuiteRow[] = [];
  const counts: SuiteRow[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (name === "stat_scores") {
      const c = value as { tp: number; fp: number; tn: number; fn: number };
      // The confusion counts close the binary table.
      for (const key of ["tp", "fp", "tn", "fn"] as const) counts.push({ metric: key, value: c[key] });
    } else rows.push({ metric: name, value: value as number });
  }
  const metrics = Object.values(memberStates(def, collection.state)).map(
    (member) => createMetric(member.def).merge(member.state) as Metric<unknown, unknown[], unknown>,
  );
  const samples = task === "multilabel" ? preds.rows : target.data.length;
  return {
    task,
    samples,
    numClasses: task === "binary" ? 2 : numClasses,
    rows: [...rows, ...counts],
    notes: suiteNotes(input),
    metrics,
  };
}

function isIntegerVector(data: Float64Array): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isInteger(data[i]!)) return false;
  return true;
}

function maxOf(data: Float64Array): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) if (data[i]! > m) m = data[i]!;
  return m;
}

/** Works out the task and class count from the shapes and values (explicit flags win). */
export function inferTask(
  preds: { rows: number; cols: number; data: Float64Array },
  target: { rows: number; cols: number; data: Float64Array },
  task: ClassificationTask | undefined,
  numClasses: number | undefined,
): { task: ClassificationTask; numClasses: number } {
  if (preds.rows !== target.rows) {
    fail(
      "shape_mismatch",
      `${FN}: --preds has ${preds.rows} rows and --target has ${target.rows}; they must match`,
    );
  }
  if (preds.rows === 0) fail("empty_input", `${FN}: the input files hold no rows`);
  const resolved: ClassificationTask =
    task ??
    (target.cols > 1
      ? "multilabel"
      : preds.cols > 1 || (isIntegerVector(preds.data) && maxOf(preds.data) > 1) || maxOf(target.data) > 1
        ? "multiclass"
        : "binary");
  if (resolved === "multilabel") {
    if (target.cols !== preds.cols)
      fail(
        "shape_mismatch",
        `${FN}: multilabel --preds has ${preds.cols} columns and --target ${target.cols}; they must match`,
      );
    return { task: resolved, numClasses: numClasses ?? target.cols };
  }
  if (target.cols !== 1)
    fail("shape_mismatch", `${FN}: --target must have one column for a ${resolved} task, got ${target.cols}`);
  if (resolved === "binary") {
    if (preds.cols !== 1)
      fail(
        "shape_mismatch",
        `${FN}: --preds must have one column (scores) for a binary task, got ${preds.cols}`,
      );
    return { task: resolved, numClasses: 2 };
  }
  const k = numClasses ?? (preds.cols > 1 ? preds.cols : Math.max(maxOf(preds.data), maxOf(target.data)) + 1);
  if (preds.cols > 1 && preds.cols !== k)
    fail("shape_mismatch", `${FN}: --preds has ${preds.cols} score columns but --num-classes is ${k}`);
  return { task: resolved, numClasses: Math.max(2, k) };
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6);
}

/** Renders the suite as an aligned two-column table. */
export function formatSuiteTable(result: SuiteResult): string {
  const width = Math.max(6, ...result.rows.map((r) => r.metric.length));
  const lines = [
    `classification (${result.task}, ${result.samples} samples${result.task === "binary" ? "" : `, ${result.numClasses} ${result.task === "multilabel" ? "labels" : "classes"}`})`,
    `${"metric".padEnd(width)}  value`,
    `${"-".repeat(width)}  ${"-".repeat(10)}`,
    ...result.rows.map((r) => `${r.metric.padEnd(width)}  ${formatValue(r.value)}`),
  ];
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}

function matrixOf(table: NumericTable): { data: Float64Array; rows: number; cols: number } {
  return table.matrix();
}

async function readWithProgress(path: string, label: string): Promise<NumericTable> {
  const started = Date.now();
  // biome-ignore lint/suspicious/noExplicitAny: cli-progress is loaded lazily.
  let bar: any;
  const table = await readNumericTable(path, FN, {
    onProgress: (read, total) => {
      if (!process.stderr.isTTY || Date.now() - started < 1000) return;
      if (!bar) {
        void import("cli-progress").then(({ default: progress }) => {
          if (bar) return;
          bar = new progress.SingleBar(
            {
              format: `reading ${label} [{bar}] {percentage}%`,
              stream: process.stderr,
              clearOnComplete: true,
            },
            progress.Presets.shades_classic,
          );
          bar.start(total, read);
        });
      } else bar.update(read);
    },
  });
  bar?.stop();
  return table;
}

interface Flags {
  preds: string;
  target: string;
  task?: string;
  numClasses?: string;
  format: string;
  emitState?: string;
}

/** `plumbline eval classification`: reads predictions and targets, prints the task's standard suite. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("classification")
    .description("evaluate classification predictions (binary, multiclass or multilabel)")
    .requiredOption("--preds <file>", "predictions: CSV, JSON or JSONL (scores, a score matrix, or labels)")
    .requiredOption("--target <file>", "targets: CSV, JSON or JSONL (labels, or a 0/1 matrix for multilabel)")
    .option("--task <task>", "binary | multiclass | multilabel (inferred when left out)")
    .option("--num-classes <n>", "number of classes (or labels)")
    .option("--format <format>", "table | json", "table")
    .option("--emit-state <file>", "also write the metric states for `plumbline merge`")
    .action((flags: Flags) =>
      runAction(async () => {
        if (flags.task !== undefined && !["binary", "multiclass", "multilabel"].includes(flags.task)) {
          fail(
            "invalid_option",
            `${FN}: --task must be binary, multiclass or multilabel, got ${describeValue(flags.task)}`,
          );
        }
        if (!["table", "json"].includes(flags.format))
          fail("invalid_option", `${FN}: --format must be table or json, got ${describeValue(flags.format)}`);
        let numClasses: number | undefined;
        if (flags.numClasses !== undefined) {
          numClasses = Number(flags.numClasses);
          if (!Number.isInteger(numClasses) || numClasses < 2)
            fail(
              "invalid_option",
              `${FN}: --num-classes must be an integer >= 2, got ${describeValue(flags.numClasses)}`,
            );
        }
        const [predsTable, targetTable] = [
          await readWithProgress(flags.preds, "preds"),
          await readWithProgress(flags.target, "target"),
        ];
        const preds = matrixOf(predsTable);
        const target = matrixOf(targetTable);
        const resolved = inferTask(preds, target, flags.task as ClassificationTask | undefined, numClasses);
        const result = classificationSuite({ ...resolved, preds, target });
        if (flags.emitState !== undefined) await writeStateFile(flags.emitState, result.metrics as never[]);
        if (flags.format === "json") {
          const metrics: Record<string, number | string> = {};
          for (const r of result.rows) metrics[r.metric] = Number.isNaN(r.value) ? "NaN" : r.value;
          process.stdout.write(
            `${JSON.stringify({ task: result.task, samples: result.samples, numClasses: result.numClasses, metrics, notes: result.notes }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(`${formatSuiteTable(result)}\n`);
        }
      }),
    );
}
