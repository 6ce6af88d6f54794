import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Runs the built CLI (`npm test` builds first).
const cli = (args: string[]) => spawnSync("node", ["dist/cli/main.js", ...args], { encoding: "utf8" });

/** Runs `plumbline <evalArgs> --emit-state <state>`, expects exit code 0, and returns `state`. */
function emitState(evalArgs: string[], state: string): string {
  const run = cli([...evalArgs, "--emit-state", state]);
  expect(run.status, run.stderr).toBe(0);
  return state;
}

/** Runs the built CLI and parses its stdout as JSON (throws on a non-zero exit). */
const cliJson = (args: string[]): unknown =>
  JSON.parse(execFileSync("node", ["dist/cli/main.js", ...args], { encoding: "utf8" }));

const multiclassEval = [
  "eval",
  "classification",
  "--task",
  "multiclass",
  "--num-classes",
  "4",
  "--format",
  "json",
];

function writeShard(dir: string, name: string, header: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${rows.join("\n")}\n`);
  return path;
}

describe("plumbline eval --emit-state and plumbline merge", () => {
  it("two shards merged equal one evaluation of all rows (classification)", () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-merge-"));
    const preds = readFileSync("data/samples/classification/multiclass_preds.csv", "utf8").trim().split("\n");
    const target = readFileSync("data/samples/classification/multiclass_target.csv", "utf8")
      .trim()
      .split("\n");
    const half = Math.floor((preds.length - 1) / 2);
    const shards = [
      [preds.slice(1, 1 + half), target.slice(1, 1 + half)],
      [preds.slice(1 + half), target.slice(1 + half)],
    ];
    const stateFiles = shards.map(([p, t], k) =>
      emitState(
        [
          ...multiclassEval,
          "--preds",
          writeShard(dir, `p${k}.csv`, preds[0]!, p!),
          "--target",
          writeShard(dir, `t${k}.csv`, target[0]!, t!),
        ],
        join(dir, `state-${k}.json`),
      ),
    );
    const full = cliJson([
      ...multiclassEval,
      "--preds",
      "data/samples/classification/multiclass_preds.csv",
      "--target",
      "data/samples/classification/multiclass_target.csv",
    ]) as { metrics: Record<string, number> };
    const merged = cli(["merge", ...stateFiles]);
    expect(merged.status, merged.stderr).toBe(0);
    const results = JSON.parse(merged.stdout) as {
      id: string;
      options: { average?: string };
      result: number;
    }[];
    const find = (id: string, average?: string) =>
      results.find((r) => r.id === id && r.options.average === average)!.result;
    expect(find("classification/multiclass_auroc")).toBeCloseTo(full.metrics.auroc_macro!, 12);
    expect(find("classification/multiclass_log_loss")).toBeCloseTo(full.metrics.log_loss!, 12);
    expect(find("classification/multiclass_f1", "weighted")).toBeCloseTo(full.metrics.f1_weighted!, 12);
    expect(find("classification/multiclass_accuracy", "micro")).toBeCloseTo(full.metrics.accuracy!, 12);
  });

  it("two shards merged equal one evaluation of all rows (regression)", () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-merge-"));
    const preds = readFileSync("data/samples/regression/preds.csv", "utf8").trim().split("\n");
    const target = readFileSync("data/samples/regression/target.csv", "utf8").trim().split("\n");
    const cut = 97;
    const stateFiles = [
      [1, cut],
      [cut, preds.length],
    ].map(([a, b], k) =>
      emitState(
        [
          "eval",
          "regression",
          "--preds",
          writeShard(dir, `rp${k}.csv`, preds[0]!, preds.slice(a, b)),
          "--target",
          writeShard(dir, `rt${k}.csv`, target[0]!, target.slice(a, b)),
        ],
        join(dir, `reg-${k}.json`),
      ),
    );
    const full = cliJson([
      "eval",
      "regression",
      "--format",
      "json",
      "--preds",
      "data/samples/regression/preds.csv",
      "--target",
      "data/samples/regression/target.csv",
    ]) as Record<string, number>;
    const merged = JSON.parse(cli(["merge", ...stateFiles]).stdout) as {
      id: string;
      result: Record<string, number>;
    }[];
    expect(merged).toHaveLength(1);
    for (const key of ["mse", "mae", "r2", "spearman", "kendallTau", "medianAbsoluteError"]) {
      expect(merged[0]!.result[key], key).toBeCloseTo(full[key]!, 10);
    }
  });

  it("merge refuses a file that is not a state file, in one line with exit code 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-merge-"));
    const path = join(dir, "bad.json");
    writeFileSync(path, "[1, 2]");
    const run = cli(["merge", path]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      `plumbline: merge: ${path} is not a plumbline state file (expected { plumblineStates: 1, snapshots: [...] })`,
    );
  });
});
