// Weighted confusion counts (issue 13 §3): time and state size of the threshold metrics with
// non-integer `sampleWeight` (counted exactly since 0.2: integer counts beside exact cells),
// integer weights and no weights, at 2, 10 and 100 classes, against a baseline build of the
// library (`--baseline <dir>`: a checkout whose `dist/` holds the previous version, e.g.
// `git archive <commit> | tar -x -C /tmp/base && (cd /tmp/base && npx tsc --build)`) and
// scikit-learn 1.2 (`f1_score(average="macro")`, `confusion_matrix`, both with
// `sample_weight`) in the same run.
//
//   node bench/weighted-confusion.mjs [--n 1000000] [--batch 100000] [--repeat 5] [--baseline DIR]
//     [--classes 2,10,100] [--weights real,integer,none] [--no-python] [--quick]
//
// Prints per workload the median CPU time over the repeats of plumbline and of the baseline
// (update in batches + compute), their ratio with its range over the repeats (baseline / new:
// above 1 = faster now), the sklearn ratio, and the state's bytes (typed arrays, and the
// snapshot's JSON text).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { cpuTime, flag, mulberry32, pythonAvailable, runPython, sizeOption } from "./lib.mjs";

const n = sizeOption("n", 1_000_000);
const batch = sizeOption("batch", 100_000, 1);
const repeats = sizeOption("repeat", 5, 1);
const argv = process.argv.slice(2);
const listOption = (name, fallback) =>
  argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1].split(",") : fallback;
const baselineDir = argv.includes("--baseline") ? argv[argv.indexOf("--baseline") + 1] : undefined;
const classCounts = listOption("classes", ["2", "10", "100"]).map(Number);
const weightings = listOption("weights", ["real", "integer", "none"]);

const current = await import("../dist/metrics/classification/index.js");
const baseline = baselineDir
  ? await import(pathToFileURL(resolve(baselineDir, "dist/metrics/classification/index.js")).href)
  : undefined;

/** Bytes of the typed arrays a state holds. */
function stateBytes(value) {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value && typeof value === "object") return Object.values(value).reduce((s, v) => s + stateBytes(v), 0);
  return 0;
}

function data(C, weighting, seed) {
  const random = mulberry32(seed);
  const target = new Float64Array(n);
  const preds = new Float64Array(n);
  const weights = weighting === "none" ? undefined : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = Math.floor(random() * C);
    target[i] = t;
    preds[i] = random() < 0.7 ? t : Math.floor(random() * C);
    // Real weights with full 53-bit significands (one draw has 32 bits).
    if (weights)
      weights[i] = weighting === "integer" ? 1 + Math.floor(random() * 5) : random() + random() * 2 ** -32;
  }
  return { target, preds, weights };
}

function run(lib, factory, options, d) {
  const def = lib[factory](options);
  const state = def.init();
  for (let start = 0; start < n; start += batch) {
    const end = Math.min(n, start + batch);
    const args = [d.preds.subarray(start, end), d.target.subarray(start, end)];
    if (d.weights) args.push(d.weights.subarray(start, end));
    def.update(state, ...args);
  }
  return { value: def.compute(state), state };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

const sklearn = !flag("no-python") && pythonAvailable(["sklearn"]).ok;
const SKLEARN = `
import numpy as np
from sklearn.metrics import f1_score, confusion_matrix
y = np.fromfile(path("target"), dtype=np.float64).astype(np.int64)
p = np.fromfile(path("preds"), dtype=np.float64).astype(np.int64)
w = np.fromfile(path("weights"), dtype=np.float64)
emit({
    "f1": timed(lambda: f1_score(y, p, average="macro", sample_weight=w), repeats=3)["cpu"],
    "cm": timed(lambda: confusion_matrix(y, p, sample_weight=w), repeats=3)["cpu"],
})
`;

console.log(`weighted confusion counts: n ${n}, batches of ${batch}, ${repeats} repeats (CPU s, median)`);
console.log(
  "workload                                   new s   base s  base/new (range)   sklearn/new   state B new / base   JSON B new / base",
);
for (const C of classCounts) {
  for (const weighting of weightings) {
    const d = data(C, weighting, C * 31 + weighting.length);
    let sk;
    if (sklearn && weighting === "real") {
      const out = runPython(SKLEARN, { target: d.target, preds: d.preds, weights: d.weights });
      sk = out.ok ? out.result : undefined;
      if (!out.ok) console.log(out.message);
    }
    for (const [factory, label, skKey] of [
      ["multiclassF1Def", "macro-F1", "f1"],
      ["multiclassConfusionMatrixDef", "confusion matrix", "cm"],
    ]) {
      const options = { numClasses: C };
      const ours = [];
      const base = [];
      const ratios = [];
      let last;
      let lastBase;
      for (let r = 0; r < repeats; r++) {
        const a = cpuTime(() => run(current, factory, options, d));
        ours.push(a.cpu);
        last = a.value;
        if (baseline) {
          const b = cpuTime(() => run(baseline, factory, options, d));
          base.push(b.cpu);
          lastBase = b.value;
          ratios.push(b.cpu / a.cpu);
        }
      }
      // The state as JSON text with typed arrays as number lists (the codec's base64 is smaller).
      const snapshot = (result) =>
        JSON.stringify(result.state, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)).length;
      const bytes = stateBytes(last.state);
      const baseBytes = lastBase ? stateBytes(lastBase.state) : Number.NaN;
      const ratio = baseline
        ? `${fmt(median(ratios))} (${fmt(Math.min(...ratios))}-${fmt(Math.max(...ratios))})`
        : "-";
      const skRatio = sk?.[skKey] ? fmt(sk[skKey] / median(ours)) : "-";
      console.log(
        `C ${String(C).padEnd(4)} ${weighting.padEnd(8)} ${label.padEnd(17)} ${fmt(median(ours)).padStart(7)} ${(baseline ? fmt(median(base)) : "-").padStart(8)}  ${ratio.padEnd(17)}  ${skRatio.padStart(11)}   ${String(bytes).padStart(8)} / ${String(baseBytes).padStart(6)}   ${String(snapshot(last)).padStart(8)} / ${lastBase ? snapshot(lastBase) : "-"}`,
      );
    }
  }
}
