#!/usr/bin/env node
/**
 * Regression benchmark: R², MAE and Spearman on 10,000,000 seeded (pred, target) pairs, timed in
 * plumbline and in scikit-learn / scipy (Debian's /usr/bin/python3) on the same data, passed
 * through a temporary binary file. Prints ratios; skips the reference when Python is missing.
 *
 *   npx tsc --build && node bench/regression.mjs [n]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { meanAbsoluteError, r2Score, spearmanCorrelation } from "../dist/metrics/regression/index.js";

const n = Number(process.argv[2] ?? 10_000_000);
const python = "/usr/bin/python3";

/** mulberry32, seeded. */
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = generator(42);
const target = new Float64Array(n);
const preds = new Float64Array(n);
for (let i = 0; i < n; i++) {
  target[i] = random() * 100;
  preds[i] = target[i] + (random() - 0.5) * 20;
}

function time(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const ours = {
  r2: time(() => r2Score(preds, target)),
  mae: time(() => meanAbsoluteError(preds, target)),
  spearman: time(() => spearmanCorrelation(preds, target)),
};

const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-"));
let reference = null;
try {
  writeFileSync(join(dir, "preds.f64"), Buffer.from(preds.buffer));
  writeFileSync(join(dir, "target.f64"), Buffer.from(target.buffer));
  const script = `
import json, sys, time
import numpy as np
from sklearn.metrics import r2_score, mean_absolute_error
from scipy.stats import spearmanr
p = np.fromfile(sys.argv[1], dtype="<f8"); t = np.fromfile(sys.argv[2], dtype="<f8")
out = {}
for name, fn in [("r2", lambda: r2_score(t, p)), ("mae", lambda: mean_absolute_error(t, p)), ("spearman", lambda: spearmanr(p, t)[0])]:
    s = time.perf_counter(); v = float(fn()); out[name] = {"value": v, "seconds": time.perf_counter() - s}
print(json.dumps(out))
`;
  const run = spawnSync(python, ["-c", script, join(dir, "preds.f64"), join(dir, "target.f64")], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (run.status === 0) reference = JSON.parse(run.stdout);
  else
    console.log(
      `reference skipped: ${python} failed (${(run.stderr || String(run.error)).trim().split("\n").pop()})`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`regression benchmark, n = ${n.toLocaleString("en-US")} pairs`);
for (const [name, label] of [
  ["r2", "R² (sklearn r2_score)"],
  ["mae", "MAE (sklearn mean_absolute_error)"],
  ["spearman", "Spearman (scipy spearmanr)"],
]) {
  const o = ours[name];
  const r = reference?.[name];
  const agree = r ? Math.abs(o.value - r.value) <= 1e-9 * Math.max(1, Math.abs(r.value)) : undefined;
  console.log(
    r
      ? `${label}: plumbline: ${o.seconds.toFixed(3)} s, reference: ${r.seconds.toFixed(3)} s, ratio: ${(o.seconds / r.seconds).toFixed(2)} x (values ${agree ? "agree" : `differ: ${o.value} vs ${r.value}`})`
      : `${label}: plumbline: ${o.seconds.toFixed(3)} s, reference: unavailable`,
  );
}
