import type { Command } from "commander";
import { collectionMembers, metricCollection } from "../../collection/metric-collection.js";
import { fail } from "../../core/errors.js";
import { type AnyMetricDef, createMetric, type Metric, optionsKey } from "../../metric.js";
import * as R from "../../metrics/regression/index.js";
import type { RegressionSuite } from "../../metrics/regression/suite.js";
import type { SuiteStarter } from "../../parallel/runners.js";
import { runAction } from "../errors.js";
import {
  addFormatOption,
  type CommandOutput,
  parseFormat,
  parseList,
  parseMetricList,
  snakeCase,
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
import { addMedianSketchOption, parseMedianSketch } from "./bounded.js";
import { PairReservoir } from "./pair-reservoir.js";
import { addInputOptions, type InputFlags, inputLabel, openPairedInput } from "./read-table.js";
import { addScaleOptions, isScaled, runScaled, type ScaleFlags } from "./sharded.js";

const FN = "eval regression";

/** The flags of `plumbline eval regression`. */
export interface RegressionFlags extends InputFlags, StateFlags, ScaleFlags {
  report?: string;
  medianSketch?: string;
  predsColumn?: string;
  targetColumn?: string;
  metrics?: string;
  format?: string;
}

const labels: Record<keyof RegressionSuite, string> = {
  mse: "MSE",
  rmse: "RMSE",
  mae: "MAE",
  mape: "MAPE (fraction)",
  medianAbsoluteError: "median absolute error",
  maxError: "max error",
  r2: "R²",
  explainedVariance: "explained variance",
  pearson: "Pearson r",
  spearman: "Spearman rho",
  kendallTau: "Kendall tau-b",
};

const KEYS = Object.keys(labels) as (keyof RegressionSuite)[];

/** `--metrics` names: the snake_case JSON keys. */
const VOCABULARY = KEYS.map(snakeCase);

/** The suite's member names when `def` is the regression suite or a subset of it (for `merge`), else undefined. */
export function regressionSuiteKeys(def: AnyMetricDef): (keyof RegressionSuite)[] | undefined {
  const members = collectionMembers(def);
  if (members === undefined) return undefined;
  const reference = R.regressionSuiteMembers();
  const names = Object.keys(members);
  const same = names.every(
    (k) =>
      Object.hasOwn(reference, k) &&
      reference[k as keyof RegressionSuite].id === members[k]!.id &&
      optionsKey(reference[k as keyof RegressionSuite]) === optionsKey(members[k]!),
  );
  return same ? KEYS.filter((k) => names.includes(k)) : undefined;
}

/** Formats the suite as an aligned two-column table (only `keys` when given). */
export function formatRegressionTable(
  suite: RegressionSuite,
  rows: number,
  keys: readonly (keyof RegressionSuite)[] = KEYS,
): string {
  const width = Math.max(...keys.map((k) => labels[k].length));
  const lines = [`regression suite over ${rows} pairs`, ""];
  for (const key of keys) {
    const v = suite[key];
    lines.push(`${labels[key].padEnd(width)}  ${Number.isFinite(v) ? v.toPrecision(8) : String(v)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The suite in every output format. */
export function regressionOutput(
  suite: RegressionSuite,
  rows: number,
  keys: readonly (keyof RegressionSuite)[] = KEYS,
): CommandOutput {
  return {
    table: () => formatRegressionTable(suite, rows, keys),
    json: () => ({ rows, ...Object.fromEntries(keys.map((k) => [k, suite[k]])) }),
    csv: () => ({ header: ["metric", "value"], rows: keys.map((k) => [snakeCase(k), suite[k]]) }),
  };
}

/** What `eval regression` prints, signs and reports (the plots from a bounded sample of the pairs). */
export function regressionEvaluation(
  metric: Metric<unknown, unknown[], unknown>,
  suite: RegressionSuite,
  rows: number,
  keys: readonly (keyof RegressionSuite)[],
  reservoir?: PairReservoir,
): Evaluation {
  const metrics = [{ name: "suite", def: metric.def, state: metric.state }];
  const note = reservoir?.note();
  return {
    output: regressionOutput(suite, rows, keys),
    metrics,
    results: () => ({
      task: "regression",
      metrics,
      ...(reservoir ? { predictions: reservoir.sample() } : {}),
      ...(note ? { notes: [note] } : {}),
    }),
  };
}

/**
 * Streams the two columns (`--preds-column`, `--target-column`; by default the only column of
 * each file, or `target`/`label` and the other column of one shared file) into the suite; a
 * bad file, missing column or length mismatch raises a PlumblineError (one line, exit 2).
 */
export async function evaluateRegressionFiles(
  flags: RegressionFlags,
  keys: readonly (keyof RegressionSuite)[] = KEYS,
  reservoir?: PairReservoir,
): Promise<{
  rows: number;
  suite: RegressionSuite;
  metrics: Metric<unknown, unknown[], unknown>[];
  names: string[];
}> {
  const one = (value: string | undefined, flag: string) => {
    const list = parseList(value);
    if (list !== undefined && list.length !== 1)
      fail("invalid_option", `${FN}: ${flag} takes one column, got ${JSON.stringify(value)}`);
    return list;
  };
  const input = await openPairedInput(FN, flags, {
    preds: one(flags.predsColumn, "--preds-column"),
    target: one(flags.targetColumn, "--target-column"),
  });
  for (const [names, flag, path] of [
    [input.predsNames, "--preds-column", flags.preds],
    [input.targetNames, "--target-column", flags.target],
  ] as const) {
    if (names.length !== 1)
      fail(
        "invalid_option",
        `${FN}: ${path} has ${names.length} columns (${names.join(", ")}); choose one with ${flag}`,
      );
  }
  const medianSketch = parseMedianSketch(FN, flags);
  const metrics = regressionMetrics(keys, medianSketch);
  let rows = 0;
  if (isScaled(FN, flags))
    rows = await runScaled(FN, flags, "eval regression", { keys, medianSketch }, input, metrics);
  else {
    const progress = startProgress("evaluating", input.totalBytes);
    try {
      for await (const batch of input.batches()) {
        for (const metric of metrics) metric.update(batch.preds[0]!, batch.target[0]!);
        reservoir?.add(batch.preds[0]!, batch.target[0]!);
        rows += batch.rows;
        progress.update(input.bytesRead());
      }
    } finally {
      progress.stop();
    }
  }
  if (rows === 0) fail("empty_input", `${FN}: the input files hold no rows`);
  const suite = metrics[0]!.compute() as RegressionSuite;
  return { rows, suite, metrics, names: ["suite"] };
}

/**
 * A fresh metric for the chosen rows: one collection of the suite's members (a subset of bounded
 * members keeps bounded state; with `medianSketch` the median absolute error comes from a
 * quantile sketch). Shard workers build the same, so their states merge into it.
 */
export function regressionMetrics(
  keys: readonly (keyof RegressionSuite)[],
  medianSketch?: number,
): Metric<unknown, unknown[], unknown>[] {
  const members: Record<string, AnyMetricDef> = R.regressionSuiteMembers();
  if (medianSketch !== undefined)
    members.medianAbsoluteError = R.medianAbsoluteErrorSketchDef({ k: medianSketch });
  const def = metricCollection(Object.fromEntries(keys.map((k) => [k, members[k]!])));
  return [createMetric(def) as Metric<unknown, unknown[], unknown>];
}

/**
 * `plumbline eval regression --preds FILE --target FILE`: the regression suite (MSE, RMSE, MAE,
 * MAPE, median and max error, R², explained variance, Pearson, Spearman, Kendall) of one
 * prediction column against one target column, read in batches.
 */
export function register(evalCommand: Command): void {
  const command = evalCommand
    .command("regression")
    .description(
      "evaluate regression predictions: MSE, RMSE, MAE, MAPE, R², explained variance, Pearson, Spearman, ...",
    )
    .requiredOption("--preds <file>", "predictions; - for stdin")
    .requiredOption("--target <file>", "targets (may be the --preds file)")
    .option("--preds-column <name>", "column of --preds to read (name or 0-based position)")
    .option("--target-column <name>", "column of --target to read (name or 0-based position)")
    .option("--metrics <names>", `only these rows of the table: ${VOCABULARY.join(", ")}`);
  addInputOptions(command);
  addFormatOption(command);
  addStateOptions(command);
  addScaleOptions(command);
  addMedianSketchOption(command);
  addReportOption(command);
  command.action((flags: RegressionFlags) =>
    runAction(async () => {
      const format = parseFormat(FN, flags.format);
      const names = parseMetricList(FN, parseList(flags.metrics), VOCABULARY, VOCABULARY);
      const keys = KEYS.filter((k) => names.includes(snakeCase(k)));
      await checkStatePath(FN, flags.emitState);
      await checkOutputPath(FN, "--report", flags.report);
      // The report's plots sample the pairs this process reads (a sharded run reads none here).
      const reservoir = flags.report === undefined || isScaled(FN, flags) ? undefined : new PairReservoir();
      const {
        rows,
        suite,
        metrics,
        names: stateNames,
      } = await evaluateRegressionFiles(flags, keys, reservoir);
      if (await writeEvalState(FN, flags, metrics, inputLabel(flags, rows), stateNames, { rows })) return;
      await finishEvaluation(format, flags, regressionEvaluation(metrics[0]!, suite, rows, keys, reservoir));
    }),
  );
}

/** `eval regression`'s suite on a shard: the chosen member keys. */
export const regressionRunner: SuiteStarter = (config) => {
  const { keys, medianSketch } = config as { keys: string[]; medianSketch?: number };
  const metrics = regressionMetrics(keys as never, medianSketch);
  return {
    metrics,
    update(batch) {
      for (const metric of metrics) metric.update(batch.preds[0]!, batch.target[0]!);
    },
  };
};
