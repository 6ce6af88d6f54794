import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { type AnyMetricDef, createMetric, type Metric, optionsKey } from "../../metric.js";
import * as C from "../../metrics/classification/index.js";
import type { SuiteStarter } from "../../parallel/runners.js";
import { runAction } from "../errors.js";
import {
  addFormatOption,
  parseChoice,
  parseFormat,
  parseList,
  parseMetricList,
  parseNumberFlag,
  startProgress,
} from "../grammar.js";
import { addReportOption, type Evaluation, finishEvaluation } from "../report.js";
import {
  addStateOptions,
  checkOutputPath,
  checkStatePath,
  type StateFlags,
  writeEvalState,
} from "../state-files.js";
import { addMemoryBudgetOption, spillExactCurves } from "./bounded.js";
import {
  addInputOptions,
  type InputFlags,
  inputLabel,
  openPairedInput,
  type PairedBatch,
  type PairedInput,
} from "./read-table.js";
import { addScaleOptions, gatherScaled, isScaled, runScaled, type ScaleFlags } from "./sharded.js";

const FN = "eval classification";

export type ClassificationTask = "binary" | "multiclass" | "multilabel";
const TASKS = ["binary", "multiclass", "multilabel"] as const;

/** How the prediction values are read: `auto` decides from the values (torchmetrics' rule). */
export type PredsKind = "auto" | "probabilities" | "logits";
const PREDS_KINDS = ["auto", "probabilities", "logits"] as const;

/** One row of the report: metric name and value (a number, or NaN when undefined). */
export interface SuiteRow {
  metric: string;
  value: number;
}

/** Everything the suite needs, already read from files (the in-memory form, for the demo and tests). */
export interface SuiteInput {
  /** Inferred from the shapes and values when absent. */
  task?: ClassificationTask | undefined;
  /** Binary: N scores; multiclass: N x C scores or N labels; multilabel: N x L scores. */
  preds: { data: Float64Array; rows: number; cols: number };
  /** Binary/multiclass: N labels; multilabel: N x L. */
  target: { data: Float64Array; rows: number; cols: number };
  /** Inferred when absent. */
  numClasses?: number | undefined;
}

/** The table: the task, the sample count, the rows and notes printed under the table. */
export interface SuiteResult {
  task: ClassificationTask;
  samples: number;
  numClasses: number;
  rows: SuiteRow[];
  notes: string[];
}

/**
 * Rows of probabilities written with a few decimals sum to 1 only up to rounding (6 decimals
 * over 10 classes: within 5e-6). Rows within this tolerance are probabilities; log loss and
 * Brier divide them by their sums, as sklearn's `log_loss` does.
 */
export const ROW_SUM_TOLERANCE = 1e-3;

/** What one pass over the inputs learns about the values (constant memory). */
export interface InputProfile {
  rows: number;
  predsCols: number;
  targetCols: number;
  predsMin: number;
  predsMax: number;
  predsAllInteger: boolean;
  targetMax: number;
  /** Distinct target labels (single-column targets), up to `MAX_DISTINCT` of them. */
  targetLabels: Set<number>;
  /** Largest |row sum - 1| of a multi-column prediction. */
  rowSumDeviation: number;
}

/** Distinct target labels a profile keeps at most. */
export const MAX_DISTINCT = 65_536;

export function emptyProfile(predsCols: number, targetCols: number): InputProfile {
  return {
    rows: 0,
    predsCols,
    targetCols,
    predsMin: Number.POSITIVE_INFINITY,
    predsMax: Number.NEGATIVE_INFINITY,
    predsAllInteger: true,
    targetMax: Number.NEGATIVE_INFINITY,
    targetLabels: new Set(),
    rowSumDeviation: 0,
  };
}

