// Shared pieces of the benchmarks in bench/: seeded random numbers, command-line options (with
// `--quick` for ~1/10 workloads), CPU-time measurement, running a Python reference on data passed
// through a temporary folder, ONE result line format, and recording (`--record`, below).
//
// Timing basis: process CPU seconds (user + system, all threads) on both sides, because the
// machines these run on are shared and wall-clock time then mostly measures the other processes.
// Wall-clock seconds are measured too and printed on a second line.
//
// Speedup = reference time / plumbline time, so a speedup above 1 means plumbline is faster.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "../dist/core/random.js";
import { appendRecord, recordBench } from "./record.mjs";

/** The Python interpreter with Debian's scientific packages (not the first `python3` on PATH). */
export const PYTHON = "/usr/bin/python3";

// ---------------------------------------------------------------------------------------------
// Data and options

/** mulberry32: a small seeded generator of uniform numbers in [0, 1) (plumbline's own `seededRandom`). */
export function mulberry32(seed) {
  return seededRandom(seed).next;
}

/** Syllables of the synthetic words in the text benches. */
export const SYLLABLES = [
  "ka",
  "ro",
  "mi",
  "ten",
  "sul",
  "bar",
  "ing",
  "ed",
  "es",
  "tion",
  "al",
  "ly",
  "con",
  "pre",
  "ness",
];

/** A synthetic word of 1 to 3 syllables drawn with `random` (4 draws at most). */
export function syllableWord(random, syllables = SYLLABLES) {
  const n = 1 + Math.floor(random() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
  return w;
}

const argv = process.argv.slice(2);

// `node bench/<name>.mjs --record [--record-runs N] [options]`: instead of running once, run this
// bench N times (default 3) in child processes with the same options, and write the median and
// spread of every speedup it reports into bench/results/<name>.json (bench/record.mjs). The
// bench's own code never runs in this process.
if (argv.includes("--record") && !process.env.PLUMBLINE_BENCH_RECORD) {
  process.exit(recordBench(process.argv[1], argv));
}

/** The workload sizes this run resolved through sizeOption, recorded with its results. */
const workload = {};

/** Versions of the Python packages checked by pythonAvailable in this run, recorded with its results. */
const pythonVersions = {};

/** True when the bench was started with `--quick` (about 1/10 of the full workload). */
export const QUICK = argv.includes("--quick");

/** True when `--name` is on the command line. */
export function flag(name) {
  return argv.includes(`--${name}`);
}

/**
 * The positive number after `--name`, else `full` (divided by `quickDivisor` and rounded, at
 * least 1, under `--quick`; pass quickDivisor 1 for options that `--quick` leaves alone).
 */
export function sizeOption(name, full, quickDivisor = 10) {
  const i = argv.indexOf(`--${name}`);
  const given = i >= 0 ? Number(argv[i + 1]) : Number.NaN;
  const size = given > 0 ? given : QUICK ? Math.max(1, Math.round(full / quickDivisor)) : full;
  workload[name] = size;
  return size;
}

// ---------------------------------------------------------------------------------------------
// Timing

/**
 * Runs `fn` `warmup` times untimed, then `repeats` times, measuring each run's process CPU
 * seconds (user + system) and wall seconds. Returns the last value and, per `aggregate`, the
 * best ("min") or the mean ("mean") of the runs: `{ value, cpu, wall }`.
 */
export function cpuTime(fn, { warmup = 0, repeats = 1, aggregate = "min" } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const cpus = [];
  const walls = [];
  let value;
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    value = fn();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const used = process.cpuUsage(c0);
    cpus.push((used.user + used.system) / 1e6);
    walls.push(wall);
  }
  const pick =
    aggregate === "mean" ? (xs) => xs.reduce((a, b) => a + b, 0) / xs.length : (xs) => Math.min(...xs);
  return { value, cpu: pick(cpus), wall: pick(walls) };
}

// ---------------------------------------------------------------------------------------------
// Python references

/** PYTHONPATH made of the given folders (undefined and empty entries dropped) and the caller's own. */
export function pythonEnv(...folders) {
  const path = [...new Set([...folders, process.env.PYTHONPATH].filter(Boolean))].join(":");
  return path ? { ...process.env, PYTHONPATH: path } : { ...process.env };
}

