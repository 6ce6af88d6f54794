// FID's feature moments (issue 13 §3): the CPU time of `frechetDistanceDef().update` (means and
// covariances of the real and generated sets as reproducible binned sums since 0.2) on
// d = 2048 features in batches, float32 and float64 values, against a baseline build of the
// library (`--baseline <dir>`: a checkout whose `dist/` holds the previous version, e.g.
// `git archive <commit> | tar -x -C /tmp/base && (cd /tmp/base && npm ci && npx tsc --build)`)
// and numpy's `mean` and `cov` (pytorch-fid 0.3.0's statistics; BLAS, all cores) in the same
// run, and the state's bytes.
//
//   npx tsc --build && node bench/feature-moments.mjs [--n 2000] [--d 2048] [--batch 500]
//     [--repeat 3] [--baseline DIR] [--no-python] [--quick]
//
// Prints per value type the median CPU time over the repeats of plumbline and of the baseline,
// their ratio with its range (baseline / new: above 1 = faster now), and numpy / plumbline.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { cpuTime, flag, mulberry32, pythonAvailable, runPython, sizeOption } from "./lib.mjs";

const n = sizeOption("n", 2000);
const d = sizeOption("d", 2048, 4);
const batch = sizeOption("batch", 500, 1);
const repeats = sizeOption("repeat", 3, 1);
const argv = process.argv.slice(2);
const baselineDir = argv.includes("--baseline") ? argv[argv.indexOf("--baseline") + 1] : undefined;

const current = await import("../dist/metrics/generative/index.js");
const baseline = baselineDir
  ? await import(pathToFileURL(resolve(baselineDir, "dist/metrics/generative/index.js")).href)
  : undefined;

/** Bytes of the typed arrays a state holds. */
function stateBytes(value) {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value && typeof value === "object") return Object.values(value).reduce((s, v) => s + stateBytes(v), 0);
  return 0;
}

/** `n x d` features like Inception's pool3 (non-negative, a fifth of them 0), float32 or float64. */
function features(float32) {
  const random = mulberry32(float32 ? 1 : 2);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) {
    const v = Math.max(0, random() * 1.25 - 0.25) * 3;
    data[i] = float32 ? Math.fround(v) : v;
  }
  return data;
}

/** CPU seconds of updating one state with all rows, as both sets, in batches (one repeat). */
function timeUpdates(library, data) {
  return cpuTime(() => {
    const def = library.frechetDistanceDef();
    const state = def.init();
    for (let start = 0; start < n; start += batch) {
      const rows = Math.min(batch, n - start);
      const m = { data: data.subarray(start * d, (start + rows) * d), rows, cols: d };
      def.update(state, m, m);
    }
    return state;
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const python = !flag("no-python") && pythonAvailable(["numpy"]);

console.log(
  `FID moments: ${n} rows x ${d} features as both sets, batches of ${batch}, ${repeats} repeat(s)${baseline ? `, baseline ${baselineDir}` : ""}`,
);
for (const float32 of [true, false]) {
  const data = features(float32);
  const ours = [];
  const theirs = [];
  let state;
  for (let r = 0; r < repeats; r++) {
    const t = timeUpdates(current, data);
    ours.push(t.cpu);
    state = t.value;
    if (baseline) theirs.push(timeUpdates(baseline, data).cpu);
  }
  const label = float32 ? "float32 values" : "float64 values";
  let line = `${label}: plumbline ${median(ours).toFixed(3)} s CPU, state ${(stateBytes(state) / 2 ** 20).toFixed(1)} MiB`;
  if (baseline) {
    const ratios = theirs.map((t, i) => t / ours[i]);
    line += `; baseline ${median(theirs).toFixed(3)} s: baseline / new ${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`;
  }
  if (python) {
    const run = runPython(
      `import numpy as np
x = np.fromfile(path("x.f64"), dtype=np.float64).reshape(${n}, ${d})
def stats():
    for _ in range(2):
        np.mean(x, axis=0)
        np.cov(x, rowvar=False)
    return 0
emit(timed(stats, repeats=${repeats}))`,
      { "x.f64": data },
    );
    line += run.ok
      ? `; numpy mean + cov (both sets) ${run.result.cpu.toFixed(3)} s CPU: numpy / plumbline ${(run.result.cpu / median(ours)).toFixed(2)}x`
      : `; numpy ${run.message}`;
  }
  console.log(line);
}
