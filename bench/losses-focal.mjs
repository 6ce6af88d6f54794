// Benchmark: sigmoid focal loss (alpha 0.25, gamma 2, mean reduction), forward + backward, on
// 10,000,000 logits, on the TensorFlow.js WASM backend (one thread) against torchvision's
// ops.sigmoid_focal_loss on one CPU thread (torch.set_num_threads(1)), same data, same run.
// The WASM side works in chunks (default 2,000,000 logits) to stay well inside a wasm32 heap;
// each chunk contributes its sum divided by the total count, so value and gradient equal the
// full-batch mean (the value is checked against torch below).
// Run: npx tsc --build && node bench/losses-focal.mjs [--size 10000000] [--chunk 2000000] [--repeats 3] [--quick]
// (--quick: 1,000,000 logits)
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { useBackend } from "../dist/conformance/adapters/tf-backend.js";
import { sigmoidFocalLoss } from "../dist/losses/classification/sigmoid-focal-loss.js";
import { cpuTime, mulberry32, pythonAvailable, report, runPython, sizeOption } from "./lib.mjs";

const SIZE = sizeOption("size", 10_000_000);
const CHUNK = sizeOption("chunk", 2_000_000, 1);
const REPEATS = sizeOption("repeats", 3, 1);

const rand = mulberry32(20261127);
const logits = new Float32Array(SIZE);
const targets = new Float32Array(SIZE);
for (let i = 0; i < SIZE; i++) {
  logits[i] = 8 * (rand() - 0.5);
  targets[i] = rand() < 0.05 ? 1 : 0;
}

setThreadsCount(1);
await useBackend("wasm");
const chunks = [];
for (let start = 0; start < SIZE; start += CHUNK) {
  const end = Math.min(SIZE, start + CHUNK);
  chunks.push({ x: tf.tensor1d(logits.subarray(start, end)), t: tf.tensor1d(targets.subarray(start, end)) });
}
function step() {
  let total = 0;
  for (const { x, t } of chunks) {
    tf.tidy(() => {
      const { value } = tf.valueAndGrad((input) =>
        tf.div(sigmoidFocalLoss(input, t, { alpha: 0.25, gamma: 2, reduction: "sum" }), SIZE),
      )(x);
      total += value.dataSync()[0];
    });
  }
  return total;
}

const ours = cpuTime(step, { warmup: 1, repeats: REPEATS });
for (const { x, t } of chunks) {
  x.dispose();
  t.dispose();
}

const script = `
import numpy as np, torch, torchvision
torch.set_num_threads(1)
x = torch.from_numpy(np.fromfile(path("logits.f32"), dtype=np.float32))
t = torch.from_numpy(np.fromfile(path("targets.f32"), dtype=np.float32))
def step():
    v = x.clone().requires_grad_(True)
    loss = torchvision.ops.sigmoid_focal_loss(v, t, alpha=0.25, gamma=2, reduction="mean")
    loss.backward()
    return loss.item()
emit(timed(step, warmup=1, repeats=${REPEATS}))
`;
const available = pythonAvailable(["numpy", "torch", "torchvision"]);
const run = available.ok ? runPython(script, { "logits.f32": logits, "targets.f32": targets }) : available;

console.log(
  `sigmoid focal loss (alpha 0.25, gamma 2), forward + backward, ${SIZE} logits (WASM, 1 thread, chunks of ${CHUNK}; best of ${REPEATS})`,
);
report(
  "sigmoid_focal_loss (torchvision.ops.sigmoid_focal_loss)",
  ours,
  run.ok ? run.result : { skipped: run.message },
  { values: run.ok && { plumbline: ours.value, reference: run.result.value } },
);
