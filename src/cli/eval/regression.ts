import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { type AnyMetricDef, createMetric, type Metric, optionsKey } from "../../metric.js";
import * as R from "../../metrics/regression/index.js";
import { type RegressionSuite, regressionSuiteDef } from "../../metrics/regression/suite.js";
import { runAction } from "../errors.js";
import {
  addFormatOption,
  type CommandOutput,
  parseFormat,
  parseList,
  parseMetricList,
  snakeCase,
  startProgress,
  writeOutput,
} from "../grammar.js";
import { addStateOptions, checkStatePath, type StateFlags, writeEvalState } from "../state-files.js";
import { addMedianSketchOption, parseMedianSketch } from "./bounded.js";
import { addInputOptions, type InputFlags, inputLabel, openPairedInput } from "./read-table.js";
import { addScaleOptions, isScaled, runScaled, type ScaleFlags } from "./sharded.js";

const FN = "eval regression";

/** The flags of `plumbline eval regression`. */
export interface RegressionFlags extends InputFlags, StateFlags, ScaleFlags {
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

/**
 * The suite's members, for `--metrics`: a subset is computed by its own definitions, so the
 * bounded ones (MSE, MAE, R², ...) keep bounded state; the full suite is one definition
 * (`regressionSuiteDef`), whose median, Spearman and Kendall members keep every pair.
 */
const MEMBERS: Record<keyof RegressionSuite, () => AnyMetricDef> = {
  mse: () => R.meanSquaredErrorDef(),
  rmse: () => R.rootMeanSquaredErrorDef(),
  mae: () => R.meanAbsoluteErrorDef(),
  mape: () => R.meanAbsolutePercentageErrorDef(),
  medianAbsoluteError: () => R.medianAbsoluteErrorDef(),
  maxError: () => R.maxErrorDef(),
  r2: () => R.r2ScoreDef(),
  explainedVariance: () => R.explainedVarianceDef(),
  pearson: () => R.pearsonCorrelationDef(),
  spearman: () => R.spearmanCorrelationDef(),
  kendallTau: () => R.kendallTauDef(),
};

/** The member key of a definition (by id and options), for `merge`. */
export function regressionMemberKey(id: string, key: string): keyof RegressionSuite | undefined {
  return KEYS.find((k) => {
    const def = MEMBERS[k]();
    return `${def.id}\u0000${optionsKey(def)}` === key && def.id === id;
  });
}
/** `--metrics` names: the snake_case JSON keys. */
const VOCABULARY = KEYS.map(snakeCase);

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

/**
 * Streams the two columns (`--preds-column`, `--target-column`; by default the only column of
 * each file, or `target`/`label` and the other column of one shared file) into the suite; a
 * bad file, missing column or length mismatch raises a PlumblineError (one line, exit 2).
 */
export async function evaluateRegressionFiles(
  flags: RegressionFlags,
  keys: readonly (keyof RegressionSuite)[] = KEYS,
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
  const { whole, metrics } = regressionMetrics(keys, medianSketch);
  let rows = 0;
  if (isScaled(FN, flags))
    rows = await runScaled(FN, flags, "eval regression", { keys, medianSketch }, input, metrics);
  else {
    const progress = startProgress("evaluating", input.totalBytes);
    try {
      for await (const batch of input.batches()) {
        for (const metric of metrics) metric.update(batch.preds[0]!, batch.target[0]!);
        rows += batch.rows;
        progress.update(input.bytesRead());
      }
    } finally {
      progress.stop();
    }
  }
  if (rows === 0) fail("empty_input", `${FN}: the input files hold no rows`);
  const suite = whole
    ? (metrics[0]!.compute() as RegressionSuite)
    : (Object.fromEntries(keys.map((k, i) => [k, metrics[i]!.compute()])) as unknown as RegressionSuite);
  return { rows, suite, metrics, names: whole ? ["suite"] : keys.map(snakeCase) };
}

/**
 * Fresh metrics for the chosen rows: the whole suite as one definition, or each member's own
 * (always with `medianSketch`: the median absolute error then comes from a quantile sketch).
 */
export function regressionMetrics(
  keys: readonly (keyof RegressionSuite)[],
  medianSketch?: number,
): {
  whole: boolean;
  metrics: Metric<unknown, unknown[], unknown>[];
} {
  const whole = keys.length === KEYS.length && medianSketch === undefined;
  const member = (k: keyof RegressionSuite): AnyMetricDef =>
    k === "medianAbsoluteError" && medianSketch !== undefined
      ? R.medianAbsoluteErrorSketchDef({ k: medianSketch })
      : MEMBERS[k]();
  const metrics = (whole ? [regressionSuiteDef() as AnyMetricDef] : keys.map(member)).map(
    (def) => createMetric(def) as Metric<unknown, unknown[], unknown>,
  );
  return { whole, metrics };
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
  command.action((flags: RegressionFlags) =>
    runAction(async () => {
      const format = parseFormat(FN, flags.format);
      const names = parseMetricList(FN, parseList(flags.metrics), VOCABULARY, VOCABULARY);
      const keys = KEYS.filter((k) => names.includes(snakeCase(k)));
      await checkStatePath(FN, flags.emitState);
      const { rows, suite, metrics, names: stateNames } = await evaluateRegressionFiles(flags, keys);
      if (await writeEvalState(FN, flags, metrics, inputLabel(flags, rows), stateNames, { rows })) return;
      writeOutput(format, regressionOutput(suite, rows, keys));
    }),
  );
}