/**
 * Whether /usr/bin/python3 can import every module in `modules` (with `env`, after the optional
 * Python `prelude`). Returns `{ ok: true }` or `{ ok: false, message: "skipped: /usr/bin/python3
 * lacks X" }` naming the first missing module (or the interpreter itself). On success the
 * `__version__` of each module's top-level package is kept for the recorded results.
 */
export function pythonAvailable(modules, { env = process.env, prelude = "" } = {}) {
  const script = `${prelude}
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as e:
        print(e.name or name)
        sys.exit(1)
    except Exception as e:
        print(name + " (" + type(e).__name__ + ": " + (str(e).splitlines() or [""])[0][:120] + ")")
        sys.exit(1)
import json
top = {name.split(".")[0] for name in sys.argv[1:]}
print(json.dumps({name: getattr(sys.modules[name], "__version__", None) for name in top}))
`;
  const run = spawnSync(PYTHON, ["-c", script, ...modules], { encoding: "utf8", env });
  if (run.error) return { ok: false, message: `skipped: ${PYTHON} is not runnable (${run.error.message})` };
  if (run.status === 0) {
    Object.assign(pythonVersions, JSON.parse(run.stdout.trim().split("\n").pop()));
    return { ok: true };
  }
  const missing = run.stdout.trim() || run.stderr.trim().split("\n").pop();
  return { ok: false, message: `skipped: ${PYTHON} lacks ${missing}` };
}

/**
 * Writes `files` (name -> typed array, Buffer, string, or anything else as JSON) into a new
 * temporary folder. Returns `{ dir, path(name), cleanup() }`.
 */
