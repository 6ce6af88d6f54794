import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Runs the built CLI (`npm test` builds first).
const cli = (args: string[], input?: string) =>
  spawnSync("node", ["dist/cli/main.js", ...args], {
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
  });

function ok(args: string[], input?: string): string {
  const run = cli(args, input);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toBe("");
  return run.stdout;
}

/** Runs the CLI expecting exit 2 and one line on stderr; returns that line. */
function refused(args: string[]): string {
  const run = cli(args);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.endsWith("\n") && run.stderr.split("\n").length === 2, run.stderr).toBe(true);
  return run.stderr.trim();
}

const dir = mkdtempSync(join(tmpdir(), "plumbline-merge-"));
const lines = (path: string) => readFileSync(path, "utf8").trim().split("\n");
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const classification = ["eval", "classification", "--task", "multiclass", "--num-classes", "4"];
const preds = lines("data/samples/classification/multiclass_preds.csv");
const target = lines("data/samples/classification/multiclass_target.csv");
const cut = 137;
/** The multiclass sample cut into two shards of preds/target files, and their state files. */
const shards = [
  [1, cut],
  [cut, preds.length],
].map(([a, b], k) => {
  const p = write(`p${k}.csv`, `${preds[0]}\n${preds.slice(a, b).join("\n")}\n`);
  const t = write(`t${k}.csv`, `${target[0]}\n${target.slice(a, b).join("\n")}\n`);
  const state = join(dir, `state-${k}.json`);
  ok([...classification, "--preds", p, "--target", t, "--emit-state", state]);
  return { p, t, state, rows: b! - a! };
});
const fullArgs = [
  ...classification,
  "--preds",
  "data/samples/classification/multiclass_preds.csv",
  "--target",
  "data/samples/classification/multiclass_target.csv",
];

