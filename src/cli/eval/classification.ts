import type { Command } from "commander";
import { describeValue, fail } from "../../core/errors.js";
import { type AnyMetricDef, createMetric, type Metric } from "../../metric.js";
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

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function isProbabilityVector(data: Float64Array): boolean {
  for (let i = 0; i < data.length; i++) if (!(data[i]! >= 0 && data[i]! <= 1)) return false;
  return true;
}

function softmaxRows(data: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let r = 0; r < data.length / cols; r++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < cols; c++) max = Math.max(max, data[r * cols + c]!);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += out[r * cols + c] = Math.exp(data[r * cols + c]! - max);
    for (let c = 0; c < cols; c++) out[r * cols + c]! /= sum;
  }
  return out;
}

function rowsSumToOne(data: Float64Array, cols: number): boolean {
  for (let r = 0; r < data.length / cols; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += data[r * cols + c]!;
    if (Math.abs(sum - 1) > 1e-6) return false;
  }
  return true;
}

/** One metric of the suite: its report name, its definition and the arguments it is fed. */
interface SuiteEntry {
  name: string;
  def: AnyMetricDef;
  args: unknown[];
}

/** The suite as a list of definitions with their inputs (shared by the report and `--emit-state`). */
function suiteEntries(input: SuiteInput, notes: string[]): SuiteEntry[] {
  const { task, preds, target, numClasses } = input;
  const entries: SuiteEntry[] = [];
  const add = (name: string, def: AnyMetricDef, ...args: unknown[]) => entries.push({ name, def, args });
  if (task === "binary") {
    let probs = preds.data;
    if (!isProbabilityVector(probs)) {
      probs = probs.map(sigmoid);
      notes.push(
        "scores outside [0, 1] were read as logits: sigmoid applied for threshold and probability metrics",
      );
    }
    const t = target.data;
    add("stat_scores", C.binaryStatScoresDef(), probs, t);
    add("accuracy", C.binaryAccuracyDef(), probs, t);
    add("precision", C.binaryPrecisionDef(), probs, t);
    add("recall", C.binaryRecallDef(), probs, t);
    add("f1", C.binaryF1Def(), probs, t);
    add("specificity", C.binarySpecificityDef(), probs, t);
    add("balanced_accuracy", C.binaryBalancedAccuracyDef(), probs, t);
    add("mcc", C.binaryMatthewsCorrcoefDef(), probs, t);
    add("cohen_kappa", C.binaryCohenKappaDef(), probs, t);
    add("auroc", C.binaryAurocDef(), preds.data, t);
    add("average_precision", C.binaryAveragePrecisionDef(), preds.data, t);
    add("log_loss", C.binaryLogLossDef(), probs, t);
    add("brier_score", C.binaryBrierScoreDef(), probs, t);
    add("ece", C.binaryCalibrationErrorDef(), probs, t);
    return entries;
  }
  if (task === "multiclass") {
    const t = target.data;
    const options = { numClasses };
    const hasScores = preds.cols > 1;
    const p = hasScores ? { data: preds.data, rows: preds.rows, cols: preds.cols } : preds.data;
    add("accuracy", C.multiclassAccuracyDef({ ...options, average: "micro" }), p, t);
    add("precision_macro", C.multiclassPrecisionDef(options), p, t);
    add("recall_macro", C.multiclassRecallDef(options), p, t);
    add("f1_macro", C.multiclassF1Def(options), p, t);
    add("f1_weighted", C.multiclassF1Def({ ...options, average: "weighted" }), p, t);
    add("balanced_accuracy", C.multiclassBalancedAccuracyDef(options), p, t);
    add("mcc", C.multiclassMatthewsCorrcoefDef(options), p, t);
    add("cohen_kappa", C.multiclassCohenKappaDef(options), p, t);
    if (hasScores) {
      const k = Math.min(5, numClasses - 1);
      if (k >= 2)
        add(`top_${k}_accuracy`, C.multiclassAccuracyDef({ ...options, average: "micro", topK: k }), p, t);
      let probs = preds.data;
      if (!isProbabilityVector(probs) || !rowsSumToOne(probs, preds.cols)) {
        probs = softmaxRows(probs, preds.cols);
        notes.push("score rows are not probabilities: softmax applied for probability metrics");
      }
      const pm = { data: probs, rows: preds.rows, cols: preds.cols };
      add("auroc_macro", C.multiclassAurocDef(options), p, t);
      add("average_precision_macro", C.multiclassAveragePrecisionDef(options), p, t);
      add("log_loss", C.multiclassLogLossDef(options), pm, t);
      add("brier_score", C.multiclassBrierScoreDef(options), pm, t);
      add("ece", C.multiclassCalibrationErrorDef(options), pm, t);
    } else {
      notes.push(
        "predictions are labels: score metrics (AUROC, AP, log loss, Brier, ECE) need a score matrix",
      );
    }
    return entries;
  }
  const L = numClasses;
  let probs = preds.data;
  if (!isProbabilityVector(probs)) {
    probs = probs.map(sigmoid);
    notes.push("scores outside [0, 1] were read as logits: sigmoid applied for threshold metrics");
  }
  const pm = { data: probs, rows: preds.rows, cols: L };
  const sm = { data: preds.data, rows: preds.rows, cols: L };
  const options = { numLabels: L };
  add("exact_match", C.multilabelExactMatchDef(options), pm, target);
  add("hamming_distance", C.multilabelHammingDistanceDef(options), pm, target);
  add("accuracy_macro", C.multilabelAccuracyDef(options), pm, target);
  add("precision_macro", C.multilabelPrecisionDef(options), pm, target);
  add("recall_macro", C.multilabelRecallDef(options), pm, target);
  add("f1_macro", C.multilabelF1Def(options), pm, target);
  add("f1_micro", C.multilabelF1Def({ ...options, average: "micro" }), pm, target);
  add("f1_samples", C.multilabelF1Def({ ...options, average: "samples" }), pm, target);
  add("mcc", C.multilabelMatthewsCorrcoefDef(options), pm, target);
  add("auroc_macro", C.multilabelAurocDef(options), sm, target);
  add("average_precision_macro", C.multilabelAveragePrecisionDef(options), sm, target);
  add("label_ranking_average_precision", C.multilabelRankingAveragePrecisionDef(options), sm, target);
  add("label_ranking_loss", C.multilabelRankingLossDef(options), sm, target);
  add("coverage_error", C.multilabelCoverageErrorDef(options), sm, target);
  return entries;
}

