// Benchmark: CTC loss forward + backward (T=100, N=32, C=30, S=20, "mean" reduction) on the
// TensorFlow.js WASM backend against torch.nn.functional.ctc_loss on one CPU thread, same data,
// same run. (Sigmoid focal loss is benchmarked in bench/losses-a.mjs.)
// Run: npx tsc --build && node bench/losses-b.mjs [--repeats 20]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { useBackend } from "../dist/conformance/adapters/tf-backend.js";
import { ctcLoss } from "../dist/losses/sequence/ctc-loss.js";

const argR = process.argv.indexOf("--repeats");
const REPEATS = argR > 0 ? Number(process.argv[argR + 1]) : 20;
const T = 100;
const N = 32;
const C = 30;
const S = 20;

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

// Seeded log-softmax outputs (float32), targets in [1, C) (0 is the blank), lengths.
const rand = mulberry32(20261127);
const logProbs = new Float32Array(T * N * C);
for (let t = 0; t < T; t++) {
  for (let n = 0; n < N; n++) {
    const row = (t * N + n) * C;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) {
      logProbs[row + c] = 3 * (rand() - 0.5);
      max = Math.max(max, logProbs[row + c]);
    }
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp(logProbs[row + c] - max);
    const lse = max + Math.log(sum);
    for (let c = 0; c < C; c++) logProbs[row + c] = Math.fround(logProbs[row + c] - lse);
  }
}
const targets = Array.from({ length: N }, () =>
  Array.from({ length: S }, () => 1 + Math.floor(rand() * (C - 1))),
);
const inputLengths = Array.from({ length: N }, () => T - Math.floor(rand() * 20));
const targetLengths = Array.from({ length: N }, () => 10 + Math.floor(rand() * (S - 9)));

setThreadsCount(1);
await useBackend("wasm");
const input = tf.tensor3d(logProbs, [T, N, C]);
const step = () =>
  tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((x) =>
      ctcLoss(x, targets, inputLengths, targetLengths, { reduction: "mean" }),
    )(input);
    grad.dataSync();
    return value.dataSync()[0];
  });
for (let i = 0; i < 3; i++) step();
let value = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
for (let i = 0; i < REPEATS; i++) value = step();
const cpu = process.cpuUsage(cpu0);
const oursWall = (performance.now() - t0) / 1000 / REPEATS;
const ours = (cpu.user + cpu.system) / 1e6 / REPEATS;

const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-"));
let reference;
try {
  const dataPath = join(dir, "data.json");
  writeFileSync(
    dataPath,
    JSON.stringify({
      logProbs: Array.from(logProbs),
      targets,
      inputLengths,
      targetLengths,
      shape: [T, N, C],
      repeats: REPEATS,
    }),
  );
  const script = `
import json, sys, time
import torch, torch.nn.functional as F
torch.set_num_threads(1)
d = json.load(open(sys.argv[1]))
lp = torch.tensor(d["logProbs"], dtype=torch.float32).reshape(d["shape"])
tg = torch.tensor(d["targets"]); il = torch.tensor(d["inputLengths"]); tl = torch.tensor(d["targetLengths"])
def step():
    x = lp.clone().requires_grad_(True)
    loss = F.ctc_loss(x, tg, il, tl, blank=0, reduction="mean")
    loss.backward()
    return float(loss)
for _ in range(3): step()
t0 = time.perf_counter(); c0 = time.process_time()
for _ in range(d["repeats"]): v = step()
print(json.dumps({"seconds": (time.process_time() - c0) / d["repeats"], "wall": (time.perf_counter() - t0) / d["repeats"], "value": v, "torch": torch.__version__}))
`;
  const run = spawnSync("/usr/bin/python3", ["-c", script, dataPath], { encoding: "utf8" });
  if (run.status === 0) reference = JSON.parse(run.stdout.trim().split("\n").pop());
  else console.log(`reference skipped: ${(run.stderr || run.error?.message || "").trim().split("\n").pop()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// CPU time per call (user + system time of each process) is the headline figure, since wall
// time on a shared machine mostly measures the other processes; wall time follows.
console.log(`ctc_loss forward+backward, T=${T} N=${N} C=${C} S=${S}, mean of ${REPEATS} runs, CPU time`);
if (reference) {
  console.log(
    `  loss: plumbline ${value.toFixed(6)}, torch ${reference.torch} ${reference.value.toFixed(6)}`,
  );
  console.log(
    `plumbline: ${ours.toFixed(5)} s, reference: ${reference.seconds.toFixed(5)} s, ratio: ${(ours / reference.seconds).toFixed(2)} x`,
  );
  console.log(
    `  wall time: plumbline ${oursWall.toFixed(5)} s, reference ${reference.wall.toFixed(5)} s, ratio ${(oursWall / reference.wall).toFixed(2)} x`,
  );
} else {
  console.log(`plumbline: ${ours.toFixed(5)} s, reference: unavailable`);
}
