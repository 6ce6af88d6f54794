import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plumbline } from "./built-cli.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-workers-"));

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

// 60,000 rows (about 1 MB): split into several shards of at least 256 KiB.
const n = 60_000;
const binary = Array.from({ length: n }, () => {
  const score = Math.round(rand() * 1e6) / 1e6;
  return `${score},${rand() < score ? 1 : 0}`;
});
const binaryCsv = join(dir, "binary.csv");
writeFileSync(binaryCsv, `score,label\n${binary.join("\n")}\n`);
const multiclass = Array.from({ length: n }, () => {
  const p = [rand(), rand(), rand()];
  const sum = p[0]! + p[1]! + p[2]!;
  const probs = p.map((v) => (v / sum).toFixed(6));
  return `${probs.join(",")},${Math.floor(rand() * 3)}`;
});
const multiclassCsv = join(dir, "multiclass.csv");
writeFileSync(multiclassCsv, `p0,p1,p2,target\n${multiclass.join("\n")}\n`);
const regressionJsonl = join(dir, "regression.jsonl");
writeFileSync(
  regressionJsonl,
  `${Array.from({ length: n }, (_, i) => JSON.stringify({ pred: i / 7 + rand(), target: i / 7 })).join("\n")}\n`,
);
const predsCsv = join(dir, "preds.csv");
const targetCsv = join(dir, "target.csv");
writeFileSync(predsCsv, `score\n${binary.map((l) => l.split(",")[0]).join("\n")}\n`);
writeFileSync(targetCsv, `label\n${binary.map((l) => l.split(",")[1]).join("\n")}\n`);

/**
 * Metrics whose merged states are sums of floats (ECE's bins, log loss, Brier): their merge is
 * exact only once sums accumulate exactly (issue 13 §3, core/exact-sum.ts); until then the last
 * digits may depend on the split. Every other value must be equal bit for bit.
 */
const FLOAT_SUMS = new Set(["ece", "log_loss", "brier_score"]);

function expectSameTable(
  parallel: { metrics: Record<string, number> },
  serial: { metrics: Record<string, number> },
) {
  expect(Object.keys(parallel.metrics)).toEqual(Object.keys(serial.metrics));
  for (const [name, value] of Object.entries(serial.metrics)) {
    if (FLOAT_SUMS.has(name)) expect(parallel.metrics[name]).toBeCloseTo(value, 12);
    else expect([name, parallel.metrics[name]]).toEqual([name, value]);
  }
  expect({ ...parallel, metrics: {} }).toEqual({ ...serial, metrics: {} });
}

/** The regression JSON of a sharded run: the same numbers (sums to the last digits), the same signatures. */
function expectSameRegression(parallel: Record<string, unknown>, serial: Record<string, unknown>) {
  expect(Object.keys(parallel)).toEqual(Object.keys(serial));
  for (const [key, value] of Object.entries(serial)) {
    if (typeof value === "number") expect(parallel[key]).toBeCloseTo(value, 12);
    else expect(parallel[key]).toEqual(value);
  }
}

/** The suite's JSON, serial and with --workers, for the same arguments. */
async function serialAndParallel(args: string[], workers = "2") {
  const serial = await plumbline([...args, "--format", "json"]);
  const parallel = await plumbline([...args, "--format", "json", "--workers", workers]);
  expect(serial.err).toBe("");
  expect(parallel.err).toBe("");
  expect(serial.code).toBe(0);
  expect(parallel.code).toBe(0);
  return { serial: JSON.parse(serial.out), parallel: JSON.parse(parallel.out) };
}

/** `eval classification` of the binary CSV. */
const binaryEval = ["eval", "classification", "--preds", binaryCsv, "--target", binaryCsv];

