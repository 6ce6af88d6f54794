// Benchmark: binary AUROC and average precision on 10,000,000 float32 scores, binary AUROC on the
// same scores written with 6 decimals as float64 values (what a CSV score column reads as: the
// float32 buckets with each score's exact rest), multiclass macro-F1 on 10,000,000 labels with
// 100 classes, and one-vs-rest multiclass AUROC of n / 10 rows of 10 float64 probabilities,
// against scikit-learn in the same run.
// Run: npx tsc --build && node bench/classification.mjs [--n 10000000 | --quick] [--record]
// (--quick: n = 1,000,000, a run of a few seconds; ratios are noisier than at the default n;
// --record: see bench/record.mjs)
import { createMetric } from "../dist/metric.js";
import {
  binaryAuroc,
  binaryAurocDef,
  binaryAveragePrecision,
  multiclassAuroc,
  multiclassF1,
} from "../dist/metrics/classification/index.js";
import { cpuTime, mulberry32, pythonAvailable, report, runPython, sizeOption } from "./lib.mjs";

const N = sizeOption("n", 10_000_000);
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
// The same scores as float64 decimals of 6 places (no longer float32 values: walked with their rests).
const scores64 = Float64Array.from(scores, (v) => Number(v.toFixed(6)) + 1e-7);
// Multiclass AUROC (one vs rest, macro): N / 10 rows of 10 class probabilities with 6 decimals
// (float64, as read from CSV).
const MC_ROWS = Math.floor(N / 10);
const MC_CLASSES = 10;
const mcPreds = new Float64Array(MC_ROWS * MC_CLASSES);
const mcTarget = new Int32Array(MC_ROWS);
for (let i = 0; i < MC_ROWS; i++) {
  const y = Math.floor(rand() * MC_CLASSES);
  mcTarget[i] = y;
  let sum = 0;
  for (let c = 0; c < MC_CLASSES; c++) {
    const v = rand() + (c === y ? 0.8 : 0);
    mcPreds[i * MC_CLASSES + c] = v;
    sum += v;
  }
  for (let c = 0; c < MC_CLASSES; c++)
    mcPreds[i * MC_CLASSES + c] = Number((mcPreds[i * MC_CLASSES + c] / sum).toFixed(6));
}
const labels = new Int32Array(N);
const truth = new Int32Array(N);
for (let i = 0; i < N; i++) {
  truth[i] = Math.floor(rand() * CLASSES);
  labels[i] = rand() < 0.6 ? truth[i] : Math.floor(rand() * CLASSES);
}

// Best of three on this side, best of two on the reference side (CPU seconds; bench/lib.mjs).
const ours = {
  auroc: cpuTime(() => binaryAuroc(scores, target), { repeats: 3 }),
  ap: cpuTime(() => binaryAveragePrecision(scores, target), { repeats: 3 }),
  auroc64: cpuTime(() => binaryAuroc(scores64, target), { repeats: 3 }),
  f1: cpuTime(() => multiclassF1(labels, truth, { numClasses: CLASSES, average: "macro" }), { repeats: 3 }),
  mcAuroc: cpuTime(
    () =>
      multiclassAuroc({ data: mcPreds, shape: [MC_ROWS, MC_CLASSES] }, mcTarget, {
        numClasses: MC_CLASSES,
        predsKind: "scores",
      }),
    { repeats: 3 },
  ),
};

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

// Reference: scikit-learn through /usr/bin/python3, data passed through a temp folder.
const script = `
import numpy as np
from sklearn.metrics import roc_auc_score, average_precision_score, f1_score
s = np.fromfile(path("scores.f32"), dtype=np.float32)
t = np.fromfile(path("target.u8"), dtype=np.uint8)
s64 = np.fromfile(path("scores.f64"), dtype=np.float64)
p = np.fromfile(path("labels.i32"), dtype=np.int32)
y = np.fromfile(path("truth.i32"), dtype=np.int32)
mp = np.fromfile(path("mc_preds.f64"), dtype=np.float64).reshape(-1, ${MC_CLASSES})
my = np.fromfile(path("mc_target.i32"), dtype=np.int32)
emit({
    "auroc": timed(lambda: float(roc_auc_score(t, s)), repeats=2),
    "ap": timed(lambda: float(average_precision_score(t, s)), repeats=2),
    "auroc64": timed(lambda: float(roc_auc_score(t, s64)), repeats=2),
    "f1": timed(lambda: float(f1_score(y, p, average="macro")), repeats=2),
    "mcAuroc": timed(lambda: float(roc_auc_score(my, mp, multi_class="ovr", average="macro")), repeats=2),
})
`;
const available = pythonAvailable(["numpy", "sklearn.metrics"]);
const run = available.ok
  ? runPython(script, {
      "scores.f32": scores,
      "scores.f64": scores64,
      "target.u8": target,
      "labels.i32": labels,
      "truth.i32": truth,
      "mc_preds.f64": mcPreds,
      "mc_target.i32": mcTarget,
    })
  : available;

console.log(`classification benchmark, n = ${N.toLocaleString("en-US")}`);
for (const [key, label] of [
  ["auroc", "binary AUROC (exact; sklearn roc_auc_score)"],
  ["ap", "binary average precision (exact; sklearn average_precision_score)"],
  ["auroc64", "binary AUROC of float64 scores (exact, float32 buckets with rests; sklearn roc_auc_score)"],
  ["f1", `multiclass macro-F1 (${CLASSES} classes; sklearn f1_score)`],
  [
    "mcAuroc",
    `multiclass AUROC of float64 scores (${MC_ROWS.toLocaleString("en-US")} x ${MC_CLASSES}, one vs rest, macro; sklearn roc_auc_score multi_class="ovr")`,
  ],
]) {
  const r = run.ok ? run.result[key] : undefined;
  report(label, ours[key], r ?? { skipped: run.message }, {
    values: r && { plumbline: ours[key].value, reference: r.value, tolerance: { rel: 1e-12 } },
  });
}
console.log(
  `exact-mode state: ${exactBytes} bytes/sample (${exact.state.scores.data.constructor.name.replace("Array", "")} score + Uint8 target)`,
);
console.log(
  `binned-mode state (200 thresholds): ${binnedSmall.state.hist.byteLength} bytes after 1,000 samples, ${binnedLarge.state.hist.byteLength} bytes after ${N.toLocaleString("en-US")} (constant)`,
);