describe("plumbline merge", () => {
  it("prints the table eval prints over all rows, whatever the order of the shards", () => {
    const full = JSON.parse(ok([...fullArgs, "--format", "json"])) as {
      samples: number;
      metrics: Record<string, number>;
    };
    for (const order of [
      [shards[0]!.state, shards[1]!.state],
      [shards[1]!.state, shards[0]!.state],
    ]) {
      const merged = JSON.parse(ok(["merge", ...order, "--format", "json"])) as typeof full;
      expect(merged.samples).toBe(full.samples);
      expect(Object.keys(merged.metrics)).toEqual(Object.keys(full.metrics));
      for (const [name, value] of Object.entries(full.metrics))
        expect(merged.metrics[name], name).toBeCloseTo(value, 12);
    }
    const table = ok(["merge", shards[0]!.state, shards[1]!.state]);
    expect(table.split("\n")[0]).toBe(`classification (multiclass, ${preds.length - 1} samples, 4 classes)`);
    expect(ok(["merge", shards[0]!.state, shards[1]!.state, "--format", "csv"]).split("\n")[0]).toBe(
      "metric,value,signature",
    );
  });

  it("labels each shard with its input files and row range, or --shard-label", () => {
    const state = JSON.parse(readFileSync(shards[0]!.state, "utf8")) as {
      snapshots: { shards: { label: string }[] }[];
    };
    expect(state.snapshots[0]!.shards).toEqual([
      { hash: expect.stringMatching(/^[0-9a-f]{64}$/), label: `p0.csv+t0.csv:rows 0-${shards[0]!.rows}` },
    ]);
    const labelled = ok([
      ...classification,
      "--preds",
      shards[0]!.p,
      "--target",
      shards[0]!.t,
      "--emit-state",
      "-",
      "--shard-label",
      "job-7",
    ]);
    expect((JSON.parse(labelled) as typeof state).snapshots[3]!.shards[0]!.label).toBe("job-7");
  });

  it("refuses the same shard twice, by path or by content", () => {
    expect(refused(["merge", shards[0]!.state, shards[0]!.state])).toBe(
      `plumbline: merge: ${shards[0]!.state} is given twice; its data would be counted twice`,
    );
    const copy = join(dir, "copy.json");
    copyFileSync(shards[0]!.state, copy);
    expect(refused(["merge", shards[0]!.state, copy])).toMatch(
      new RegExp(
        `^plumbline: merge: ${copy}: classification/multiclass_accuracy: shard p0\\.csv\\+t0\\.csv:rows 0-136 \\(sha256 [0-9a-f]{12}…\\) is already merged; merging it again would count its data twice$`,
      ),
    );
  });

  it("refuses files with no snapshots, truncated files and files holding other metrics (unless --partial)", () => {
    const empty = write("empty.json", '{"plumblineStates":1,"snapshots":[]}');
    expect(refused(["merge", empty, shards[0]!.state])).toBe(`plumbline: merge: ${empty} holds no snapshots`);
    const text = readFileSync(shards[1]!.state, "utf8");
    const truncated = write("truncated.json", text.slice(0, Math.floor(text.length / 2)));
    expect(refused(["merge", shards[0]!.state, truncated])).toMatch(
      new RegExp(
        `^plumbline: merge: ${truncated} is not complete JSON \\(.*\\); a truncated or unfinished state file cannot be merged$`,
      ),
    );
    const file = JSON.parse(text) as { snapshots: unknown[]; names: string[] };
    const fewer = write(
      "fewer.json",
      JSON.stringify({ ...file, snapshots: file.snapshots.slice(1), names: file.names.slice(1) }),
    );
    expect(refused(["merge", shards[0]!.state, fewer])).toBe(
      `plumbline: merge: ${fewer} holds 13 metrics but the files hold 14 in all; it lacks classification/multiclass_accuracy {"average":"micro","numClasses":4}; pass --partial to merge each metric over the files that hold it`,
    );
    const partial = ok(["merge", shards[0]!.state, fewer, "--partial"]);
    expect(partial).toContain(
      'classification/multiclass_accuracy {"average":"micro","numClasses":4} (1 of 2 files): ',
    );
    // Names in a state file are informational: the table names each metric by its (id, options).
    const relabelled = write(
      "relabelled.json",
      JSON.stringify({ ...file, names: file.names.map(() => "auroc") }),
    );
    expect(ok(["merge", shards[0]!.state, relabelled])).toBe(
      ok(["merge", shards[0]!.state, shards[1]!.state]),
    );
    const badNames = write("bad-names.json", JSON.stringify({ ...file, names: file.names.map(() => 5) }));
    expect(refused(["merge", badNames])).toBe(
      `plumbline: merge: ${badNames} must name each of its 14 snapshots with a string, got names an array of length 14`,
    );
    const notState = write("bad.json", "[1, 2]");
    expect(refused(["merge", notState])).toBe(
      `plumbline: merge: ${notState} is not a plumbline state file (expected { plumblineStates: 1, snapshots: [...] })`,
    );
  });

  it("--emit-state: - is stdout, merged states merge again, a missing directory or a directory is one line", () => {
    const viaStdout = ok([
      ...classification,
      "--preds",
      shards[1]!.p,
      "--target",
      shards[1]!.t,
      "--emit-state",
      "-",
    ]);
    expect(JSON.parse(viaStdout)).toMatchObject({ plumblineStates: 1, command: "eval classification" });
    const merged = join(dir, "merged.json");
    ok(["merge", shards[0]!.state, shards[1]!.state, "--emit-state", merged]);
    const again = JSON.parse(ok(["merge", merged, "--format", "json"])) as { samples: number };
    expect(again.samples).toBe(preds.length - 1);
    expect(refused(["merge", merged, shards[0]!.state])).toMatch(
      /is already merged; merging it again would count its data twice$/,
    );
    const missing = join(dir, "no-such-dir", "s.json");
    expect(refused([...fullArgs, "--emit-state", missing])).toBe(
      `plumbline: eval classification: cannot write --emit-state ${missing} (the directory ${join(dir, "no-such-dir")} does not exist)`,
    );
    mkdirSync(join(dir, "adir"));
    expect(refused([...fullArgs, "--emit-state", join(dir, "adir")])).toBe(
      `plumbline: eval classification: cannot write --emit-state ${join(dir, "adir")} (it is a directory)`,
    );
    expect(refused(["merge", shards[0]!.state, "--emit-state", join(dir, "adir")])).toBe(
      `plumbline: merge: cannot write --emit-state ${join(dir, "adir")} (it is a directory)`,
    );
  });

  it("regression shards merge to the full evaluation", () => {
    const p = lines("data/samples/regression/preds.csv");
    const t = lines("data/samples/regression/target.csv");
    const states = [
      [1, 97],
      [97, p.length],
    ].map(([a, b], k) => {
      const both = write(
        `reg${k}.csv`,
        `pred,target\n${p
          .slice(a, b)
          .map((v, i) => `${v},${t[a! + i]}`)
          .join("\n")}\n`,
      );
      const state = join(dir, `reg-${k}.json`);
      ok(["eval", "regression", "--preds", both, "--target", both, "--emit-state", state]);
      return state;
    });
    const full = JSON.parse(
      ok([
        "eval",
        "regression",
        "--format",
        "json",
        "--preds",
        "data/samples/regression/preds.csv",
        "--target",
        "data/samples/regression/target.csv",
      ]),
    ) as Record<string, number> & { signatures?: Record<string, string> };
    const merged = JSON.parse(ok(["merge", ...states, "--format", "json"])) as Record<string, number> & {
      signatures?: Record<string, string>;
    };
    expect(Object.keys(merged)).toEqual(Object.keys(full));
    // The same definitions sign both (one signature per member of the suite).
    expect(merged.signatures).toEqual(full.signatures);
    expect(Object.keys(full.signatures!)).toHaveLength(11);
    for (const key of Object.keys(full))
      if (key !== "signatures") expect(merged[key], key).toBeCloseTo(full[key]!, 10);
    expect(ok(["merge", ...states]).split("\n")[0]).toBe("regression suite over 240 pairs");
  });

  it("a tampered state ends in one line and exit 2 (decoding or computing), never a stack trace", () => {
    const data = "data/samples/regression/";
    const state = JSON.parse(
      ok([
        "eval",
        "regression",
        "--preds",
        `${data}preds.csv`,
        "--target",
        `${data}target.csv`,
        "--emit-state",
        "-",
      ]),
    ) as { snapshots: { state: unknown }[] };
    state.snapshots[0]!.state = {};
    expect(refused(["merge", write("tampered.json", JSON.stringify(state))])).toMatch(/^plumbline: merge: /);
  });

  it("a --metrics subset of regression is a collection of those members and merges to the same rows", () => {
    const data = "data/samples/regression/";
    const args = [
      "eval",
      "regression",
      "--preds",
      `${data}preds.csv`,
      "--target",
      `${data}target.csv`,
      "--metrics",
      "mse,r2",
    ];
    const state = JSON.parse(ok([...args, "--emit-state", "-"])) as {
      snapshots: { id: string; options: { metrics: Record<string, { id: string }> } }[];
    };
    expect(state.snapshots.map((s) => s.id)).toEqual(["collection/metrics"]);
    expect(Object.values(state.snapshots[0]!.options.metrics).map((m) => m.id)).toEqual([
      "regression/mean_squared_error",
      "regression/r2_score",
    ]);
    const path = write("subset.json", JSON.stringify(state));
    expect(ok(["merge", path, "--format", "csv"])).toBe(ok([...args, "--format", "csv"]));
  });
});