export function writeTempData(files) {
  const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-"));
  for (const [name, content] of Object.entries(files)) {
    let bytes;
    if (typeof content === "string" || Buffer.isBuffer(content)) bytes = content;
    else if (ArrayBuffer.isView(content))
      bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    else bytes = JSON.stringify(content);
    writeFileSync(join(dir, name), bytes);
  }
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Python prepended to every script run by runPython:
 * - `path(name)`: a data file written by the caller; `load_json(name)`;
 * - `timed(fn, warmup=0, repeats=1, aggregate="min")` -> {"value", "cpu", "wall"} (CPU seconds
 *   by time.process_time, wall by time.perf_counter), mirroring cpuTime above;
 * - `emit(obj)`: prints the result as the last stdout line, which runPython parses.
 */
const PRELUDE = `
import json, sys, time
DATA_DIR = sys.argv[1]
def path(name):
    return DATA_DIR + "/" + name
def load_json(name):
    with open(path(name)) as f:
        return json.load(f)
def timed(fn, warmup=0, repeats=1, aggregate="min"):
    for _ in range(warmup):
        fn()
    cpus, walls, value = [], [], None
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        value = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    pick = (lambda xs: sum(xs) / len(xs)) if aggregate == "mean" else min
    return {"value": value, "cpu": pick(cpus), "wall": pick(walls)}
def emit(obj):
    sys.stdout.flush()
    print(json.dumps(obj))
`;

/**
 * Runs `script` with /usr/bin/python3 after the prelude above, on `data` (see writeTempData;
 * an object of files, or an existing `{ dir }`), and parses the last stdout line as JSON.
 * Returns `{ ok: true, result }` or `{ ok: false, message }`; the temp folder is removed.
 */
export function runPython(script, data = {}, { env = process.env } = {}) {
  const temp = data.dir ? null : writeTempData(data);
  const dir = data.dir ?? temp.dir;
  const scriptPath = join(dir, "__bench__.py");
  try {
    writeFileSync(scriptPath, PRELUDE + script);
    const run = spawnSync(PYTHON, [scriptPath, dir], { encoding: "utf8", env, maxBuffer: 1 << 26 });
    if (run.status !== 0) {
      const why = (run.stderr || run.error?.message || "").trim().split("\n").pop();
      return { ok: false, message: `skipped: ${PYTHON} failed (${why})` };
    }
    return { ok: true, result: JSON.parse(run.stdout.trim().split("\n").pop()) };
  } finally {
    if (temp) temp.cleanup();
    else rmSync(scriptPath, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const seconds = (s) => (s >= 1 ? s.toFixed(2) : s.toPrecision(3));
const number = (x) => (Number.isInteger(x) ? String(x) : x.toPrecision(10).replace(/\.?0+$/, ""));

/** Flattens a number, array of numbers or record of numbers into [key, value] pairs. */
function entries(x) {
  if (typeof x === "number") return [["", x]];
  if (Array.isArray(x)) return x.map((v, i) => [String(i), v]);
  return Object.entries(x);
}

/**
 * Compares plumbline's values with the reference's (numbers, arrays or records of numbers).
 * With `tolerance` ({ abs = 0, rel = 0 }, passing when |a - b| <= abs + rel * max(1, |b|)) it
 * states whether they agree; without, it states the largest difference only.
 */
function compareValues(ours, theirs, tolerance) {
  const a = entries(ours);
  const b = new Map(entries(theirs));
  let maxDiff = 0;
  let agree = true;
  for (const [k, x] of a) {
    const y = b.get(k);
    const d = Math.abs(x - y);
    maxDiff = Number.isNaN(d) ? Number.NaN : Math.max(maxDiff, d);
    if (tolerance && !(d <= (tolerance.abs ?? 0) + (tolerance.rel ?? 0) * Math.max(1, Math.abs(y))))
      agree = false;
  }
  const shown =
    a.length === 1 && a[0][0] === ""
      ? `plumbline ${number(a[0][1])}, reference ${number(b.get(""))}`
      : `${a.length} numbers`;
  const diff = `max |difference| ${maxDiff.toExponential(2)}`;
  if (!tolerance) return `values: ${shown} (${diff}; no tolerance set)`;
  const tol = [tolerance.abs && `${tolerance.abs} absolute`, tolerance.rel && `${tolerance.rel} relative`]
    .filter(Boolean)
    .join(" + ");
  return `values ${agree ? "agree" : "DIFFER"}: ${shown} (${diff}, tolerance ${tol})`;
}

/**
 * Prints the one result format of all benches:
 *
 *   <label>: plumbline X s, reference Y s, speedup Z x (reference time / plumbline time; >1 means plumbline is faster)
 *     CPU seconds; wall: plumbline X s, reference Y s, speedup Z x
 *     values agree: ... / values: ...
 *
 * `ours` and `reference` are `{ cpu, wall }` (cpuTime or the Python `timed` result); `reference`
 * may instead be `{ skipped: "why" }` or null, when plumbline alone is timed. `values` is
 * `{ plumbline, reference, tolerance? }` (see compareValues), shown when the reference ran.
 */
export function report(label, ours, reference, { values } = {}) {
  if (!reference || reference.skipped !== undefined || reference.cpu === undefined) {
    const why = reference?.skipped ?? "skipped";
    console.log(`${label}: plumbline ${seconds(ours.cpu)} s, reference unavailable (${why})`);
    console.log(`  CPU seconds; wall: plumbline ${seconds(ours.wall)} s`);
    return;
  }
  console.log(
    `${label}: plumbline ${seconds(ours.cpu)} s, reference ${seconds(reference.cpu)} s, speedup ${(reference.cpu / ours.cpu).toFixed(2)} x (reference time / plumbline time; >1 means plumbline is faster)`,
  );
  record(label, ours, reference);
  console.log(
    `  CPU seconds; wall: plumbline ${seconds(ours.wall)} s, reference ${seconds(reference.wall)} s, speedup ${(reference.wall / ours.wall).toFixed(2)} x`,
  );
  if (values) console.log(`  ${compareValues(values.plumbline, values.reference, values.tolerance)}`);
}

/**
 * Keeps one measured speedup for `--record` (a no-op otherwise): `ours` and `reference` are
 * `{ cpu, wall }`. report() calls it; a bench that prints its own lines calls it directly.
 */
export function record(label, ours, reference) {
  appendRecord({
    label,
    speedup: Number((reference.cpu / ours.cpu).toFixed(2)),
    wallSpeedup: Number((reference.wall / ours.wall).toFixed(2)),
    workload,
    references: pythonVersions,
  });
}
