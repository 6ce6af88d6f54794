import { fileURLToPath } from "node:url";
import { readNumericTable } from "../cli/eval/read-table.js";
import { createMetric } from "../metric.js";
import { meanAbsoluteError, medianAbsoluteError, rootMeanSquaredError } from "../metrics/regression/index.js";
import { regressionSuiteDef } from "../metrics/regression/suite.js";

const sampleDir = fileURLToPath(new URL("../../data/samples/regression/", import.meta.url));

/**
 * The regression section of `plumbline demo`: the suite on the delivery-time sample
 * (data/samples/regression), computed in four streamed shards merged as a distributed job would,
 * then the same metrics without the five traffic outliers to show which ones they move.
 */
export async function run(print: (line: string) => void): Promise<void> {
  const preds = (await readNumericTable(`${sampleDir}preds.csv`, "demo regression")).column(
    "predicted_minutes",
  );
  const target = (await readNumericTable(`${sampleDir}target.csv`, "demo regression")).column(
    "actual_minutes",
  );

  // Four shards, each its own metric state, merged at the end (what `plumbline merge` does across machines).
  const shards = 4;
  const size = Math.ceil(preds.length / shards);
  const merged = createMetric(regressionSuiteDef());
  for (let s = 0; s < shards; s++) {
    const shard = createMetric(regressionSuiteDef());
    shard.update(preds.subarray(s * size, (s + 1) * size), target.subarray(s * size, (s + 1) * size));
    merged.merge(shard);
  }
  const suite = merged.compute();
  print(`delivery times, ${preds.length} orders (minutes), merged from ${shards} shards:`);
  const rows: [string, number][] = [
    ["MSE", suite.mse],
    ["RMSE", suite.rmse],
    ["MAE", suite.mae],
    ["MAPE (fraction)", suite.mape],
    ["median absolute error", suite.medianAbsoluteError],
    ["max error", suite.maxError],
    ["R²", suite.r2],
    ["explained variance", suite.explainedVariance],
    ["Pearson r", suite.pearson],
    ["Spearman rho", suite.spearman],
    ["Kendall tau-b", suite.kendallTau],
  ];
  for (const [name, value] of rows) print(`  ${name.padEnd(22)} ${value.toFixed(4)}`);

  // The five largest errors are the traffic jams: drop them and compare.
  const errors = Array.from(preds, (p, i) => Math.abs(p - target[i]!));
  const worst = new Set(
    errors
      .map((e, i) => [e, i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 5)
      .map(([, i]) => i),
  );
  const keep = (xs: Float64Array) => xs.filter((_, i) => !worst.has(i));
  const p2 = keep(preds);
  const t2 = keep(target);
  print("without the 5 largest errors (outliers):");
  print(
    `  RMSE ${rootMeanSquaredError(preds, target).toFixed(3)} -> ${rootMeanSquaredError(p2, t2).toFixed(3)}`,
  );
  print(`  MAE ${meanAbsoluteError(preds, target).toFixed(3)} -> ${meanAbsoluteError(p2, t2).toFixed(3)}`);
  print(
    `  median absolute error ${medianAbsoluteError(preds, target).toFixed(3)} -> ${medianAbsoluteError(p2, t2).toFixed(3)}`,
  );
}
