#!/usr/bin/env node
// Runs every benchmark in bench/ one after another, each in its own Node process (so one bench's
// heap and JIT state do not colour the next), passing their output straight through.
//
//   npx tsc --build && node bench/run.mjs [--quick] [--record [--record-runs N]] [--only a,b | name ...]
//
// --quick is handed to each bench (about 1/10 of the full workload). Names (e.g. `--only
// regression,text-rouge` or `regression text-rouge`) pick a subset; by default all run.
// --record (with --record-runs N, default 3) has each selected bench run N times and rewrite its
// bench/results/<name>.json, the source of the README's speed table (bench/record.mjs); the
// other benches' results are left alone. Exits non-zero when any bench fails.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BENCHES } from "./record.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const optionValue = (option) => (args.includes(option) ? args[args.indexOf(option) + 1] : undefined);
const only = optionValue("--only");
const recordRuns = optionValue("--record-runs");
const passed = [
  ...(quick ? ["--quick"] : []),
  ...(args.includes("--record") ? ["--record"] : []),
  ...(recordRuns !== undefined ? ["--record-runs", recordRuns] : []),
];
const names = [
  ...args.filter(
    (a, i) => !a.startsWith("--") && args[i - 1] !== "--only" && args[i - 1] !== "--record-runs",
  ),
  ...(only ? only.split(",") : []),
];
const unknown = names.filter((n) => !BENCHES.includes(n));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")} (known: ${BENCHES.join(", ")})`);
  process.exit(2);
}
const selected = names.length > 0 ? BENCHES.filter((b) => names.includes(b)) : BENCHES;

const summary = [];
for (const name of selected) {
  const file = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  console.log(`\n== bench/${name}.mjs ${passed.join(" ")} ==`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [file, ...passed], { stdio: "inherit" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const status = run.error ? run.error.message : run.signal ? `killed by ${run.signal}` : run.status;
  summary.push({ name, status, seconds });
}

console.log("\n== summary ==");
for (const { name, status, seconds } of summary)
  console.log(`${name}: ${status === 0 ? "ok" : `FAILED (${status})`} in ${seconds.toFixed(1)} s`);
if (summary.some((s) => s.status !== 0)) process.exitCode = 1;
