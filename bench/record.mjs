// Recording benchmark results: the README's speed table (scripts/speed-table.mjs) is rendered
// from bench/results/<bench>.json, which only a bench run writes.
//
//   node bench/<name>.mjs --record [--record-runs N] [the bench's own options]
//   node bench/run.mjs --only <name>[,<name>] --record [--record-runs N]
//
// runs the bench N times (default 3), each in its own process with its own options, collects
// every speedup it reports (bench/lib.mjs `report` and `record`), and writes, per reported line,
// the median and the spread (lowest, highest) of the speedups over the runs, with the workload
// sizes the bench resolved, the versions of the Python references it imported, the date and the
// machine. Only the named bench's file is rewritten; a bench whose reference is unavailable
// records nothing (its file, if any, is left as it was).
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Every bench, in the order bench/run.mjs runs them and the README's speed table lists them. */
export const BENCHES = [
  "classification",
  "regression",
  "detection",
  "retrieval",
  "text",
  "text-rouge",
  "losses-cross-entropy",
  "losses-focal",
  "losses-ctc",
  "models",
];

/** Where the recorded results live (committed). */
export const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));

/** Appends one measured row to the file a recording parent named (PLUMBLINE_BENCH_RECORD). */
export function appendRecord(row) {
  const file = process.env.PLUMBLINE_BENCH_RECORD;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

/** The median of the runs: the middle value, the lower middle one for an even count (a measured value). */
export function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Rows of the runs (in report order) grouped by label: median and spread of each speedup. */
export function summarize(rows) {
  const byLabel = new Map();
  for (const row of rows) {
    const entry = byLabel.get(row.label) ?? { rows: [] };
    entry.rows.push(row);
    byLabel.set(row.label, entry);
  }
  return [...byLabel].map(([label, { rows: runs }]) => {
    const cpu = runs.map((r) => r.speedup);
    const wall = runs.map((r) => r.wallSpeedup);
    return {
      label,
      workload: runs[0].workload,
      speedup: { median: median(cpu), min: Math.min(...cpu), max: Math.max(...cpu), runs: cpu },
      wallSpeedup: { median: median(wall), min: Math.min(...wall), max: Math.max(...wall) },
    };
  });
}

/**
 * Runs the bench at `file` N times with `argv` (minus the recording options) and writes its
 * results file. Returns the exit status (non-zero when a run failed: nothing is written then).
 */
export function recordBench(file, argv) {
  const name = basename(file).replace(/\.mjs$/, "");
  const at = argv.indexOf("--record-runs");
  const runs = at >= 0 ? Number(argv[at + 1]) : 3;
  if (!(Number.isInteger(runs) && runs >= 1)) {
    console.error(`--record-runs: expected a positive integer, got ${argv[at + 1]}`);
    return 2;
  }
  const options = argv.filter((a, i) => a !== "--record" && i !== at && i !== at + 1);
  const dir = mkdtempSync(join(tmpdir(), "plumbline-record-"));
  const rowsFile = join(dir, "rows.jsonl");
  const started = { date: new Date(), loadAverage: loadavg() };
  try {
    for (let run = 1; run <= runs; run++) {
      console.log(`-- record ${name}: run ${run} of ${runs}`);
      const child = spawnSync(process.execPath, [file, ...options], {
        stdio: "inherit",
        env: { ...process.env, PLUMBLINE_BENCH_RECORD: rowsFile },
      });
      if (child.status !== 0) {
        console.error(
          `record ${name}: run ${run} failed (${child.signal ?? child.status}); nothing recorded`,
        );
        return 1;
      }
    }
    let text = "";
    try {
      text = readFileSync(rowsFile, "utf8");
    } catch {}
    const rows = text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    if (rows.length === 0) {
      console.log(
        `record ${name}: no reference ran, nothing recorded (bench/results/${name}.json unchanged)`,
      );
      return 0;
    }
    const references = Object.assign({}, ...rows.map((r) => r.references));
    // the reference checkouts the bench was pointed at (SACREBLEU_SRC=..., see each bench's header)
    const benchText = readFileSync(file, "utf8");
    const sources = Object.keys(process.env)
      .filter((k) => /^[A-Z_]+_SRC$/.test(k) && benchText.includes(`process.env.${k}`))
      .sort()
      .map((k) => `${k}=${process.env[k]}`);
    const result = {
      bench: name,
      command: [
        ...sources,
        "node",
        `bench/${name}.mjs`,
        ...options,
        "--record",
        "--record-runs",
        String(runs),
      ].join(" "),
      recorded: started.date.toISOString().slice(0, 10),
      machine: {
        cores: availableParallelism(),
        cpu: cpus()[0]?.model.trim() ?? "unknown",
        node: process.version,
        loadAverage: Number(started.loadAverage[0].toFixed(1)),
      },
      runs,
      references,
      results: summarize(rows),
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    const out = join(RESULTS_DIR, `${name}.json`);
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`record ${name}: wrote bench/results/${name}.json`);
    for (const r of result.results)
      console.log(
        `  ${r.label}: speedup ${r.speedup.median} x (median of ${r.speedup.runs.length}; ${r.speedup.min}-${r.speedup.max})`,
      );
    console.log(
      "README.md's speed table: node scripts/speed-table.mjs (test/docs/speed-table.test.ts checks it)",
    );
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