/**
 * The task's standard suite: accuracy, precision, recall, F1 (macro for multiclass), balanced
 * accuracy, MCC, Cohen's kappa, AUROC, average precision, log loss, Brier score, ECE, and for
 * multilabel the ranking metrics. Scores outside [0, 1] are read as logits (sigmoid, or softmax
 * per row) for the metrics that need probabilities, with a note, as torchmetrics does.
 * Each metric is a stateful metric updated once; `metrics` holds them for `--emit-state`.
 */
export function classificationSuite(
  input: SuiteInput,
): SuiteResult & { metrics: Metric<unknown, unknown[], unknown>[] } {
  const notes: string[] = [];
  const rows: SuiteRow[] = [];
  const metrics: Metric<unknown, unknown[], unknown>[] = [];
  for (const entry of suiteEntries(input, notes)) {
    const metric = createMetric(entry.def).update(...entry.args);
    metrics.push(metric);
    const value = metric.compute();
    if (entry.name === "stat_scores") {
      const counts = value as { tp: number; fp: number; tn: number; fn: number };
      for (const key of ["tp", "fp", "tn", "fn"] as const) rows.push({ metric: key, value: counts[key] });
    } else {
      rows.push({ metric: entry.name, value: value as number });
    }
  }
  // The confusion counts close the binary table, as before.
  const counts = rows.filter((r) => ["tp", "fp", "tn", "fn"].includes(r.metric));
  const ordered = [...rows.filter((r) => !counts.includes(r)), ...counts];
  const { task, preds, target, numClasses } = input;
  const samples = task === "multilabel" ? preds.rows : target.data.length;
  return { task, samples, numClasses: task === "binary" ? 2 : numClasses, rows: ordered, notes, metrics };
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

async function readWithProgress(path: string, _label: string): Promise<NumericTable> {
  return readNumericTable(path, FN);
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
