#!/usr/bin/env node
// Reader throughput, memory and throughput of the CLI on big inputs, worker-thread and BullMQ
// speedups, and flat memory with exact curves spilled to disk.
//
// Readers: CSV and JSON Lines files of `--reader-rows` rows (default 5e6) of a score and a label
// are parsed into numeric batches in this process; MB/s per core = file size / CPU seconds.
// pandas.read_csv (C engine) and pandas.read_json(lines=True) parse the same files beside them.
//
// CLI: CSV → AUROC (binary scores) and CSV → macro-F1
// (10-class labels) through `plumbline eval classification`, at 1e6, 1e7 and 1e8 rows.
// 1e6 and 1e7 are written to a temporary file and read from it; 1e8 (1.1 GB of CSV) is generated
// on the fly and piped into the CLI's stdin, never stored. Each run reports the CLI process's
// peak RSS (getrusage maxrss), wall seconds, CPU seconds and throughput (rows/s, MB/s); pandas
// read_csv + scikit-learn on the same file is run beside it at 1e6 and 1e7 when /usr/bin/python3
// has them, with the ratio (reference time / plumbline time, CPU seconds; RSS ratio too).
//
// Workers (`--workers-rows`, default 1e7): the same two workloads from one file, serial and with
// `--workers 1, 2, 4`, interleaved `--repeat` times; speedup = serial wall / parallel wall of the
// same repetition (median and range), CPU seconds of all threads beside it, and the load average
// of the machine before and after (wall speedups on a shared machine are bounded by the idle
// cores: read them with the load average and with the cores two spinning threads get, measured
// before and after). Two paths: the cold CLI (a process per run, start-up
// included) and the warm library (`evaluateFileInWorkers` in this process, its persistent pool
// started and every path run once before timing; serial = `workers: 1`, this thread alone).
// `--min-cores C` (a shared machine): each repetition waits (up to a minute) until two spinning
// threads get C cores, and is redone (up to 20 times) when they get fewer right after it; the
// count of redone repetitions is printed.
//
// Queue (`--queue-rows`, default 1e7; needs /usr/bin/redis-server): a Redis on a free port of
// 127.0.0.1 without persistence, 1, 2 and 4 `plumbline worker` processes started before timing
// (long-running services), `eval ... --redis URL --shards <workers>` timed against serial in the
// same repetition.
//
// Spill (`--spill-sizes`, default 1e6,1e7,1e8): peak RSS of exact AUROC in memory and with
// `--memory-budget 128MiB` (sorted runs on disk), same values checked equal; 1e8 piped.
//
//   npx tsc --build && node bench/scale.mjs [--sizes 1e6,1e7,1e8] [--repeat N] [--reader-rows N] [--no-python]
//     [--no-cli] [--no-workers] [--workers-rows N] [--worker-counts 1,2,4] [--min-cores C] [--no-queue] [--queue-rows N] [--no-spill] [--spill-sizes ...]
//
// What dominates memory: the macro-F1 state is a 10×10 confusion matrix, so RSS is Node's
// baseline plus one batch (65,536 rows) at any size; exact AUROC keeps every score (about
// 5 bytes per sample in a doubling buffer, then a sort at compute), so its RSS grows with n
// unless it spills (`--memory-budget`).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { flag, PYTHON } from "./lib.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist/cli/main.js");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const sizes = option("sizes", "1e6,1e7,1e8").split(",").map(Number);
const repeat = Number(option("repeat", "3"));
const readerRows = Number(option("reader-rows", "5e6"));
const usePython = !flag("no-python") && spawnSync(PYTHON, ["-c", "import pandas, sklearn"]).status === 0;
const workersRows = Number(option("workers-rows", "1e7"));
const queueRows = Number(option("queue-rows", "1e7"));
const spillSizes = option("spill-sizes", "1e6,1e7,1e8").split(",").map(Number);
const WORKER_COUNTS = option("worker-counts", "1,2,4").split(",").map(Number);
const MIN_CORES = Number(option("min-cores", "0"));
/** Repetitions redone under `--min-cores`. */
let redone = 0;
const REDIS_SERVER = "/usr/bin/redis-server";

