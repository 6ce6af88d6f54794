/**
 * `plumbline compare <task>`: two systems' predictions on the same data, compared metric by
 * metric with the paired test that fits each (see `compare` in plumbline/stats): both values,
 * the difference, its confidence interval, the p-value and its multiple-comparison adjustment.
 * `--format table|json|csv|html` (html: a self-contained page, to stdout or `--out`).
 */
import { writeFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { describeValue, fail } from "../core/errors.js";
import { assertAllocation } from "../core/limits.js";
import type { AnyMetricDef } from "../metric.js";
import * as C from "../metrics/classification/index.js";
import * as Reg from "../metrics/regression/index.js";
import { barChartSvg } from "../report/bar-chart.js";
import { formatNumber } from "../report/escape.js";
import { htmlReport } from "../report/html.js";
import { signature } from "../signature/signature.js";
import { type CompareOptions, type Comparison, compare } from "../stats/compare.js";
import { CORRECTIONS } from "../stats/corrections.js";
import { MAX_RESAMPLES } from "../stats/metric-resampling.js";
import type { SampleAxis } from "../stats/samples.js";
import { runAction } from "./errors.js";
import { readNumericTable } from "./eval/read-table.js";
import {
  type Format,
  parseChoice,
  parseMetricList,
  parseNumberFlag,
  readTextInput,
  startProgress,
  toCsvText,
  toJsonText,
} from "./grammar.js";

const FN = "compare";
const FORMATS = ["table", "json", "csv", "html"] as const;

/** What a task's comparison needs: the metrics (by name) and each system's arguments. */
interface Plan {
  readonly description: string;
  readonly metrics: Readonly<Record<string, AnyMetricDef>>;
  readonly argsA: readonly unknown[];
  readonly argsB: readonly unknown[];
  readonly axes?: readonly SampleAxis[];
}

interface Flags {
  target?: string;
  predsA?: string;
  predsB?: string;
  ref?: string[];
  hypA?: string;
  hypB?: string;
  numClasses?: string;
  metrics?: string;
  test: string;
  resamples: string;
  seed: string;
  confidence: string;
  correction: string;
  names?: string;
  format: string;
  out?: string;
}

function need(flags: Flags, key: keyof Flags, flag: string, task: string): string {
  const value = flags[key];
  if (typeof value !== "string") fail("invalid_option", `${FN} ${task}: ${flag} is required`);
  return value;
}

async function readMatrix(path: string) {
  return (await readNumericTable(path, FN)).matrix();
}

/** The largest value of the arrays (a loop: spreading a million values overflows the stack). */
function largest(arrays: readonly Float64Array[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const array of arrays) for (let i = 0; i < array.length; i++) if (array[i]! > max) max = array[i]!;
  return max;
}

function isBinaryColumn(data: Float64Array): boolean {
  return data.every((v) => v === 0 || v === 1);
}

/** Classification: binary (one score column) or multiclass (a score matrix or labels). */
async function classificationPlan(flags: Flags): Promise<Plan> {
  const target = await readMatrix(need(flags, "target", "--target", "classification"));
  const a = await readMatrix(need(flags, "predsA", "--preds-a", "classification"));
  const b = await readMatrix(need(flags, "predsB", "--preds-b", "classification"));
  if (target.cols !== 1)
    fail(
      "shape_mismatch",
      `${FN} classification: --target must have one column (labels), got ${target.cols}`,
    );
  if (a.cols !== b.cols)
    fail("shape_mismatch", `${FN} classification: --preds-a has ${a.cols} columns and --preds-b ${b.cols}`);
  const t = target.data;
  if (a.cols === 1 && isBinaryColumn(t) && flags.numClasses === undefined) {
    const vocabulary: Record<string, () => AnyMetricDef> = {
      accuracy: () => C.binaryAccuracyDef(),
      f1: () => C.binaryF1Def(),
      precision: () => C.binaryPrecisionDef(),
      recall: () => C.binaryRecallDef(),
      mcc: () => C.binaryMatthewsCorrcoefDef(),
      auroc: () => C.binaryAurocDef(),
      average_precision: () => C.binaryAveragePrecisionDef(),
      brier_score: () => C.binaryBrierScoreDef(),
    };
    const names = parseMetricList(FN, flags.metrics, Object.keys(vocabulary), [
      "accuracy",
      "f1",
      "auroc",
      "average_precision",
    ]);
    return {
      description: `binary classification, ${t.length} samples`,
      metrics: Object.fromEntries(names.map((n) => [n, vocabulary[n]!()])),
      argsA: [a.data, t],
      argsB: [b.data, t],
    };
  }
  let numClasses =
    flags.numClasses === undefined
      ? undefined
      : parseNumberFlag(FN, "--num-classes", flags.numClasses, { min: 2, integer: true });
  if (numClasses === undefined) numClasses = a.cols > 1 ? a.cols : largest([t, a.data, b.data]) + 1;
  // The metrics keep a numClasses² confusion matrix: within the allocation budget, or exit 2.
  assertAllocation(
    `${FN} classification`,
    `a confusion matrix of ${numClasses} classes`,
    numClasses * numClasses * 8,
  );
  const options = { numClasses };
  const vocabulary: Record<string, () => AnyMetricDef> = {
    accuracy: () => C.multiclassAccuracyDef({ ...options, average: "micro" }),
    f1_macro: () => C.multiclassF1Def(options),
    precision_macro: () => C.multiclassPrecisionDef(options),
    recall_macro: () => C.multiclassRecallDef(options),
    mcc: () => C.multiclassMatthewsCorrcoefDef(options),
    ...(a.cols > 1
      ? {
          auroc_macro: () => C.multiclassAurocDef(options),
          average_precision_macro: () => C.multiclassAveragePrecisionDef(options),
        }
      : {}),
  };
  const names = parseMetricList(FN, flags.metrics, Object.keys(vocabulary), [
    "accuracy",
    "f1_macro",
    ...(a.cols > 1 ? ["auroc_macro"] : []),
  ]);
  const asArg = (m: { data: Float64Array; rows: number; cols: number }) => (m.cols > 1 ? m : m.data);
  return {
    description: `multiclass classification, ${numClasses} classes, ${t.length} samples`,
    metrics: Object.fromEntries(names.map((n) => [n, vocabulary[n]!()])),
    argsA: [asArg(a), t],
    argsB: [asArg(b), t],
  };
}

async function regressionPlan(flags: Flags): Promise<Plan> {
  const column = async (key: keyof Flags, flag: string) => {
    const m = await readMatrix(need(flags, key, flag, "regression"));
    if (m.cols !== 1) fail("shape_mismatch", `${FN} regression: ${flag} must have one column, got ${m.cols}`);
    return m.data;
  };
  const t = await column("target", "--target");
  const a = await column("predsA", "--preds-a");
  const b = await column("predsB", "--preds-b");
  const vocabulary: Record<string, () => AnyMetricDef> = {
    mae: () => Reg.meanAbsoluteErrorDef(),
    mse: () => Reg.meanSquaredErrorDef(),
    rmse: () => Reg.rootMeanSquaredErrorDef(),
    r2: () => Reg.r2ScoreDef(),
    mape: () => Reg.meanAbsolutePercentageErrorDef(),
    pearson: () => Reg.pearsonCorrelationDef(),
  };
  const names = parseMetricList(FN, flags.metrics, Object.keys(vocabulary), ["mae", "rmse", "r2"]);
  return {
    description: `regression, ${t.length} samples`,
    metrics: Object.fromEntries(names.map((n) => [n, vocabulary[n]!()])),
    argsA: [a, t],
    argsB: [b, t],
  };
}

async function lines(path: string): Promise<string[]> {
  const text = await readTextInput(FN, path);
  const out = text.split(/\r?\n/);
  if (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

/**
 * Text: sacrebleu's corpus BLEU, chrF and TER. The references go in the layout the text
 * module's corpus functions take: sacrebleu's reference streams when it exports
 * `toReferenceStreams` (0.2), per-hypothesis lists otherwise.
 */
async function textPlan(flags: Flags): Promise<Plan> {
  const T = (await import("../metrics/text/index.js")) as unknown as Record<
    string,
    (o?: unknown) => AnyMetricDef
  >;
  const refFiles = flags.ref ?? [];
  if (refFiles.length === 0) fail("invalid_option", `${FN} text: --ref is required (once per reference set)`);
  const streams = await Promise.all(refFiles.map(lines));
  const a = await lines(need(flags, "hypA", "--hyp-a", "text"));
  const b = await lines(need(flags, "hypB", "--hyp-b", "text"));
  streams.forEach((s, k) => {
    if (s.length !== a.length)
      fail(
        "shape_mismatch",
        `${FN} text: --ref ${refFiles[k]} has ${s.length} lines and --hyp-a ${a.length}`,
      );
  });
  const streamLayout = typeof T.toReferenceStreams === "function";
  const references = streamLayout ? streams : a.map((_, i) => streams.map((s) => s[i]!));
  const vocabulary: Record<string, () => AnyMetricDef> = {
    bleu: () => T.corpusBleuDef!(),
    chrf: () => T.chrfDef!(),
    ter: () => T.terDef!(),
  };
  const names = parseMetricList(FN, flags.metrics, Object.keys(vocabulary), ["bleu", "chrf", "ter"]);
  const axes: SampleAxis[] = ["rows", streamLayout ? "streams" : "rows"];
  return {
    description: `text, ${a.length} segments, ${streams.length} reference${streams.length === 1 ? "" : "s"}`,
    metrics: Object.fromEntries(names.map((n) => [n, vocabulary[n]!()])),
    argsA: [a, references],
    argsB: [b, references],
    axes,
  };
}

const PLANS: Readonly<Record<string, (flags: Flags) => Promise<Plan>>> = {
  classification: classificationPlan,
  regression: regressionPlan,
  text: textPlan,
};

/** The comparison with each metric's signature. */
export interface CompareOutput extends Comparison {
  readonly description: string;
  readonly signatures: Readonly<Record<string, string>>;
}

function intervalText(low: number, high: number): string {
  return `[${formatNumber(low)}, ${formatNumber(high)}]`;
}

function pText(p: number): string {
  if (Number.isNaN(p)) return "NaN";
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}

/** The comparison as an aligned table. */
export function formatComparisonTable(out: CompareOutput): string {
  const [a, b] = out.names;
  const level = `${Math.round(out.confidence * 100)}% interval`;
  const adjusted = out.correction === "none" ? "p" : `p (${out.correction === "holm" ? "Holm" : "BH"})`;
  const header = ["metric", a, b, `${a} - ${b}`, level, "p", adjusted, "test"];
  const rows = out.rows.map((r) => [
    r.metric,
    formatNumber(r.valueA),
    formatNumber(r.valueB),
    formatNumber(r.difference),
    intervalText(r.low, r.high),
    pText(r.pValue),
    pText(r.adjustedPValue),
    r.test,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join("  ")
      .trimEnd();
  return [
    `compare (${out.description}; ${a} vs ${b})`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    ...out.notes.map((n) => `note: ${n}`),
    ...Object.entries(out.signatures).map(([name, s]) => `signature ${name}: ${s}`),
  ].join("\n");
}

/** The comparison as a self-contained HTML page (table and a plot of the differences with intervals). */
export function comparisonHtml(out: CompareOutput): string {
  const [a, b] = out.names;
  const table = {
    columns: [
      "metric",
      a,
      b,
      `${a} − ${b}`,
      `${Math.round(out.confidence * 100)}% interval`,
      "p",
      "adjusted p",
      "test",
      "signature",
    ],
    rows: out.rows.map((r) => [
      r.metric,
      r.valueA,
      r.valueB,
      r.difference,
      intervalText(r.low, r.high),
      pText(r.pValue),
      pText(r.adjustedPValue),
      r.test,
      out.signatures[r.metric] ?? r.id,
    ]),
  };
  const figure = barChartSvg(
    {
      title: `Differences ${a} − ${b} with ${Math.round(out.confidence * 100)}% intervals`,
      categories: out.rows.map((r) => r.metric),
      series: [
        {
          name: `${a} − ${b}`,
          values: out.rows.map((r) => r.difference),
          low: out.rows.map((r) => r.low),
          high: out.rows.map((r) => r.high),
        },
      ],
      valueLabel: `${a} − ${b}`,
    },
    { id: "fig-1" },
  );
  return htmlReport(`${a} vs ${b}: ${out.description}`, [
    {
      heading: "Comparison",
      ...(out.notes.length ? { text: out.notes.join(" ") } : {}),
      table,
      figures: [figure],
    },
  ]);
}

/** Runs a comparison from the command's flags (what the command prints, in every format). */
export async function runCompare(
  task: string,
  flags: Flags,
): Promise<{ format: Format | "html"; text: string }> {
  const format = parseChoice(FN, "--format", flags.format, FORMATS);
  const plan = PLANS[parseChoice(FN, "the task", task, Object.keys(PLANS))]!;
  const test = parseChoice(FN, "--test", flags.test, ["bootstrap", "permutation"] as const);
  const correction = parseChoice(FN, "--correction", flags.correction, CORRECTIONS);
  const names = (flags.names ?? "A,B").split(",").map((s) => s.trim());
  if (names.length !== 2 || names.some((s) => s.length === 0))
    fail(
      "invalid_option",
      `${FN}: --names must be two names separated by a comma, got ${describeValue(flags.names)}`,
    );
  const options: CompareOptions = {
    test,
    resamples: parseNumberFlag(FN, "--resamples", flags.resamples, {
      min: 1,
      max: MAX_RESAMPLES,
      integer: true,
    }),
    seed: parseNumberFlag(FN, "--seed", flags.seed, { min: 0, max: 2 ** 32 - 1, integer: true }),
    confidence: parseNumberFlag(FN, "--confidence", flags.confidence, {
      min: 0,
      max: 1,
      minExclusive: true,
      maxExclusive: true,
    }),
    correction,
    names: [names[0]!, names[1]!],
  };
  const p = await plan(flags);
  const progress = startProgress("comparing", Object.keys(p.metrics).length);
  const comparison = compare(p.metrics, p.argsA, p.argsB, {
    ...options,
    ...(p.axes ? { axes: p.axes } : {}),
    onProgress: (done) => progress.update(done),
  });
  progress.stop();
  const signatures: Record<string, string> = {};
  for (const [name, def] of Object.entries(p.metrics)) signatures[name] = await signature(def);
  const out: CompareOutput = { ...comparison, description: p.description, signatures };
  if (format === "json")
    return {
      format,
      text: toJsonText({ ...out, rows: out.rows.map((r) => ({ ...r, signature: signatures[r.metric] })) }),
    };
  if (format === "csv") {
    const header = [
      "metric",
      "id",
      "value_a",
      "value_b",
      "difference",
      "low",
      "high",
      "p_value",
      "adjusted_p_value",
      "test",
      "signature",
    ];
    const rows = out.rows.map((r) => [
      r.metric,
      r.id,
      r.valueA,
      r.valueB,
      r.difference,
      r.low,
      r.high,
      r.pValue,
      r.adjustedPValue,
      r.test,
      signatures[r.metric],
    ]);
    return { format, text: toCsvText(header, rows) };
  }
  if (format === "html") return { format, text: comparisonHtml(out) };
  return { format: "table", text: `${formatComparisonTable(out)}\n` };
}

/** `plumbline compare <task>`. */
export function registerCompare(program: Command): void {
  program
    .command("compare <task>")
    .description(
      "compare two systems on the same data: values, difference, interval and paired-test p-value per metric",
    )
    .option("--target <file>", "classification/regression: targets (CSV, JSON or JSONL)")
    .option("--preds-a <file>", "classification/regression: system A's predictions")
    .option("--preds-b <file>", "classification/regression: system B's predictions")
    .option(
      "--ref <file>",
      "text: a reference file, one segment per line (repeat for several references)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option("--hyp-a <file>", "text: system A's hypotheses, one segment per line")
    .option("--hyp-b <file>", "text: system B's hypotheses")
    .option("--num-classes <n>", "classification: number of classes (multiclass)")
    .option("--metrics <names>", "metrics to compare (comma-separated; the task's vocabulary)")
    .addOption(
      new Option(
        "--test <test>",
        "resampling test for metrics without a dedicated one: bootstrap | permutation",
      ).default("bootstrap"),
    )
    .option("--resamples <n>", "resamples of the resampling tests", "1000")
    .option("--seed <n>", "seed of the resampling tests", "0")
    .option("--confidence <level>", "confidence level of the intervals", "0.95")
    .addOption(
      new Option("--correction <method>", `p-value adjustment: ${CORRECTIONS.join(" | ")}`).default("holm"),
    )
    .option("--names <a,b>", "names of the two systems", "A,B")
    .addOption(new Option("--format <format>", `output format: ${FORMATS.join(" | ")}`).default("table"))
    .option("--out <file>", "write the output to this file instead of stdout")
    .action((task: string, flags: Flags) =>
      runAction(async () => {
        const { text } = await runCompare(task, flags);
        if (flags.out === undefined) process.stdout.write(text);
        else
          await writeFile(flags.out, text).catch((error: Error) =>
            fail("io_error", `${FN}: cannot write ${flags.out} (${error.message})`),
          );
      }),
    );
}