/** Folds one batch into the profile. */
export function profileBatch(profile: InputProfile, batch: PairedBatch): void {
  profile.rows += batch.rows;
  for (const column of batch.preds) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i]!;
      if (v < profile.predsMin) profile.predsMin = v;
      if (v > profile.predsMax) profile.predsMax = v;
    }
    if (profile.predsAllInteger)
      for (let i = 0; i < column.length; i++)
        if (!Number.isInteger(column[i]!)) {
          profile.predsAllInteger = false;
          break;
        }
  }
  for (const column of batch.target)
    for (let i = 0; i < column.length; i++) {
      const v = column[i]!;
      if (v > profile.targetMax) profile.targetMax = v;
      if (batch.target.length === 1 && profile.targetLabels.size < MAX_DISTINCT) profile.targetLabels.add(v);
    }
  if (batch.preds.length > 1) {
    for (let r = 0; r < batch.rows; r++) {
      let sum = 0;
      for (const column of batch.preds) sum += column[r]!;
      const d = Math.abs(sum - 1);
      if (d > profile.rowSumDeviation || Number.isNaN(d)) profile.rowSumDeviation = d;
    }
  }
}

/** The decisions the suite is built from. */
export interface SuitePlan {
  task: ClassificationTask;
  numClasses: number;
  /** `labels`: multiclass predictions are class labels, not scores. */
  kind: "probabilities" | "logits" | "labels";
  notes: string[];
}

/** Works out the task and class count from the shapes and values (explicit flags win). */
export function inferTask(
  profile: Pick<InputProfile, "predsCols" | "targetCols" | "predsAllInteger" | "predsMax" | "targetMax"> &
    Partial<Pick<InputProfile, "targetLabels">>,
  task: ClassificationTask | undefined,
  numClasses: number | undefined,
): { task: ClassificationTask; numClasses: number } {
  const { predsCols, targetCols } = profile;
  const resolved: ClassificationTask =
    task ??
    (targetCols > 1
      ? "multilabel"
      : predsCols > 1 || (profile.predsAllInteger && profile.predsMax > 1) || profile.targetMax > 1
        ? "multiclass"
        : "binary");
  if (resolved === "multilabel") {
    if (targetCols !== predsCols)
      fail(
        "shape_mismatch",
        `${FN}: multilabel --preds has ${predsCols} columns and --target ${targetCols}; they must match`,
      );
    return { task: resolved, numClasses: numClasses ?? targetCols };
  }
  if (targetCols !== 1)
    fail("shape_mismatch", `${FN}: --target must have one column for a ${resolved} task, got ${targetCols}`);
  if (resolved === "binary") {
    if (predsCols !== 1)
      fail(
        "shape_mismatch",
        `${FN}: --preds must have one column (scores) for a binary task, got ${predsCols}`,
      );
    return { task: resolved, numClasses: 2 };
  }
  if (predsCols === 1 && !profile.predsAllInteger && task === "multiclass")
    fail(
      "invalid_value",
      `${FN}: --preds has one column of non-integer values (scores?) but the task is multiclass, which needs class labels or one score column per class; for one score per sample use --task binary`,
    );
  let k = numClasses;
  if (k === undefined) {
    if (predsCols > 1) k = predsCols;
    else {
      const largest = Math.max(profile.predsMax, profile.targetMax);
      const distinct = profile.targetLabels?.size ?? largest + 1;
      // Labels are class indices 0..C-1; a large label among few distinct ones is more likely an id or a mistake.
      if (largest + 1 > 10 * distinct + 10)
        fail(
          "invalid_value",
          `${FN}: the largest label is ${largest} but --target holds only ${distinct} distinct labels; labels are class indices 0..C-1, so pass --num-classes ${largest + 1} if that is right`,
        );
      k = largest + 1;
    }
  }
  if (predsCols > 1 && predsCols !== k)
    fail("shape_mismatch", `${FN}: --preds has ${predsCols} score columns but --num-classes is ${k}`);
  return { task: resolved, numClasses: Math.max(2, k) };
}