/** Seeded CSV generator, run as its own process writing to stdout (`node -e GEN n kind`). */
const GEN = `
const n = Number(process.argv[1]), kind = process.argv[2];
let a = 12345 >>> 0;
const rand = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const size = 1 << 22; let buf = Buffer.allocUnsafe(size), pos = 0;
const flush = () => new Promise((resolve) => { const full = buf.subarray(0, pos); buf = Buffer.allocUnsafe(size); pos = 0;
  process.stdout.write(full) ? resolve() : process.stdout.once("drain", resolve); });
(async () => {
  pos += buf.write(kind === "binary" ? "score,label\\n" : "pred,target\\n", 0, "latin1");
  for (let i = 0; i < n; i++) {
    if (pos > size - 32) await flush();
    if (kind === "binary") {
      const micro = Math.floor(rand() * 1e6); // score = micro / 1e6, label ~ Bernoulli(score)
      buf[pos++] = 48; buf[pos++] = 46;
      for (let d = 100000; d >= 1; d = d / 10) buf[pos++] = 48 + (Math.floor(micro / d) % 10);
      buf[pos++] = 44; buf[pos++] = rand() < micro / 1e6 ? 49 : 48; buf[pos++] = 10;
    } else {
      const target = Math.floor(rand() * 10);
      const pred = rand() < 0.7 ? target : Math.floor(rand() * 10);
      buf[pos++] = 48 + pred; buf[pos++] = 44; buf[pos++] = 48 + target; buf[pos++] = 10;
    }
  }
  await flush();
})();
`;

const WORKLOADS = {
  auroc: {
    kind: "binary",
    flags: ["--task", "binary", "--metrics", "auroc"],
    python: "roc_auc_score(d['label'], d['score'])",
    library: { def: (C) => C.binaryAurocDef(), preds: ["score"], target: ["label"] },
  },
  "macro-f1": {
    kind: "multiclass",
    flags: ["--task", "multiclass", "--num-classes", "10", "--metrics", "f1_macro"],
    python: "f1_score(d['target'], d['pred'], average='macro')",
    library: {
      def: (C) => C.multiclassF1Def({ numClasses: 10, average: "macro" }),
      preds: ["pred"],
      target: ["target"],
    },
  },
};

// Reports the CLI process's peak RSS and CPU time on stderr when it exits.
const PROBE =
  "data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nbench-usage '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

function runCli(args, stdin) {
  return runPlumbline(["eval", "classification", ...args, "--format", "json"], stdin);
}

/** Runs `plumbline ...args` with the usage probe; wall, CPU (all threads), peak RSS and the JSON result's metrics. */
function runPlumbline(args, stdin) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", PROBE, cli, ...args], {
      stdio: [stdin ?? "ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const wall = (performance.now() - started) / 1000;
      const usage = /bench-usage (\d+) (\d+)/.exec(err);
      if (code !== 0 || !usage) return reject(new Error(`plumbline exited ${code}: ${err.trim()}`));
      resolve({
        wall,
        rssMB: Number(usage[1]) / 1024,
        cpu: Number(usage[2]) / 1e6,
        result: JSON.parse(out).metrics,
      });
    });
  });
}

function generator(n, kind) {
  return spawn(process.execPath, ["-e", GEN, String(n), kind], { stdio: ["ignore", "pipe", "inherit"] });
}

async function writeFile(path, n, kind) {
  const fd = openSync(path, "w");
  await new Promise((resolve, reject) => {
    const gen = spawn(process.execPath, ["-e", GEN, String(n), kind], { stdio: ["ignore", fd, "inherit"] });
    gen.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`generator exited ${code}`))));
  });
  closeSync(fd);
}

