#!/usr/bin/env node
/**
 * Regression benchmark: R², MAE and Spearman on 10,000,000 seeded (pred, target) pairs, timed in
 * plumbline and in scikit-learn / scipy (Debian's /usr/bin/python3) on the same data, passed
 * through a temporary binary file. Skips the reference when Python or a module is missing.
 *
 *   npx tsc --build && node bench/regression.mjs [n | --n N] [--quick]   (--quick: 1,000,000 pairs)
 */
import { meanAbsoluteError, r2Score, spearmanCorrelation } from "../dist/metrics/regression/index.js";
import { cpuTime, mulberry32, pythonAvailable, report, runPython, sizeOption } from "./lib.mjs";

const positional = process.argv[2] && !process.argv[2].startsWith("--") ? Number(process.argv[2]) : 0;
const n = positional > 0 ? positional : sizeOption("n", 10_000_000);

const random = mulberry32(42);
const target = new Float64Array(n);
const preds = new Float64Array(n);
for (let i = 0; i < n; i++) {
  target[i] = random() * 100;
  preds[i] = target[i] + (random() - 0.5) * 20;
}

const ours = {
  r2: cpuTime(() => r2Score(preds, target)),
  mae: cpuTime(() => meanAbsoluteError(preds, target)),
  spearman: cpuTime(() => spearmanCorrelation(preds, target)),
};

const script = `
import numpy as np
from sklearn.metrics import r2_score, mean_absolute_error
from scipy.stats import spearmanr
p = np.fromfile(path("preds.f64"), dtype="<f8"); t = np.fromfile(path("target.f64"), dtype="<f8")
emit({
    "r2": timed(lambda: float(r2_score(t, p))),
    "mae": timed(lambda: float(mean_absolute_error(t, p))),
    "spearman": timed(lambda: float(spearmanr(p, t)[0])),
})
`;
const available = pythonAvailable(["numpy", "sklearn", "scipy.stats"]);
const run = available.ok ? runPython(script, { "preds.f64": preds, "target.f64": target }) : available;
const reference = run.ok ? run.result : null;

console.log(`regression benchmark, n = ${n.toLocaleString("en-US")} pairs`);
for (const [name, label] of [
  ["r2", "R² (sklearn r2_score)"],
  ["mae", "MAE (sklearn mean_absolute_error)"],
  ["spearman", "Spearman (scipy spearmanr)"],
]) {
  const r = reference?.[name];
  report(label, ours[name], r ?? { skipped: run.message }, {
    values: r && { plumbline: ours[name].value, reference: r.value, tolerance: { rel: 1e-9 } },
  });
}