/** The plan: task, class count, and how the prediction values are read (with notes). */
export function planSuite(
  profile: InputProfile,
  flags: { task?: ClassificationTask | undefined; numClasses?: number | undefined; predsKind: PredsKind },
): SuitePlan {
  if (profile.rows === 0) fail("empty_input", `${FN}: the input files hold no rows`);
  const { task, numClasses } = inferTask(profile, flags.task, flags.numClasses);
  // The suite's confusion-matrix metrics hold C x C counts.
  if (task === "multiclass")
    assertAllocation(
      FN,
      `${numClasses} classes (a ${numClasses} x ${numClasses} confusion matrix)`,
      numClasses * numClasses * 8,
    );
  const notes: string[] = [];
  if (task === "multiclass" && profile.predsCols === 1) {
    notes.push("predictions are labels: score metrics (AUROC, AP, log loss, Brier, ECE) need a score matrix");
    return { task, numClasses, kind: "labels", notes };
  }
  const inUnit = profile.predsMin >= 0 && profile.predsMax <= 1;
  const kind = flags.predsKind === "auto" ? (inUnit ? "probabilities" : "logits") : flags.predsKind;
  if (kind === "logits") {
    const how = task === "multiclass" ? "softmax per row" : "sigmoid";
    notes.push(
      flags.predsKind === "logits"
        ? `predictions read as logits (--preds-kind logits): ${how} applied for threshold and probability metrics`
        : `scores outside [0, 1] (${profile.predsMin < 0 ? profile.predsMin : profile.predsMax}) were read as logits: ${how} applied for threshold and probability metrics`,
    );
  } else if (task === "multiclass" && profile.rowSumDeviation > ROW_SUM_TOLERANCE) {
    notes.push(
      `probability rows do not sum to 1 (largest deviation ${profile.rowSumDeviation.toPrecision(3)}, tolerance ${ROW_SUM_TOLERANCE}): log loss and Brier divide each row by its sum, as sklearn log_loss does`,
    );
  }
  return { task, numClasses, kind, notes };
}

/** A batch in the views the metrics take. */
interface BatchViews {
  /** Predictions as given: a vector (one column) or a row-major matrix. */
  raw: unknown;
  /** Probabilities: raw, or sigmoid/softmax of logits. */
  probs: unknown;
  /** Probabilities with rows divided by their sums (log loss, Brier; multiclass only). */
  normalized: unknown;
  target: unknown;
}

/** One metric of the suite: its report name, its definition and which view it reads. */
interface SuiteEntry {
  name: string;
  def: AnyMetricDef;
  view: "raw" | "probs" | "normalized";
}

/** Members fed the raw predictions: rankings and argmax do not change under a monotone squash. */
const RAW_VIEW = new Set([
  "auroc",
  "average_precision",
  "accuracy",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "f1_weighted",
  "balanced_accuracy",
  "mcc",
  "cohen_kappa",
  "auroc_macro",
  "average_precision_macro",
  "label_ranking_average_precision",
  "label_ranking_loss",
  "coverage_error",
]);

/**
 * The suite's metrics for a plan, in report order: the members of the public
 * `classificationSuiteMembers` (plumbline/classification), each reading the view of the batch its
 * values need (raw scores for rankings, probabilities for thresholds and calibration, rows divided
 * by their sums for multiclass log loss and Brier score).
 */
function suiteEntries(plan: SuitePlan): SuiteEntry[] {
  const { task, numClasses } = plan;
  const members = C.classificationSuiteMembers(
    task === "multilabel"
      ? { task, numLabels: numClasses }
      : task === "multiclass"
        ? { task, numClasses, scores: plan.kind !== "labels" }
        : { task },
  );
  return Object.entries(members).map(([name, def]) => {
    const raw = RAW_VIEW.has(name) && !(task === "binary" && name === "accuracy");
    const view: SuiteEntry["view"] =
      task === "multiclass" && (name === "log_loss" || name === "brier_score" || name === "ece")
        ? "normalized"
        : raw || name.startsWith("top_")
          ? "raw"
          : "probs";
    return { name, def, view };
  });
}

/** Every name `--metrics` accepts for some task. */
const ANY_TASK_VOCABULARY = [
  ...new Set(
    (["binary", "multiclass", "multilabel"] as const).flatMap((task) =>
      [3, 4, 5, 6].flatMap((numClasses) =>
        suiteEntries({ task, numClasses, kind: "probabilities", notes: [] }).map((e) => e.name),
      ),
    ),
  ),
];

/** The names `--metrics` accepts for a plan. */
export function suiteVocabulary(plan: SuitePlan): string[] {
  return suiteEntries(plan).map((e) => e.name);
}

function rowMajor(columns: readonly Float64Array[], rows: number): Float64Array {
  if (columns.length === 1) return columns[0]!;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    const column = columns[c]!;
    for (let r = 0; r < rows; r++) data[r * cols + c] = column[r]!;
  }
  return data;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

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

