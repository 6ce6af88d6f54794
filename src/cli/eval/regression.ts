import type { Command } from "commander";
import { describeValue, fail } from "../../core/errors.js";
import { createMetric } from "../../metric.js";
import { type RegressionSuite, regressionSuiteDef } from "../../metrics/regression/suite.js";
import { runAction } from "../errors.js";
import { writeStateFile } from "../state-files.js";
import { readNumericTable } from "./read-table.js";

/** The flags of `plumbline eval regression`. */
export interface RegressionFlags {
  preds: string;
  target: string;
  predsColumn: string;
  targetColumn: string;
  format: string;
  emitState?: string;
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

/** Formats the suite as an aligned two-column table. */
export function formatRegressionTable(suite: RegressionSuite, rows: number): string {
  const width = Math.max(...Object.values(labels).map((l) => l.length));
  const lines = [`regression suite over ${rows} pairs`, ""];
  for (const key of Object.keys(labels) as (keyof RegressionSuite)[]) {
    const v = suite[key];
    lines.push(`${labels[key].padEnd(width)}  ${Number.isFinite(v) ? v.toPrecision(8) : String(v)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Reads one column (a name or a 0-based position) of a numeric table file. */
async function readColumn(path: string, column: string, arg: string): Promise<Float64Array> {
  const table = await readNumericTable(path, "eval regression");
  if (table.rows === 0) fail("empty_input", `eval regression: ${arg} ${path} has no rows`);
  return table.column(/^\d+$/.test(column) ? Number(column) : column);
}

/**
 * Reads the two columns and computes the suite; a bad file, missing column or length mismatch
 * raises a PlumblineError (printed as one line, exit code 2).
 */
export async function evaluateRegressionFiles(
  flags: Pick<RegressionFlags, "preds" | "target" | "predsColumn" | "targetColumn" | "emitState">,
): Promise<{ rows: number; suite: RegressionSuite }> {
  const preds = await readColumn(flags.preds, flags.predsColumn, "--preds");
  const target = await readColumn(flags.target, flags.targetColumn, "--target");
  if (preds.length !== target.length) {
    fail(
      "shape_mismatch",
      `eval regression: --preds and --target must have the same number of rows, got ${preds.length} and ${target.length}`,
    );
  }
  const metric = createMetric(regressionSuiteDef()).update(preds, target);
  if (flags.emitState !== undefined) await writeStateFile(flags.emitState, [metric] as never[]);
  return { rows: preds.length, suite: metric.compute() };
}

/**
 * `plumbline eval regression --preds FILE --target FILE`: the regression suite (MSE, RMSE, MAE,
 * MAPE, median and max error, R², explained variance, Pearson, Spearman, Kendall) of one
 * prediction column against one target column. Files are CSV/TSV (with a header), JSON or JSONL.
 */
export function register(evalCommand: Command): void {
  evalCommand
    .command("regression")
    .description(
      "evaluate regression predictions: MSE, RMSE, MAE, MAPE, R², explained variance, Pearson, Spearman, ...",
    )
    .requiredOption("--preds <file>", "predictions: CSV/TSV with a header, JSON or JSONL")
    .requiredOption(
      "--target <file>",
      "targets: CSV/TSV with a header, JSON or JSONL (may be the same file as --preds)",
    )
    .option("--preds-column <name>", "column of --preds to read (name or 0-based position)", "0")
    .option("--target-column <name>", "column of --target to read (name or 0-based position)", "0")
    .option("--format <format>", "output format: table or json", "table")
    .option("--emit-state <file>", "also write the metric state for `plumbline merge`")
    .action((flags: RegressionFlags) =>
      runAction(async () => {
        if (flags.format !== "table" && flags.format !== "json") {
          fail(
            "invalid_option",
            `eval regression: option \`--format\` must be "table" or "json", got ${describeValue(flags.format)}`,
          );
        }
        const { rows, suite } = await evaluateRegressionFiles(flags);
        if (flags.format === "json") {
          process.stdout.write(
            `${JSON.stringify({ rows, ...suite }, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2)}\n`,
          );
        } else {
          process.stdout.write(formatRegressionTable(suite, rows));
        }
      }),
    );
}
