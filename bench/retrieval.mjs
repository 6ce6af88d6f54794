// Benchmark: MAP and nDCG@10 over Q queries x D documents (default 100,000 x 100), plumbline vs
// torchmetrics 1.9.0 RetrievalMAP / RetrievalNormalizedDCG(top_k=10) run by /usr/bin/python3 on
// the same data (passed through a temp file); if torchmetrics cannot be imported, scikit-learn's
// ndcg_score(k=10) on the Q x D matrices instead. Then a judge-throughput check against a local
// scripted OpenAI-compatible server, showing the client's concurrency limit is reached.
//
// Usage: npx tsc --build && node bench/retrieval.mjs [--queries 100000] [--docs 100] [--quick]
// (--quick: 10,000 queries). torchmetrics is not a dependency: point TORCHMETRICS_SRC at a
// directory holding the `torchmetrics` and `lightning_utilities` packages (e.g. their sources
// under /tmp) to compare.
import { createServer } from "node:http";
import { createMetric } from "../dist/metric.js";
import { ndcgScore, retrievalMapDef, retrievalNdcgDef } from "../dist/metrics/retrieval/index.js";
import { openAiClient } from "../dist/rag/client.js";
import {
  cpuTime,
  mulberry32,
  pythonAvailable,
  pythonEnv,
  report,
  runPython,
  sizeOption,
  writeTempData,
} from "./lib.mjs";

const Q = sizeOption("queries", 100_000);
const D = sizeOption("docs", 100, 1);
const N = Q * D;

// Seeded data (mulberry32): float32 scores, 10% relevant documents.
const random = mulberry32(12345);
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

// Best of two runs each (the first also warms the JIT); the machine may be shared. The
// references run once.
const ours = {
  map: cpuTime(() => createMetric(retrievalMapDef()).update(preds64, target64, indexes).compute(), {
    repeats: 2,
  }),
  ndcg: cpuTime(
    () =>
      createMetric(retrievalNdcgDef({ topK: 10 }))
        .update(preds64, target64, indexes)
        .compute(),
    { repeats: 2 },
  ),
};

const torchmetricsScript = `
import numpy as np, torch, torchmetrics
from torchmetrics.retrieval import RetrievalMAP, RetrievalNormalizedDCG
Q, D = ${Q}, ${D}
p = torch.from_numpy(np.fromfile(path("preds.f32"), dtype=np.float32))
t = torch.from_numpy(np.fromfile(path("target.f32"), dtype=np.float32)).long()
idx = torch.arange(Q).repeat_interleave(D)
def run(metric):
    metric.update(p, t, indexes=idx)
    return float(metric.compute())
emit({
    "map": timed(lambda: run(RetrievalMAP())),
    "ndcg": timed(lambda: run(RetrievalNormalizedDCG(top_k=10))),
    "reference": "torchmetrics " + torchmetrics.__version__,
})
`;
const sklearnScript = `
import numpy as np, sklearn
from sklearn.metrics import ndcg_score
Q, D = ${Q}, ${D}
preds = np.fromfile(path("preds.f32"), dtype=np.float32)
target = np.fromfile(path("target.f32"), dtype=np.float32)
emit({
    "ndcg_matrix": timed(lambda: float(ndcg_score(target.reshape(Q, D).astype(np.float64), preds.reshape(Q, D).astype(np.float64), k=10))),
    "reference": "scikit-learn " + sklearn.__version__ + " ndcg_score",
})
`;
const env = pythonEnv(process.env.TORCHMETRICS_SRC);
const data = writeTempData({ "preds.f32": preds, "target.f32": target });
let torchmetrics;
let sklearn;
try {
  torchmetrics = pythonAvailable(["numpy", "torch", "torchmetrics.retrieval"], { env });
  if (torchmetrics.ok) torchmetrics = runPython(torchmetricsScript, data, { env });
  if (!torchmetrics.ok) {
    sklearn = pythonAvailable(["numpy", "sklearn.metrics"]);
    if (sklearn.ok) sklearn = runPython(sklearnScript, data);
  }
} finally {
  data.cleanup();
}

console.log(`retrieval benchmark: ${Q} queries x ${D} documents (${N} documents)`);
if (torchmetrics.ok) {
  const ref = torchmetrics.result;
  console.log(`reference: ${ref.reference} (update + compute)`);
  report("MAP (RetrievalMAP)", ours.map, ref.map, {
    values: { plumbline: ours.map.value, reference: ref.map.value },
  });
  report("nDCG@10 (RetrievalNormalizedDCG)", ours.ndcg, ref.ndcg, {
    values: { plumbline: ours.ndcg.value, reference: ref.ndcg.value },
  });
} else {
  console.log(
    `torchmetrics not runnable (${torchmetrics.message}); comparing with ${sklearn.ok ? sklearn.result.reference : "nothing"}`,
  );
  report("MAP", ours.map, { skipped: torchmetrics.message });
  report("nDCG@10 (grouped)", ours.ndcg, { skipped: torchmetrics.message });
  if (sklearn.ok) {
    const mine = cpuTime(() =>
      ndcgScore({ data: preds64, rows: Q, cols: D }, { data: target64, rows: Q, cols: D }, { k: 10 }),
    );
    const ref = sklearn.result.ndcg_matrix;
    report("nDCG@10 (sklearn ndcg_score form)", mine, ref, {
      values: { plumbline: mine.value, reference: ref.value },
    });
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