describe("eval --workers", () => {
  it("gives the serial binary table (the workers read their own byte ranges)", async () => {
    const { serial, parallel } = await serialAndParallel(binaryEval);
    expectSameTable(parallel, serial);
    expect(serial.samples).toBe(n);
  });

  it("keeps the exact AUROC state for --emit-state (computed by ranges of scores only when no state is read)", async () => {
    const args = [...binaryEval, "--metrics", "auroc"];
    const serial = await plumbline([...args, "--format", "json"]);
    for (const workers of ["2", "3"]) {
      const state = join(dir, `auroc-${workers}.json`);
      const emitted = await plumbline([
        ...args,
        "--format",
        "json",
        "--workers",
        workers,
        "--emit-state",
        state,
      ]);
      expect([emitted.code, emitted.err]).toEqual([0, ""]);
      const merged = await plumbline(["merge", state, "--format", "json"]);
      expect([merged.code, merged.err]).toEqual([0, ""]);
      expect(JSON.parse(merged.out).metrics).toEqual(JSON.parse(serial.out).metrics);
    }
  });

  it("gives the serial multiclass table (score matrix: AUROC, AP, log loss, ECE...) at 1, 3 and 4 workers", async () => {
    for (const workers of ["1", "3", "4"]) {
      const { serial, parallel } = await serialAndParallel(
        ["eval", "classification", "--preds", multiclassCsv, "--target", multiclassCsv],
        workers,
      );
      expectSameTable(parallel, serial);
    }
  });

  it("gives the serial regression table from JSON Lines (sums equal to the last digits)", async () => {
    const { serial, parallel } = await serialAndParallel([
      "eval",
      "regression",
      "--preds",
      regressionJsonl,
      "--target",
      regressionJsonl,
    ]);
    expectSameRegression(parallel, serial);
    expect(parallel.rows).toBe(n);
  });

  it("reads two files or stdin on the main thread and sends the batches to the workers", async () => {
    const { serial, parallel } = await serialAndParallel([
      "eval",
      "classification",
      "--preds",
      predsCsv,
      "--target",
      targetCsv,
    ]);
    expectSameTable(parallel, serial);
    const piped = await plumbline(
      [
        "eval",
        "classification",
        "--task",
        "binary",
        "--preds-kind",
        "probabilities",
        "--preds",
        "-",
        "--target",
        "-",
        "--format",
        "json",
        "--workers",
        "2",
      ],
      `score,label\n${binary.join("\n")}\n`,
    );
    expect(piped.err).toBe("");
    expectSameTable(JSON.parse(piped.out), serial);
    // States that keep every pair (median, Spearman, Kendall) come back cut to their length.
    const regression = await serialAndParallel([
      "eval",
      "regression",
      "--preds",
      "data/samples/regression/preds.csv",
      "--target",
      "data/samples/regression/target.csv",
    ]);
    expectSameRegression(regression.parallel, regression.serial);
  });

  it("exits 2 with one line for bad scale flags and for errors inside a shard", async () => {
    const cases: [string[], string][] = [
      [
        ["--workers", "0"],
        'plumbline: eval classification: --workers must be an integer in [1, 256], got "0"\n',
      ],
      [["--shards", "3"], "plumbline: eval classification: --shards and --queue go with --redis URL\n"],
      [
        ["--workers", "2", "--redis", "redis://127.0.0.1:1"],
        "plumbline: eval classification: --workers and --redis are two ways to run; choose one\n",
      ],
    ];
    for (const [flags, message] of cases) {
      const result = await plumbline([
        "eval",
        "classification",
        "--preds",
        binaryCsv,
        "--target",
        binaryCsv,
        ...flags,
      ]);
      expect(result).toEqual({ out: "", err: message, code: 2 });
    }
    const bad = join(dir, "bad.csv");
    // Past the first MiB, which the main thread parses to learn the columns.
    writeFileSync(
      bad,
      `score,label\n${binary.join("\n")}\n${binary.join("\n")}\n0.5,x\n${binary.slice(0, 100).join("\n")}\n`,
    );
    const result = await plumbline([
      ...["eval", "classification", "--task", "binary", "--preds-kind", "probabilities"],
      ...["--preds", bad, "--target", bad, "--workers", "2"],
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^plumbline: eval classification: bad\.csv \[bytes \d+-\d+\] line \d+, column 2 \("label"\): expected a number, got "x"\n$/,
    );
    // Without --task the first pass (inferring the task) runs in the threads too, and stops there.
    const scan = await plumbline([
      "eval",
      "classification",
      "--preds",
      bad,
      "--target",
      bad,
      "--workers",
      "2",
    ]);
    expect(scan.code).toBe(2);
    expect(scan.err).toMatch(
      /^plumbline: eval classification: bad\.csv \[bytes \d+-\d+\] line \d+, column 2 \("label"\): expected a number, got "x"\n$/,
    );
  });

  it("exits at once when the command fails before the early-started pool has any task", async () => {
    // The pool starts before the command's modules load (cli/early-pool.ts); its idle threads
    // must not keep the process alive (a preload awaited at a worker's start once did: a cycle).
    const started = performance.now();
    const result = await plumbline([
      ...["eval", "classification", "--workers", "3"],
      ...["--preds", join(dir, "missing.csv"), "--target", join(dir, "missing.csv")],
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/cannot read .*missing\.csv \(no such file\)\n$/);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
