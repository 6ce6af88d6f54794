// Benchmark: binary AUROC and average precision on 10,000,000 float32 scores, and multiclass
// macro-F1 on 10,000,000 labels with 100 classes, against scikit-learn in the same run.
// Run: npx tsc --build && node bench/classification.mjs [--n 10000000 | --quick]
// (--quick: n = 1,000,000, a run of a few seconds; ratios are noisier than at the default n)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMetric } from "../dist/metric.js";
import {
  binaryAuroc,
  binaryAurocDef,
  binaryAveragePrecision,
  multiclassF1,
} from "../dist/metrics/classification/index.js";
import { mulberry32 } from "./lib.mjs";

const argN = process.argv.indexOf("--n");
const N =
  argN > 0 ? Number(process.argv[argN + 1]) : process.argv.includes("--quick") ? 1_000_000 : 10_000_000;
const CLASSES = 100;

const rand = mulberry32(20261127);
const scores = new Float32Array(N);
const target = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  const y = rand() < 0.3 ? 1 : 0;
  target[i] = y;
  // Scores from overlapping distributions, rounded to 1e-6 so there are ties.
  scores[i] = Math.round(Math.min(1, Math.max(0, 0.35 + 0.25 * y + 0.2 * (rand() - 0.5) * 2)) * 1e6) / 1e6;
}
const labels = new Int32Array(N);
const truth = new Int32Array(N);
for (let i = 0; i < N; i++) {
  truth[i] = Math.floor(rand() * CLASSES);
  labels[i] = rand() < 0.6 ? truth[i] : Math.floor(rand() * CLASSES);
}

// The machine may be shared: CPU time (user + system of this process) is steadier than wall
// time under contention, and the Python side measures time.process_time() the same way.
// Both are printed; ratios use CPU time.
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
function time(fn, repeats = 3) {
  let best = Number.POSITIVE_INFINITY;
  let wall = Number.POSITIVE_INFINITY;
  let value;
  for (let r = 0; r < repeats; r++) {
    const c0 = cpuSeconds();
    const t0 = performance.now();
    value = fn();
    wall = Math.min(wall, (performance.now() - t0) / 1000);
    best = Math.min(best, cpuSeconds() - c0);
  }
  return { seconds: best, wall, value };
}

const auroc = time(() => binaryAuroc(scores, target));
const ap = time(() => binaryAveragePrecision(scores, target));
const f1 = time(() => multiclassF1(labels, truth, { numClasses: CLASSES, average: "macro" }));

// Memory of the two curve modes.
const exact = createMetric(binaryAurocDef()).update(
  scores.subarray(0, 1_000_000),
  target.subarray(0, 1_000_000),
);
const exactBytes = exact.state.scores.data.BYTES_PER_ELEMENT + exact.state.target.data.BYTES_PER_ELEMENT;
const binnedSmall = createMetric(binaryAurocDef({ thresholds: 200 })).update(
  scores.subarray(0, 1000),
  target.subarray(0, 1000),
);
const binnedLarge = createMetric(binaryAurocDef({ thresholds: 200 })).update(scores, target);

// Reference: scikit-learn through /usr/bin/python3, data passed through a temp file.
const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-"));
writeFileSync(join(dir, "scores.f32"), new Uint8Array(scores.buffer));
writeFileSync(join(dir, "target.u8"), target);
writeFileSync(join(dir, "labels.i32"), new Uint8Array(labels.buffer));
writeFileSync(join(dir, "truth.i32"), new Uint8Array(truth.buffer));
const script = `
import json, sys, time
import numpy as np
from sklearn.metrics import roc_auc_score, average_precision_score, f1_score
import sklearn
d = sys.argv[1]
s = np.fromfile(d + "/scores.f32", dtype=np.float32)
t = np.fromfile(d + "/target.u8", dtype=np.uint8)
p = np.fromfile(d + "/labels.i32", dtype=np.int32)
y = np.fromfile(d + "/truth.i32", dtype=np.int32)
def best(fn, r=2):
    b = 1e9; w = 1e9
    for _ in range(r):
        c0 = time.process_time(); t0 = time.perf_counter(); v = fn()
        w = min(w, time.perf_counter() - t0); b = min(b, time.process_time() - c0)
    return b, float(v), w
out = {"version": sklearn.__version__}
out["auroc"] = best(lambda: roc_auc_score(t, s))
out["ap"] = best(lambda: average_precision_score(t, s))
out["f1"] = best(lambda: f1_score(y, p, average="macro"))
print(json.dumps(out))
`;
const py = spawnSync("/usr/bin/python3", ["-c", script, dir], { encoding: "utf8", maxBuffer: 1 << 20 });
rmSync(dir, { recursive: true, force: true });
let ref = null;
if (py.status === 0) ref = JSON.parse(py.stdout.trim().split("\n").pop());
else
  console.log(`reference unavailable (${(py.stderr || py.error?.message || "").trim().split("\n").pop()})`);

function line(name, ours, key) {
  if (!ref) {
    console.log(`${name}: plumbline: ${ours.seconds.toFixed(3)} s (value ${ours.value})`);
    return;
  }
  const [seconds, value, wall] = ref[key];
  console.log(
    `${name}: plumbline: ${ours.seconds.toFixed(3)} s, reference: ${seconds.toFixed(3)} s, ratio: ${(seconds / ours.seconds).toFixed(1)} x` +
      ` (CPU time; wall ${ours.wall.toFixed(3)} s vs ${wall.toFixed(3)} s)  values ${ours.value} vs ${value}, |diff| ${Math.abs(ours.value - value).toExponential(1)}`,
  );
}
console.log(`n = ${N.toLocaleString("en-US")}${ref ? `, reference scikit-learn ${ref.version}` : ""}`);
line("binary AUROC (exact)", auroc, "auroc");
line("binary average precision (exact)", ap, "ap");
line(`multiclass macro-F1 (${CLASSES} classes)`, f1, "f1");
console.log(
  `exact-mode state: ${exactBytes} bytes/sample (${exact.state.scores.data.constructor.name.replace("Array", "")} score + Uint8 target)`,
);
console.log(
  `binned-mode state (200 thresholds): ${binnedSmall.state.hist.byteLength} bytes after 1,000 samples, ${binnedLarge.state.hist.byteLength} bytes after ${N.toLocaleString("en-US")} (constant)`,
);