function normalizeRows(data: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let r = 0; r < data.length / cols; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += data[r * cols + c]!;
    for (let c = 0; c < cols; c++) out[r * cols + c] = data[r * cols + c]! / sum;
  }
  return out;
}

/** The views of one batch that `needed` entries read. */
function batchViews(plan: SuitePlan, batch: PairedBatch, needed: Set<SuiteEntry["view"]>): BatchViews {
  const rows = batch.rows;
  const cols = batch.preds.length;
  const data = rowMajor(batch.preds, rows);
  const asInput = (d: Float64Array) => (cols === 1 ? d : { data: d, rows, cols });
  const raw = asInput(data);
  const target =
    plan.task === "multilabel"
      ? { data: rowMajor(batch.target, rows), rows, cols: batch.target.length }
      : batch.target[0]!;
  let probs: unknown = raw;
  let normalized: unknown = raw;
  if (plan.kind === "logits" && (needed.has("probs") || needed.has("normalized"))) {
    const p = plan.task === "multiclass" ? softmaxRows(data, cols) : data.map(sigmoid);
    probs = normalized = asInput(p);
  } else if (plan.kind === "probabilities" && plan.task === "multiclass" && needed.has("normalized")) {
    normalized = asInput(normalizeRows(data, cols));
  }
  return { raw, probs, normalized, target };
}

/** The suite being fed batch by batch. */
export interface RunningSuite {
  readonly plan: SuitePlan;
  readonly entries: readonly SuiteEntry[];
  readonly metrics: Metric<unknown, unknown[], unknown>[];
  samples: number;
  update(batch: PairedBatch): void;
  result(): SuiteResult;
}

/** Starts the suite for a plan, restricted to `names` (default: all). */
export function startSuite(plan: SuitePlan, names?: readonly string[]): RunningSuite {
  const all = suiteEntries(plan);
  const entries = names === undefined ? all : all.filter((e) => names.includes(e.name));
  const metrics = entries.map((e) => createMetric(e.def) as Metric<unknown, unknown[], unknown>);
  const needed = new Set(entries.map((e) => e.view));
  const suite: RunningSuite = {
    plan,
    entries,
    metrics,
    samples: 0,
    update(batch) {
      const views = batchViews(plan, batch, needed);
      entries.forEach((entry, k) => {
        metrics[k]!.update(views[entry.view], views.target);
      });
      suite.samples += batch.rows;
    },
    result() {
      return suiteResult(plan, entries, metrics, suite.samples);
    },
  };
  return suite;
}

function suiteResult(
  plan: Pick<SuitePlan, "task" | "numClasses" | "notes">,
  entries: readonly Pick<SuiteEntry, "name">[],
  metrics: readonly Pick<Metric<unknown, unknown[], unknown>, "compute">[],
  samples: number,
): SuiteResult {
  const rows: SuiteRow[] = [];
  entries.forEach((entry, k) => {
    const value = metrics[k]!.compute() as number | { tp: number; fp: number; tn: number; fn: number };
    if (
      entry.name === "stat_scores" &&
      typeof value === "object" &&
      value !== null &&
      typeof value.tp === "number"
    ) {
      for (const key of ["tp", "fp", "tn", "fn"] as const) rows.push({ metric: key, value: value[key] });
    } else if (typeof value === "number") rows.push({ metric: entry.name, value });
    else
      fail(
        "invalid_state",
        `merge: the state files name a metric ${JSON.stringify(entry.name)} whose result is not a number`,
      );
  });
  // The confusion counts close the binary table.
  const counts = rows.filter((r) => ["tp", "fp", "tn", "fn"].includes(r.metric));
  const ordered = [...rows.filter((r) => !counts.includes(r)), ...counts];
  return {
    task: plan.task,
    samples,
    numClasses: plan.task === "binary" ? 2 : plan.numClasses,
    rows: ordered,
    notes: plan.notes,
  };
}

/**
 * The table of merged states (`plumbline merge`), or undefined when the states are not a suite
 * this command wrote. The task and class count come from each shard's summary (they must agree;
 * the sample counts add up); each merged metric is named by finding its (id, options) among the
 * suite's definitions, so a state file cannot relabel a metric.
 */
