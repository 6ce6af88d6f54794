#!/usr/bin/env node
/**
 * Regression benchmark: MSE, MAE, R², explained variance and Spearman on 10,000,000 seeded
 * (pred, target) pairs, timed in plumbline and in scikit-learn / scipy (Debian's /usr/bin/python3)
 * on the same data, passed through a temporary binary file. Skips the reference when Python or a
 * module is missing. MSE, MAE, R² and explained variance: one warm-up call, then the best of five
 * on both sides; Spearman (seconds per call): one call each.
 *
 *   npx tsc --build && node bench/regression.mjs [n | --n N] [--quick] [--metrics mse,mae,r2,ev,spearman]
 *
 * (--quick: 1,000,000 pairs; --metrics: time only these, e.g. `--metrics mse,mae,r2,ev` without the
 * slow Spearman.) It also prints the memory floor: the time of one plain float64 pass over both
 * arrays, which no exact metric can beat.
 */
import {
  explainedVariance,
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  spearmanCorrelation,
} from "../dist/metrics/regression/index.js";
import { cpuTime, mulberry32, pythonAvailable, report, runPython, sizeOption } from "./lib.mjs";

const ALL = ["mse", "mae", "r2", "ev", "spearman"];
const metricsAt = process.argv.indexOf("--metrics");
const selected = metricsAt >= 0 ? process.argv[metricsAt + 1].split(",") : ALL;
for (const name of selected)
  if (!ALL.includes(name)) throw new Error(`--metrics: unknown metric ${name} (one of ${ALL.join(", ")})`);

const positional = process.argv[2] && !process.argv[2].startsWith("--") ? Number(process.argv[2]) : 0;
const n = positional > 0 ? positional : sizeOption("n", 10_000_000);

const random = mulberry32(42);
const target = new Float64Array(n);
const preds = new Float64Array(n);
for (let i = 0; i < n; i++) {
  target[i] = random() * 100;
  preds[i] = target[i] + (random() - 0.5) * 20;
}

const warm = { warmup: 1, repeats: 5 };
const runs = {
  mse: () => cpuTime(() => meanSquaredError(preds, target), warm),
  mae: () => cpuTime(() => meanAbsoluteError(preds, target), warm),
  r2: () => cpuTime(() => r2Score(preds, target), warm),
  ev: () => cpuTime(() => explainedVariance(preds, target), warm),
  spearman: () => cpuTime(() => spearmanCorrelation(preds, target)),
};
const ours = Object.fromEntries(selected.map((name) => [name, runs[name]()]));

const script = `
import numpy as np
from sklearn.metrics import r2_score, mean_absolute_error, mean_squared_error, explained_variance_score
from scipy.stats import spearmanr
p = np.fromfile(path("preds.f64"), dtype="<f8"); t = np.fromfile(path("target.f64"), dtype="<f8")
warm = dict(warmup=1, repeats=5)
runs = {
    "mse": lambda: timed(lambda: float(mean_squared_error(t, p)), **warm),
    "mae": lambda: timed(lambda: float(mean_absolute_error(t, p)), **warm),
    "r2": lambda: timed(lambda: float(r2_score(t, p)), **warm),
    "ev": lambda: timed(lambda: float(explained_variance_score(t, p)), **warm),
    "spearman": lambda: timed(lambda: float(spearmanr(p, t)[0])),
}
emit({name: runs[name]() for name in ${JSON.stringify(selected)}})
`;
const available = pythonAvailable(["numpy", "sklearn", "scipy.stats"]);
const run = available.ok ? runPython(script, { "preds.f64": preds, "target.f64": target }) : available;
const reference = run.ok ? run.result : null;

/** The memory floor: one plain (inexact) float64 pass over both arrays, four accumulators. */
function plainSquaredErrors(p, t) {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < p.length; i += 4) {
    const e0 = p[i] - t[i];
    const e1 = p[i + 1] - t[i + 1];
    const e2 = p[i + 2] - t[i + 2];
    const e3 = p[i + 3] - t[i + 3];
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    s3 += e3 * e3;
  }
  for (; i < p.length; i++) s0 += (p[i] - t[i]) ** 2;
  return s0 + s1 + s2 + s3;
}
const floor = cpuTime(() => plainSquaredErrors(preds, target), warm);

console.log(`regression benchmark, n = ${n.toLocaleString("en-US")} pairs`);
console.log(
  `  floor: one plain float64 pass over preds and target (inexact Σ(p - t)², not a plumbline function) takes ${floor.cpu.toPrecision(3)} CPU s`,
);
// The floor as a speedup: what sklearn's MSE time over one plain pass would be (no exact
// metric can reach it; recorded, so the speed table shows the ceiling beside the MSE row).
if (reference?.mse)
  report(
    "memory floor (one plain inexact float64 pass over both arrays, not a plumbline metric; vs sklearn mean_squared_error)",
    floor,
    reference.mse,
  );
for (const [name, label] of [
  ["mse", "MSE (sklearn mean_squared_error)"],
  ["mae", "MAE (sklearn mean_absolute_error)"],
  ["r2", "R² (sklearn r2_score)"],
  ["ev", "explained variance (sklearn explained_variance_score)"],
  ["spearman", "Spearman (scipy spearmanr)"],
].filter(([name]) => selected.includes(name))) {
  const r = reference?.[name];
  report(label, ours[name], r ?? { skipped: run.message }, {
    values: r && { plumbline: ours[name].value, reference: r.value, tolerance: { rel: 1e-9 } },
  });
}
