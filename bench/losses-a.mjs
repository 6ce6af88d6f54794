// Benchmark: cross-entropy with label smoothing 0.1, forward + backward, on 100,000 x 1,000 logits
// (mean reduction), on the TensorFlow.js WASM backend (one thread) against
// torch.nn.functional.cross_entropy on one CPU thread (torch.set_num_threads(1)), same data, same run.
// The WASM side processes the rows in chunks (default 10,000 rows: a 100,000 x 1,000 float32
// tensor is 400 MB and forward + backward needs several of them, beyond what a wasm32 heap
// comfortably holds); the work is the same, the chunk losses are summed and divided by the row
// count, so the value equals the full-batch mean (checked against torch below).
// Run: npx tsc --build && node bench/losses-a.mjs [--rows 100000] [--classes 1000] [--chunk 10000] [--repeats 3]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { useBackend } from "../dist/conformance/adapters/tf-backend.js";
import { crossEntropy } from "../dist/losses/classification/cross-entropy.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 100000);
const C = arg("classes", 1000);
const CHUNK = arg("chunk", 10000);
const REPEATS = arg("repeats", 3);
const SMOOTHING = 0.1;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(20261127);
const logits = new Float32Array(ROWS * C);
for (let i = 0; i < logits.length; i++) logits[i] = 8 * (rand() - 0.5);
const labels = new Int32Array(ROWS);
for (let i = 0; i < ROWS; i++) labels[i] = Math.floor(rand() * C);

setThreadsCount(1);
await useBackend("wasm");
const chunks = [];
for (let start = 0; start < ROWS; start += CHUNK) {
  const rows = Math.min(CHUNK, ROWS - start);
  chunks.push({
    x: tf.tensor2d(logits.subarray(start * C, (start + rows) * C), [rows, C]),
    y: tf.tensor1d(labels.subarray(start, start + rows), "int32"),
  });
}
function step() {
  let total = 0;
  for (const { x, y } of chunks) {
    tf.tidy(() => {
      // this chunk's share of the full-batch mean (its sum over ROWS), so the gradient is the
      // gradient of the mean; WASM kernels run eagerly and synchronously, no read-back needed
      const { value } = tf.valueAndGrad((t) =>
        tf.div(crossEntropy(t, y, { labelSmoothing: SMOOTHING, reduction: "sum" }), ROWS),
      )(x);
      total += value.dataSync()[0];
    });
  }
  return total;
}

let value = step(); // warm-up
// CPU time of this process (both sides run on one thread), so that other load on the machine
// does not distort the ratio; wall-clock seconds are printed too
const times = [];
const walls = [];
for (let r = 0; r < REPEATS; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  value = step();
  const c1 = process.cpuUsage(c0);
  walls.push((performance.now() - t0) / 1000);
  times.push((c1.user + c1.system) / 1e6);
}
const ours = Math.min(...times);
for (const { x, y } of chunks) {
  x.dispose();
  y.dispose();
}

const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-"));
let reference;
let referenceValue;
let referenceWall;
try {
  writeFileSync(join(dir, "logits.f32"), Buffer.from(logits.buffer));
  writeFileSync(join(dir, "labels.i32"), Buffer.from(labels.buffer));
  const script = `
import sys, time, numpy as np, torch
torch.set_num_threads(1)
d, rows, c, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = torch.from_numpy(np.fromfile(d + "/logits.f32", dtype=np.float32).reshape(rows, c))
y = torch.from_numpy(np.fromfile(d + "/labels.i32", dtype=np.int32).astype(np.int64))
def step():
    t = x.clone().requires_grad_(True)
    loss = torch.nn.functional.cross_entropy(t, y, label_smoothing=${SMOOTHING})
    loss.backward()
    return loss.item()
v = step()
cpu, wall = [], []
for _ in range(reps):
    c0, t0 = time.process_time(), time.perf_counter()
    step()
    cpu.append(time.process_time() - c0)
    wall.append(time.perf_counter() - t0)
print(min(cpu), v, min(wall))
`;
  const py = spawnSync("/usr/bin/python3", ["-c", script, dir, String(ROWS), String(C), String(REPEATS)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (py.status === 0) {
    const [seconds, v, wall] = py.stdout.trim().split(/\s+/).map(Number);
    reference = seconds;
    referenceValue = v;
    referenceWall = wall;
  } else {
    console.error(`reference skipped: ${py.stderr.trim().split("\n").pop()}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `cross-entropy + label smoothing ${SMOOTHING}, forward + backward, ${ROWS} x ${C} logits (WASM, 1 thread, chunks of ${CHUNK} rows; best of ${REPEATS})`,
);
if (reference !== undefined) {
  console.log(`value: plumbline ${value.toFixed(6)}, torch ${referenceValue.toFixed(6)}`);
  console.log(
    `wall clock: plumbline ${Math.min(...walls).toFixed(3)} s, torch ${referenceWall.toFixed(3)} s`,
  );
  console.log(
    `plumbline: ${ours.toFixed(3)} s, reference: ${reference.toFixed(3)} s, ratio: ${(ours / reference).toFixed(2)} x (CPU seconds)`,
  );
} else {
  console.log(`plumbline: ${ours.toFixed(3)} s, reference: unavailable`);
}
