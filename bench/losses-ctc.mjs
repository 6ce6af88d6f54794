// Benchmark: CTC loss forward + backward (T=100, N=32, C=30, S=20, "mean" reduction) on the
// TensorFlow.js WASM backend against torch.nn.functional.ctc_loss on one CPU thread, same data,
// same run. (Cross-entropy and sigmoid focal loss are benchmarked in bench/losses-cross-entropy.mjs and bench/losses-focal.mjs.)
// Run: npx tsc --build && node bench/losses-ctc.mjs [--repeats 20] [--quick]   (--quick: 2 repeats)
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { useBackend } from "../dist/conformance/adapters/tf-backend.js";
import { ctcLoss } from "../dist/losses/sequence/ctc-loss.js";
import { cpuTime, mulberry32, pythonAvailable, report, runPython, sizeOption } from "./lib.mjs";

const REPEATS = sizeOption("repeats", 20);
const T = 100;
const N = 32;
const C = 30;
const S = 20;

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
// seconds per call: mean of REPEATS calls after 3 warm-up calls, on both sides
const ours = cpuTime(step, { warmup: 3, repeats: REPEATS, aggregate: "mean" });

const script = `
import torch, torch.nn.functional as F
torch.set_num_threads(1)
d = load_json("data.json")
lp = torch.tensor(d["logProbs"], dtype=torch.float32).reshape(d["shape"])
tg = torch.tensor(d["targets"]); il = torch.tensor(d["inputLengths"]); tl = torch.tensor(d["targetLengths"])
def step():
    x = lp.clone().requires_grad_(True)
    loss = F.ctc_loss(x, tg, il, tl, blank=0, reduction="mean")
    loss.backward()
    return float(loss)
emit(timed(step, warmup=3, repeats=d["repeats"], aggregate="mean"))
`;
const available = pythonAvailable(["torch"]);
const run = available.ok
  ? runPython(script, {
      "data.json": {
        logProbs: Array.from(logProbs),
        targets,
        inputLengths,
        targetLengths,
        shape: [T, N, C],
        repeats: REPEATS,
      },
    })
  : available;

console.log(`ctc_loss forward+backward, T=${T} N=${N} C=${C} S=${S}, mean of ${REPEATS} runs per call`);
report("ctc_loss (torch.nn.functional.ctc_loss)", ours, run.ok ? run.result : { skipped: run.message }, {
  values: run.ok && { plumbline: ours.value, reference: run.result.value },
});
