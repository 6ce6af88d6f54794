// Benchmark: cross-entropy with label smoothing 0.1, forward + backward, on 100,000 x 1,000 logits
// (mean reduction), on the TensorFlow.js WASM backend (one thread) against
// torch.nn.functional.cross_entropy on one CPU thread (torch.set_num_threads(1)), same data, same run.
// The WASM side processes the rows in chunks (default 10,000 rows: a 100,000 x 1,000 float32
// tensor is 400 MB and forward + backward needs several of them, beyond what a wasm32 heap
// comfortably holds); the work is the same, the chunk losses are summed and divided by the row
// count, so the value equals the full-batch mean (checked against torch below).
// Run: npx tsc --build && node bench/losses-cross-entropy.mjs [--rows 100000] [--classes 1000] [--chunk 10000] [--repeats 3] [--quick]
// (--quick: 10,000 rows)
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { useBackend } from "../dist/conformance/adapters/tf-backend.js";
import { crossEntropy } from "../dist/losses/classification/cross-entropy.js";
import { cpuTime, mulberry32, pythonAvailable, report, runPython, sizeOption } from "./lib.mjs";

const ROWS = sizeOption("rows", 100000);
const C = sizeOption("classes", 1000, 1);
const CHUNK = sizeOption("chunk", 10000, 1);
const REPEATS = sizeOption("repeats", 3, 1);
const SMOOTHING = 0.1;

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

// best of REPEATS after one warm-up; both sides run on one thread
const ours = cpuTime(step, { warmup: 1, repeats: REPEATS });
for (const { x, y } of chunks) {
  x.dispose();
  y.dispose();
}

const script = `
import numpy as np, torch
torch.set_num_threads(1)
rows, c, reps = ${ROWS}, ${C}, ${REPEATS}
x = torch.from_numpy(np.fromfile(path("logits.f32"), dtype=np.float32).reshape(rows, c))
y = torch.from_numpy(np.fromfile(path("labels.i32"), dtype=np.int32).astype(np.int64))
def step():
    t = x.clone().requires_grad_(True)
    loss = torch.nn.functional.cross_entropy(t, y, label_smoothing=${SMOOTHING})
    loss.backward()
    return loss.item()
emit(timed(step, warmup=1, repeats=reps))
`;
const available = pythonAvailable(["numpy", "torch"]);
const run = available.ok ? runPython(script, { "logits.f32": logits, "labels.i32": labels }) : available;

console.log(
  `cross-entropy + label smoothing ${SMOOTHING}, forward + backward, ${ROWS} x ${C} logits (WASM, 1 thread, chunks of ${CHUNK} rows; best of ${REPEATS})`,
);
report(
  "cross_entropy (torch.nn.functional.cross_entropy)",
  ours,
  run.ok ? run.result : { skipped: run.message },
  {
    values: run.ok && { plumbline: ours.value, reference: run.result.value },
  },
);