export function mergedSuiteResult(
  summaries: readonly Record<string, unknown>[],
  merged: readonly { key: string; metric: Pick<Metric<unknown, unknown[], unknown>, "compute"> }[],
): SuiteResult | undefined {
  const first = summaries[0] ?? {};
  const task = first.task as ClassificationTask;
  const numClasses = first.numClasses;
  if (
    !TASKS.includes(task) ||
    typeof numClasses !== "number" ||
    !Number.isInteger(numClasses) ||
    numClasses < 2
  )
    return undefined;
  if (summaries.some((s) => s.task !== task || s.numClasses !== numClasses))
    fail("invalid_state", "merge: the state files come from different classification tasks or class counts");
  const plan: SuitePlan = { task, numClasses, kind: "probabilities", notes: [] };
  const nameOf = new Map(suiteEntries(plan).map((e) => [`${e.def.id}\u0000${optionsKey(e.def)}`, e.name]));
  const names = merged.map((m) => nameOf.get(m.key));
  if (names.some((n) => n === undefined)) return undefined;
  let samples = 0;
  for (const s of summaries) samples += typeof s.samples === "number" ? s.samples : Number.NaN;
  const notes = [...new Set(summaries.flatMap((s) => (Array.isArray(s.notes) ? s.notes.map(String) : [])))];
  return suiteResult(
    { task, numClasses, notes },
    names.map((name) => ({ name: name! })),
    merged.map((m) => m.metric),
    samples,
  );
}

/** Splits an in-memory matrix into columns. */
function columnsOf(m: { data: Float64Array; rows: number; cols: number }): Float64Array[] {
  return Array.from({ length: m.cols }, (_, c) => {
    const out = new Float64Array(m.rows);
    for (let r = 0; r < m.rows; r++) out[r] = m.data[r * m.cols + c]!;
    return out;
  });
}

/**
 * The task's standard suite over arrays in memory: accuracy, precision, recall, F1 (macro for
 * multiclass), balanced accuracy, MCC, Cohen's kappa, AUROC, average precision, log loss, Brier
 * score, ECE, and for multilabel the ranking metrics. Scores outside [0, 1] are read as logits
 * (sigmoid, or softmax per row) for the metrics that need probabilities, with a note, as
 * torchmetrics does; probability rows are never squashed.
 */
