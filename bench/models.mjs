#!/usr/bin/env node
/**
 * Model-based metrics benchmark (plumbline/models), against the Python references on one thread:
 *
 * 1. The Fréchet distance of FID on d = 2048 float64 statistics (means and covariances of two
 *    feature sets of 2,560 samples, made by numpy): plumbline's symmetric route
 *    (`frechetDistanceSymmetric`) against pytorch-fid 0.3.0's `calculate_frechet_distance` formula
 *    (scipy `linalg.sqrtm(sigma1.dot(sigma2))`), OPENBLAS/OMP/MKL threads = 1. Three repetitions
 *    each; best and worst printed.
 * 2. Inception preprocessing (pytorch-fid: /255, bilinear resize to 299, 2x - 1) of 64 images of
 *    64 x 64 against torch's `F.interpolate` on one thread, and `inceptionFeatures` CPU time per
 *    image on the tiny test model with batches of 1 and 32 (ONNX Runtime on one thread). The tiny
 *    model does almost no arithmetic, so larger batches only add memory traffic there; with the
 *    real Inception-v3 the network's arithmetic dominates.
 *
 *   npx tsc --build && node bench/models.mjs [--quick]   (--quick: d = 512, 16 images)
 */
import { readFileSync } from "node:fs";
import { frechetDistanceSymmetric, inceptionFeatures, inceptionInput } from "../dist/models/index.js";
import { cpuTime, mulberry32, pythonAvailable, QUICK, report, runPython, writeTempData } from "./lib.mjs";

const ONE_THREAD = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
const d = QUICK ? 512 : 2048;
const samples = d + 512;
const repeats = 3;

const spread = (runs) => `best ${Math.min(...runs).toFixed(2)} s, worst ${Math.max(...runs).toFixed(2)} s`;

// ---------------------------------------------------------------------------------------------
// 1. Fréchet distance

const available = pythonAvailable(["numpy", "scipy.linalg"], { env: ONE_THREAD });
if (!available.ok) {
  console.log(`models benchmark: ${available.message}`);
} else {
  const temp = writeTempData({});
  const make = runPython(
    `
import numpy as np
rng = np.random.default_rng(2048)
d, n = ${d}, ${samples}
mix = rng.standard_normal((d, d)) / np.sqrt(d)
for name, shift, scale in [("1", 0.0, 1.0), ("2", 0.3, 1.2)]:
    x = np.maximum(rng.standard_normal((n, d)) @ mix * scale + shift, 0)
    x.mean(axis=0).astype("<f8").tofile(path("mu" + name))
    np.cov(x, rowvar=False).astype("<f8").tofile(path("sigma" + name))
emit({"ok": True})
`,
    temp,
  );
  if (!make.ok) console.log(`models benchmark: ${make.message}`);
  else {
    const read = (name) => {
      const b = readFileSync(temp.path(name));
      return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
    };
    const [mu1, s1, mu2, s2] = ["mu1", "sigma1", "mu2", "sigma2"].map(read);
    const ourRuns = [];
    const ours = cpuTime(
      () => {
        const t0 = process.cpuUsage();
        const v = frechetDistanceSymmetric(mu1, s1, mu2, s2);
        const used = process.cpuUsage(t0);
        ourRuns.push((used.user + used.system) / 1e6);
        return v;
      },
      { repeats },
    );
    const ref = runPython(
      `
import numpy as np
from scipy import linalg
d = ${d}
mu1, mu2 = np.fromfile(path("mu1"), "<f8"), np.fromfile(path("mu2"), "<f8")
s1, s2 = np.fromfile(path("sigma1"), "<f8").reshape(d, d), np.fromfile(path("sigma2"), "<f8").reshape(d, d)
runs = []
def fid():
    # pytorch-fid 0.3.0 calculate_frechet_distance
    c0 = time.process_time()
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    value = float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))
    runs.append(time.process_time() - c0)
    return value
result = timed(fid, repeats=${repeats})
result["runs"] = runs
emit(result)
`,
      temp,
      { env: ONE_THREAD },
    );
    temp.cleanup();
    console.log(
      `models benchmark: Fréchet distance, d = ${d}, ${samples} samples per set, one thread, ${repeats} runs`,
    );
    report(
      `Fréchet distance d=${d} (scipy sqrtm, pytorch-fid formula)`,
      ours,
      ref.ok ? ref.result : { skipped: ref.message },
      {
        values: ref.ok && { plumbline: ours.value, reference: ref.result.value, tolerance: { rel: 1e-8 } },
      },
    );
    console.log(
      `  plumbline runs: ${spread(ourRuns)}; scipy runs: ${ref.ok ? spread(ref.result.runs) : "-"}`,
    );
    if (ref.ok)
      console.log(
        `  plumbline / scipy CPU time: ${(ours.cpu / ref.result.cpu).toFixed(2)} (target: at most 3), worst/best ${(Math.max(...ourRuns) / Math.min(...ref.result.runs)).toFixed(2)}`,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Preprocessing and batched feature extraction

const images = QUICK ? 16 : 64;
const side = 64;
const random = mulberry32(299);
const pixels = new Uint8Array(images * 3 * side * side);
for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(random() * 256);
const out = new Float32Array(3 * 299 * 299);
const preprocess = cpuTime(
  () => {
    for (let i = 0; i < images; i++) {
      const data = pixels.subarray(i * 3 * side * side, (i + 1) * 3 * side * side);
      inceptionInput({ width: side, height: side, data }, "pytorch-fid", out, 0);
    }
    return out[12345];
  },
  { warmup: 1, repeats },
);
const torch = pythonAvailable(["torch"]);
const torchRun = torch.ok
  ? runPython(
      `
import numpy as np, torch
import torch.nn.functional as F
torch.set_num_threads(1)
x = torch.from_numpy(np.fromfile(path("pixels"), "u1").reshape(${images}, 3, ${side}, ${side}).copy())
def run():
    for i in range(${images}):
        y = 2 * F.interpolate(x[i:i + 1].float().div(255), size=(299, 299), mode="bilinear", align_corners=False) - 1
    return float(y.reshape(-1)[12345])
emit(timed(run, warmup=1, repeats=${repeats}))
`,
      { pixels },
      { env: ONE_THREAD },
    )
  : torch;
report(
  `Inception preprocessing, ${images} images ${side}x${side} -> 299 (torch F.interpolate, one thread)`,
  preprocess,
  torchRun.ok ? torchRun.result : { skipped: torchRun.message },
  {
    values: torchRun.ok && {
      plumbline: preprocess.value,
      reference: torchRun.result.value,
      tolerance: { abs: 3e-7 },
    },
  },
);

const model = new URL("../test/data/models/inception/tiny-inception.onnx", import.meta.url).pathname;
const tensor = { data: pixels, shape: [images, 3, side, side] };
for (const batchSize of [1, 32]) {
  const cpus = [];
  const walls = [];
  for (let r = 0; r < repeats + 1; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    await inceptionFeatures(tensor, { model, batchSize, threads: 1 });
    const used = process.cpuUsage(c0);
    if (r === 0) continue; // warm-up (session creation, JIT)
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    cpus.push((used.user + used.system) / 1e6);
  }
  console.log(
    `inceptionFeatures, tiny test model (preprocessing dominates), batch ${batchSize}: best ${((Math.min(...cpus) / images) * 1000).toFixed(2)} ms CPU per image (worst ${((Math.max(...cpus) / images) * 1000).toFixed(2)}), ${(images / Math.min(...walls)).toFixed(0)} images/s wall at best`,
  );
}