function runPython(path, expression) {
  const script = `
import resource, time, sys
import pandas as pd
from sklearn.metrics import roc_auc_score, f1_score
t0 = time.process_time(); w0 = time.time()
d = pd.read_csv(sys.argv[1])
v = ${expression}
print(v, time.process_time() - t0, time.time() - w0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
`;
  const run = spawnSync(PYTHON, ["-c", script, path], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  const [value, cpu, wall, rss] = run.stdout.trim().split(" ").map(Number);
  return { value, cpu, wall, rssMB: rss };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** ` (min–max)` of several measurements, with `digits` decimals; empty for one. */
const spread = (xs, digits = 2) =>
  xs.length > 1 ? ` (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})` : "";

const dir = mkdtempSync(join(tmpdir(), "plumbline-scale-"));

/** Parses `path` with plumbline's reader `repeat` times; CPU seconds of each pass. */
async function readerSeconds(path) {
  const { openNumericTable } = await import(join(root, "dist/io/index.js"));
  const seconds = [];
  for (let r = 0; r < repeat; r++) {
    const start = process.cpuUsage();
    const reader = await openNumericTable(path, { fn: "bench" });
    let rows = 0;
    for await (const batch of reader.batches()) rows += batch.rows;
    const used = process.cpuUsage(start);
    if (rows !== readerRows) throw new Error(`read ${rows} rows`);
    seconds.push((used.user + used.system) / 1e6);
  }
  return seconds;
}

function pandasSeconds(path, call) {
  const script = `import sys, time\nimport pandas as pd\nt = time.process_time()\nd = ${call}\nassert len(d) == ${readerRows}\nprint(time.process_time() - t)`;
  const run = spawnSync(PYTHON, ["-c", script, path], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

if (readerRows > 0) {
  const csv = join(dir, "readers.csv");
  await writeFile(csv, readerRows, "binary");
  const jsonl = join(dir, "readers.jsonl");
  // The same rows as JSON objects, one per line.
  await new Promise((resolve, reject) => {
    const fd = openSync(jsonl, "w");
    const conv = spawn(
      process.execPath,
      [
        "-e",
        `const rl=require("readline").createInterface({input:require("fs").createReadStream(process.argv[1])});let first=true;const out=[];rl.on("line",(l)=>{if(first){first=false;return;}const [s,y]=l.split(",");out.push('{"score":'+s+',"label":'+y+'}');if(out.length>=65536){process.stdout.write(out.join("\\n")+"\\n");out.length=0;}});rl.on("close",()=>{process.stdout.write(out.join("\\n")+(out.length?"\\n":""));});`,
        csv,
      ],
      { stdio: ["ignore", fd, "inherit"] },
    );
    conv.on("close", (code) => {
      closeSync(fd);
      code === 0 ? resolve() : reject(new Error("jsonl conversion failed"));
    });
  });
  console.log(
    `readers: ${readerRows.toExponential(0)} rows of (score, label), ${repeat} passes (median, range), MB/s per core = MB / CPU s`,
  );
  for (const [name, path, call] of [
    ["CSV", csv, "pd.read_csv(sys.argv[1])"],
    ["JSONL", jsonl, "pd.read_json(sys.argv[1], lines=True)"],
  ]) {
    const mb = statSync(path).size / 1e6;
    const seconds = await readerSeconds(path);
    const rates = seconds.map((s) => mb / s);
    let line = `  ${name.padEnd(5)} ${mb.toFixed(0)} MB: plumbline ${median(rates).toFixed(0)} MB/s${spread(rates, 0)}`;
    if (usePython) {
      const py = pandasSeconds(path, call);
      line += `; pandas ${(mb / py).toFixed(0)} MB/s; ratio (pandas cpu / plumbline cpu) ${(py / median(seconds)).toFixed(2)}`;
    }
    console.log(line);
  }
  rmSync(csv);
  rmSync(jsonl);
}

console.log(
  `scale: plumbline eval classification on CSV, ${repeat} repetition(s) per size below 1e8 (median, range)`,
);
console.log(
  "(throughput per core = rows or bytes / CPU seconds; wall seconds include waiting for the shared machine)",
);
console.log(
  "workload  rows  source  peak RSS MB      cpu s             wall s            Mrows/s/core  MB/s/core  value",
);
try {
  for (const [name, workload] of Object.entries(WORKLOADS)) {
    for (const n of flag("no-cli") ? [] : sizes) {
      const piped = n >= 1e8;
      const path = join(dir, `${name}-${n}.csv`);
      const runs = [];
      let bytes;
      if (piped) {
        const gen = generator(n, workload.kind);
        runs.push(await runCli(workload.flags.concat(["--preds", "-", "--target", "-"]), gen.stdout));
        bytes = n * (workload.kind === "binary" ? 11 : 4);
      } else {
        await writeFile(path, n, workload.kind);
        bytes = statSync(path).size;
        for (let r = 0; r < repeat; r++)
          runs.push(await runCli(workload.flags.concat(["--preds", path, "--target", path])));
      }
      const wall = runs.map((r) => r.wall);
      const cpu = runs.map((r) => r.cpu);
      const rss = runs.map((r) => r.rssMB);
      const value = Object.values(runs[0].result)[0];
      const cpuMedian = median(cpu);
      console.log(
        [
          name.padEnd(8),
          n.toExponential(0).replace("+", "").padEnd(4),
          (piped ? "stdin" : "file").padEnd(6),
          `${median(rss).toFixed(0)}${spread(rss, 0)}`.padEnd(15),
          `${cpuMedian.toFixed(2)}${spread(cpu)}`.padEnd(17),
          `${median(wall).toFixed(2)}${spread(wall)}`.padEnd(17),
          (n / cpuMedian / 1e6).toFixed(2).padStart(12),
          (bytes / cpuMedian / 1e6).toFixed(0).padStart(9),
          value.toFixed(6).padStart(9),
        ].join("  "),
      );
      if (!piped && usePython && n <= 1e7) {
        const py = runPython(path, workload.python);
        console.log(
          `  pandas.read_csv + sklearn: RSS ${py.rssMB.toFixed(0)} MB, cpu ${py.cpu.toFixed(2)} s, value ${py.value.toFixed(6)}; ratio (sklearn cpu / plumbline cpu) ${(py.cpu / median(cpu)).toFixed(2)}, RSS ratio ${(py.rssMB / median(rss)).toFixed(2)}`,
        );
      }
      if (!piped) rmSync(path);
    }
  }

  if (!flag("no-workers")) {
    await workerSpeedups();
    if (MIN_CORES > 0)
      console.log(
        `  (--min-cores ${MIN_CORES}: ${redone} repetition(s) redone, the cores having dropped during them)`,
      );
  }
  if (!flag("no-queue")) await queueSpeedups();
  if (!flag("no-spill")) await spillMemory();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Workers, queue and spill

function load() {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

/**
 * The cores this process gets now: CPU seconds of two threads that spin for one wall second
 * (2.00 on two idle cores). Wall speedups at 2 threads cannot exceed it.
 */
async function coresGot() {
  const { Worker } = await import("node:worker_threads");
  const spin = "const t = Date.now(); while (Date.now() - t < 1000);";
  const worker = new Worker(spin, { eval: true });
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  const cpu = process.cpuUsage();
  const started = Date.now();
  while (Date.now() - started < 1000);
  await exited;
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) / 1e6).toFixed(2);
}
/**
 * One repetition (`measure`); with `--min-cores`, run when two spinning threads get that many
 * cores before it and redone when they get fewer right after it (the last attempt is kept).
 */
async function whenFree(measure) {
  if (MIN_CORES <= 0) return measure();
  for (let attempt = 1; ; attempt++) {
    const until = Date.now() + 60_000;
    // A probe spins both cores for a second: probe every 3 s, not back to back.
    while (Number(await coresGot()) < MIN_CORES && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 2000));
    const result = await measure();
    if (Number(await coresGot()) >= MIN_CORES || attempt === 20) return result;
    redone++;
  }
}

/** The speedups of several repetitions: `median (min–max)`. */
function ratio(xs) {
  return `${median(xs).toFixed(2)}x${spread(xs)}`;
}

async function workloadFile(name, n) {
  const path = join(dir, `${name}-${n}-shared.csv`);
  if (!existsSync(path)) await writeFile(path, n, WORKLOADS[name].kind);
  return path;
}

async function workerSpeedups() {
  console.log(
    `\nworkers: eval classification from one CSV file of ${workersRows.toExponential(0)} rows, serial and --workers ${WORKER_COUNTS.join(", ")}, ${repeat} interleaved repetition(s)`,
  );
  console.log(
    "(speedup = serial wall / parallel wall of the same repetition; cpu s = all threads; load average 1/5/15 min)",
  );
  for (const name of Object.keys(WORKLOADS)) {
    const path = await workloadFile(name, workersRows);
    const args = WORKLOADS[name].flags.concat(["--preds", path, "--target", path]);
    const before = `${load()} (2 spinning threads got ${await coresGot()} cores)`;
    const serial = [];
    const parallel = Object.fromEntries(WORKER_COUNTS.map((w) => [w, []]));
    for (let r = 0; r < repeat; r++) {
      const runs = await whenFree(async () => {
        const one = { serial: await runCli(args) };
        for (const w of WORKER_COUNTS) one[w] = await runCli(args.concat(["--workers", String(w)]));
        return one;
      });
      serial.push(runs.serial);
      for (const w of WORKER_COUNTS) parallel[w].push(runs[w]);
    }
    const value = Object.values(serial[0].result)[0];
    console.log(
      `  ${name.padEnd(8)} serial: wall ${median(serial.map((r) => r.wall)).toFixed(2)} s${spread(serial.map((r) => r.wall))}, cpu ${median(serial.map((r) => r.cpu)).toFixed(2)} s, value ${value.toFixed(6)}`,
    );
    for (const w of WORKER_COUNTS) {
      const runs = parallel[w];
      for (const run of runs)
        if (Object.values(run.result)[0] !== value)
          throw new Error(`--workers ${w} gave ${JSON.stringify(run.result)}`);
      const speedups = runs.map((run, r) => serial[r].wall / run.wall);
      console.log(
        `  ${name.padEnd(8)} --workers ${w}: wall ${median(runs.map((r) => r.wall)).toFixed(2)} s${spread(runs.map((r) => r.wall))}, cpu ${median(runs.map((r) => r.cpu)).toFixed(2)} s, speedup ${ratio(speedups)}, RSS ${median(runs.map((r) => r.rssMB)).toFixed(0)} MB`,
      );
    }
    console.log(
      `  ${name.padEnd(8)} load average before ${before}, after ${load()} (${await coresGot()} cores)`,
    );
  }
  await librarySpeedups();
}

/** The warm library path: `evaluateFileInWorkers` with its pool started, serial = 1 worker. */
async function librarySpeedups() {
  const { evaluateFileInWorkers, closeWorkerPool } = await import(join(root, "dist/parallel/index.js"));
  const C = await import(join(root, "dist/metrics/classification/index.js"));
  const counts = WORKER_COUNTS.filter((w) => w > 1);
  console.log(
    `  library (warm): evaluateFileInWorkers in this process; per thread count, the pool started and both paths run once, then serial (workers: 1) and parallel interleaved`,
  );
  for (const name of Object.keys(WORKLOADS)) {
    const { library } = WORKLOADS[name];
    const path = await workloadFile(name, workersRows);
    const time = async (workers) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const result = await evaluateFileInWorkers(
        { value: library.def(C) },
        { path, preds: library.preds, target: library.target },
        { workers },
      );
      const used = process.cpuUsage(cpu);
      return {
        wall: (performance.now() - started) / 1000,
        cpu: (used.user + used.system) / 1e6,
        value: result.value,
      };
    };
    const before = `${load()} (2 spinning threads got ${await coresGot()} cores)`;
    await time(1);
    for (const w of counts) {
      // Another thread count replaces the pool: started (and warmed) here, before timing.
      await time(w);
      const serial = [];
      const parallel = [];
      for (let r = 0; r < repeat; r++) {
        const [one, many] = await whenFree(async () => [await time(1), await time(w)]);
        serial.push(one);
        parallel.push(many);
      }
      const value = serial[0].value;
      for (const run of [...serial, ...parallel])
        if (run.value !== value) throw new Error(`library workers ${w} gave ${run.value}, serial ${value}`);
      const speedups = parallel.map((run, r) => serial[r].wall / run.wall);
      const walls = (runs) =>
        `${median(runs.map((r) => r.wall)).toFixed(2)} s${spread(runs.map((r) => r.wall))}`;
      console.log(
        `  ${name.padEnd(8)} library workers ${w}: wall ${walls(parallel)}, cpu ${median(parallel.map((r) => r.cpu)).toFixed(2)} s, serial wall ${walls(serial)}, speedup ${ratio(speedups)}, value ${value.toFixed(6)}`,
      );
    }
    console.log(
      `  ${name.padEnd(8)} load average before ${before}, after ${load()} (${await coresGot()} cores)`,
    );
  }
  await closeWorkerPool();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `child` prints a line matching `pattern` on `stream`. */
function waitFor(child, stream, pattern) {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (d) => {
      text += d;
      if (pattern.test(text)) {
        child[stream].off("data", onData);
        resolve();
      }
    };
    child[stream].on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${text}`)));
  });
}

async function queueSpeedups() {
  if (!existsSync(REDIS_SERVER)) {
    console.log(`\nqueue: skipped (${REDIS_SERVER} is missing)`);
    return;
  }
  const port = await freePort();
  const redisDir = mkdtempSync(join(tmpdir(), "plumbline-bench-redis-"));
  const redis = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await waitFor(redis, "stdout", /Ready to accept connections/);
  const url = `redis://127.0.0.1:${port}`;
  try {
    console.log(
      `\nqueue: eval classification --redis (BullMQ, workers started before timing) from one CSV file of ${queueRows.toExponential(0)} rows, --shards = workers, ${repeat} repetition(s)`,
    );
    for (const name of Object.keys(WORKLOADS)) {
      const path = await workloadFile(name, queueRows);
      const args = WORKLOADS[name].flags.concat(["--preds", path, "--target", path]);
      const before = load();
      for (const w of WORKER_COUNTS) {
        const workers = Array.from({ length: w }, () =>
          spawn(process.execPath, [cli, "worker", "--redis", url], { stdio: ["ignore", "ignore", "pipe"] }),
        );
        await Promise.all(workers.map((child) => waitFor(child, "stderr", /taking jobs/)));
        const speedups = [];
        const walls = [];
        for (let r = 0; r < repeat; r++) {
          const serial = await runCli(args);
          const queued = await runCli(args.concat(["--redis", url, "--shards", String(w)]));
          if (Object.values(queued.result)[0] !== Object.values(serial.result)[0])
            throw new Error(`--redis gave ${JSON.stringify(queued.result)}`);
          speedups.push(serial.wall / queued.wall);
          walls.push(queued.wall);
        }
        for (const child of workers) child.kill("SIGTERM");
        await Promise.all(workers.map((child) => new Promise((resolve) => child.once("exit", resolve))));
        console.log(
          `  ${name.padEnd(8)} ${w} worker(s): wall ${median(walls).toFixed(2)} s${spread(walls)}, speedup ${ratio(speedups)}`,
        );
      }
      console.log(`  ${name.padEnd(8)} load average before ${before}, after ${load()}`);
    }
  } finally {
    redis.kill("SIGTERM");
    await new Promise((resolve) => redis.once("exit", resolve));
    rmSync(redisDir, { recursive: true, force: true });
  }
}

async function spillMemory() {
  console.log(
    "\nspill: exact AUROC in memory and with --memory-budget 128MiB (sorted runs on disk); 1e8 piped through stdin",
  );
  console.log("rows  mode           peak RSS MB  cpu s    wall s   value");
  for (const n of spillSizes) {
    const piped = n >= 1e8;
    const path = piped ? undefined : await workloadFile("auroc", n);
    const values = [];
    for (const mode of ["in memory", "--memory-budget"]) {
      const extra = mode === "in memory" ? [] : ["--memory-budget", "128MiB"];
      const args = WORKLOADS.auroc.flags.concat(
        piped ? ["--preds", "-", "--target", "-"] : ["--preds", path, "--target", path],
        extra,
      );
      const run = piped ? await runCli(args, generator(n, "binary").stdout) : await runCli(args);
      const value = Object.values(run.result)[0];
      values.push(value);
      console.log(
        `${n.toExponential(0).replace("+", "").padEnd(4)}  ${mode.padEnd(15)}  ${run.rssMB.toFixed(0).padStart(10)}  ${run.cpu.toFixed(2).padStart(6)}  ${run.wall.toFixed(2).padStart(7)}   ${value.toFixed(6)}`,
      );
    }
    if (values[0] !== values[1]) throw new Error(`spilled AUROC ${values[1]} differs from ${values[0]}`);
  }
}