export function classificationSuite(
  input: SuiteInput,
  predsKind: PredsKind = "auto",
): SuiteResult & { metrics: Metric<unknown, unknown[], unknown>[] } {
  if (input.preds.rows !== input.target.rows)
    fail(
      "shape_mismatch",
      `${FN}: --preds has ${input.preds.rows} rows and --target has ${input.target.rows}; they must match`,
    );
  const batch: PairedBatch = {
    preds: columnsOf(input.preds),
    target: columnsOf(input.target),
    rows: input.preds.rows,
  };
  const profile = emptyProfile(input.preds.cols, input.target.cols);
  profileBatch(profile, batch);
  const plan = planSuite(profile, { task: input.task, numClasses: input.numClasses, predsKind });
  const suite = startSuite(plan);
  suite.update(batch);
  return { ...suite.result(), metrics: suite.metrics };
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

/** The suite in every output format (table, JSON, CSV). */
export function suiteOutput(result: SuiteResult) {
  return {
    table: () => formatSuiteTable(result),
    json: () => ({
      task: result.task,
      samples: result.samples,
      numClasses: result.numClasses,
      metrics: Object.fromEntries(result.rows.map((r) => [r.metric, r.value])),
      notes: result.notes,
    }),
    csv: () => ({ header: ["metric", "value"], rows: result.rows.map((r) => [r.metric, r.value]) }),
  };
}

interface Flags extends InputFlags, StateFlags, ScaleFlags {
  memoryBudget?: string;
  report?: string;
  predsColumns?: string;
  targetColumns?: string;
  task?: string;
  numClasses?: string;
  predsKind: string;
  metrics?: string;
  format: string;
}

/** The suite member a table row comes from: the confusion counts are the stat scores'. */
export function suiteRowMetric(row: readonly unknown[]): string {
  const name = String(row[0]);
  return ["tp", "fp", "tn", "fn"].includes(name) ? "stat_scores" : name;
}

/** What `eval classification` prints, signs and reports. */
function classificationEvaluation(suite: RunningSuite, result: SuiteResult): Evaluation {
  // States are read only for the report: a curve spilled to disk (--memory-budget) has none to give.
  const states = () =>
    suite.entries.map((e, k) => ({ name: e.name, def: e.def, state: suite.metrics[k]!.state }));
  return {
    output: suiteOutput(result),
    metrics: suite.entries.map((e) => ({ name: e.name, def: e.def })),
    rowMetric: suiteRowMetric,
    results: () => ({ task: "classification", metrics: states(), notes: result.notes }),
  };
}

/** Reads, plans (with a first pass over files when something must be inferred) and runs the suite. */
export async function evaluateClassification(flags: Flags): Promise<RunningSuite> {
  const task = flags.task === undefined ? undefined : parseChoice(FN, "--task", flags.task, TASKS);
  const numClasses =
    flags.numClasses === undefined
      ? undefined
      : parseNumberFlag(FN, "--num-classes", flags.numClasses, { min: 2, integer: true });
  const predsKind = parseChoice(FN, "--preds-kind", flags.predsKind, PREDS_KINDS);
  const columns = { preds: parseList(flags.predsColumns), target: parseList(flags.targetColumns) };
  const open = () => openPairedInput(FN, flags, columns);
  let input = await open();
  const shape = emptyProfile(input.predsNames.length, input.targetNames.length);
  const metricNames = parseList(flags.metrics);
  // Unknown names fail now, not after a first pass over a big file (the task's own list is checked later).
  if (metricNames !== undefined) parseMetricList(FN, metricNames, ANY_TASK_VOCABULARY, []);
  // What must be learnt from the values before the metrics can start?
  let plan: SuitePlan | undefined;
  let names: string[] | undefined;
  const unknowns: string[] = [];
  if (task === undefined) unknowns.push("--task");
  else if (task === "multiclass" && numClasses === undefined && shape.predsCols === 1)
    unknowns.push("--num-classes");
  else {
    const known = { ...shape, rows: 1, predsAllInteger: true, predsMin: 0, predsMax: 0, targetMax: 0 };
    plan = planSuite(known, {
      task,
      numClasses,
      predsKind: predsKind === "auto" ? "probabilities" : predsKind,
    });
    names =
      metricNames && parseMetricList(`${FN} (${plan.task} task)`, metricNames, suiteVocabulary(plan), []);
    const readsProbabilities = startSuite(plan, names).entries.some((e) => e.view !== "raw");
    if (predsKind === "auto" && plan.kind !== "labels" && readsProbabilities) {
      unknowns.push("--preds-kind");
      plan = undefined;
    }
  }
  if (plan === undefined) {
    if (input.isStream)
      fail(
        "invalid_option",
        `${FN}: stdin is read once, so nothing can be inferred from a first pass; pass ${unknowns.join(", ")}`,
      );
    if (flags.workers !== undefined && isScaled(FN, flags)) await scanScaled(FN, flags, input, shape);
    else {
      const progress = startProgress("scanning", input.totalBytes);
      try {
        for await (const batch of input.batches()) {
          profileBatch(shape, batch);
          progress.update(input.bytesRead());
        }
      } finally {
        progress.stop();
      }
    }
    plan = planSuite(shape, { task, numClasses, predsKind });
    names =
      metricNames && parseMetricList(`${FN} (${plan.task} task)`, metricNames, suiteVocabulary(plan), []);
    input = await open();
  }
  const suite = startSuite(plan, names);
  spillExactCurves(FN, flags, suite);
  if (isScaled(FN, flags))
    suite.samples = await runScaled(
      FN,
      flags,
      "eval classification",
      { plan, names },
      input,
      suite.metrics,
      flags.emitState !== undefined || flags.report !== undefined,
    );
  else {
    const progress = startProgress("evaluating", input.totalBytes);
    try {
      for await (const batch of input.batches()) {
        suite.update(batch);
        progress.update(input.bytesRead());
      }
    } finally {
      progress.stop();
    }
  }
  if (suite.samples === 0) fail("empty_input", `${FN}: the input files hold no rows`);
  if (unknowns.length > 0 && suite.samples !== shape.rows)
    fail(
      "io_error",
      `${FN}: the input changed between the two passes (${shape.rows} rows, then ${suite.samples})`,
    );
  return suite;
}

/** `plumbline eval classification`: reads predictions and targets, prints the task's standard suite. */
export function register(evalCommand: Command): void {
  const command = evalCommand
    .command("classification")
    .description("evaluate classification predictions (binary, multiclass or multilabel)")
    .requiredOption("--preds <file>", "predictions (scores, a score matrix, or labels); - for stdin")
    .requiredOption(
      "--target <file>",
      "targets (labels, or a 0/1 matrix for multilabel); may be the --preds file",
    )
    .option(
      "--preds-columns <names>",
      "columns of --preds to read (names or 0-based positions; default: all, or all but the target's)",
    )
    .option(
      "--target-columns <names>",
      "columns of --target to read (default: all, or target/label when it is the --preds file)",
    )
    .option("--task <task>", "binary | multiclass | multilabel (inferred when left out)")
    .option("--num-classes <n>", "number of classes (or labels)")
    .option(
      "--preds-kind <kind>",
      "auto | probabilities | logits (auto: values outside [0, 1] are logits)",
      "auto",
    )
    .option("--metrics <names>", "only these metrics of the suite (comma-separated)");
  addInputOptions(command);
  addFormatOption(command);
  addStateOptions(command);
  addScaleOptions(command);
  addMemoryBudgetOption(command);
  addReportOption(command);
  command.action((flags: Flags) =>
    runAction(async () => {
      const format = parseFormat(FN, flags.format);
      isScaled(FN, flags);
      await checkStatePath(FN, flags.emitState);
      await checkOutputPath(FN, "--report", flags.report);
      const suite = await evaluateClassification(flags);
      const result = suite.result();
      const summary = {
        task: result.task,
        samples: result.samples,
        numClasses: result.numClasses,
        notes: result.notes,
      };
      const names = suite.entries.map((e) => e.name);
      if (await writeEvalState(FN, flags, suite.metrics, inputLabel(flags, suite.samples), names, summary))
        return;
      await finishEvaluation(format, flags, classificationEvaluation(suite, result));
    }),
  );
}

// ---------------------------------------------------------------- sharded runs (sharded.ts)

/**
 * `eval classification`'s first pass (what the values say about the task, the class count and
 * the kind of predictions) on `--workers` threads: each shard's profile, merged into `profile`.
 */
export async function scanScaled(
  fn: string,
  flags: InputFlags & ScaleFlags,
  input: PairedInput,
  profile: InputProfile,
): Promise<void> {
  const config = { predsCols: profile.predsCols, targetCols: profile.targetCols };
  const { summaries } = await gatherScaled(fn, flags, "eval classification scan", config, input);
  for (const summary of summaries) mergeProfile(profile, summary as InputProfile);
}

/** Folds profile `b` into `a` (the same as profiling both inputs' batches into `a`). */
export function mergeProfile(a: InputProfile, b: InputProfile): void {
  a.rows += b.rows;
  a.predsMin = Math.min(a.predsMin, b.predsMin);
  a.predsMax = Math.max(a.predsMax, b.predsMax);
  a.predsAllInteger &&= b.predsAllInteger;
  a.targetMax = Math.max(a.targetMax, b.targetMax);
  for (const label of b.targetLabels) if (a.targetLabels.size < MAX_DISTINCT) a.targetLabels.add(label);
  // A NaN deviation stays NaN, as profileBatch keeps it.
  if (Number.isNaN(a.rowSumDeviation) || Number.isNaN(b.rowSumDeviation)) a.rowSumDeviation = Number.NaN;
  else a.rowSumDeviation = Math.max(a.rowSumDeviation, b.rowSumDeviation);
}

/** `eval classification`'s first pass on a shard: the profile of its values. */
export const classificationScanRunner: SuiteStarter = (config) => {
  const { predsCols, targetCols } = config as { predsCols: number; targetCols: number };
  const profile = emptyProfile(predsCols, targetCols);
  return { metrics: [], update: (batch) => profileBatch(profile, batch), summary: () => profile };
};

/** `eval classification`'s suite on a shard: the plan and metric names decided before the pass. */
export const classificationRunner: SuiteStarter = (config) => {
  const { plan, names } = config as { plan: SuitePlan; names?: string[] };
  return startSuite(plan, names);
};
