/**
 * Values that mean nothing never exit 0 (issue 9 §9): for every command of docs/cli.md, every
 * flag that takes a value is either given a bad value here (negative counts, NaN, out-of-range
 * levels, unknown enum values) and must exit 2 with one line that states the valid range or
 * vocabulary, or is listed with the reason it takes any value (files, names, free text).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SAMPLE_ARGS, SAMPLES } from "../support/sample-args.js";
import { runCli } from "./run.js";

/** Valid arguments of each command, to which one bad flag is added. */
const BASE: Record<string, readonly string[]> = {
  "plumbline list": ["list"],
  "plumbline describe": ["describe", "classification/auroc"],
  "plumbline recommend": ["recommend", "--task", "classification"],
  "plumbline conformance": ["conformance", "--cases", "test/data/conformance/cases.json"],
  "plumbline eval classification": SAMPLE_ARGS.classification,
  "plumbline eval regression": SAMPLE_ARGS.regression,
  "plumbline eval detection": SAMPLE_ARGS.detection,
  "plumbline eval segmentation": SAMPLE_ARGS.segmentation,
  "plumbline eval text": SAMPLE_ARGS.text,
  "plumbline eval retrieval": SAMPLE_ARGS.retrieval,
  "plumbline eval rag": SAMPLE_ARGS.rag,
  "plumbline demo": ["demo"],
  "plumbline merge": ["merge", "test/data/does-not-matter.json"],
  "plumbline report": ["report", "test/data/does-not-matter.json"],
  "plumbline compare": [...SAMPLE_ARGS.compare, "--resamples", "10"],
  "plumbline traits": ["traits"],
  "plumbline worker": ["worker", "--redis", "redis://127.0.0.1:1"],
  "plumbline advise": [
    "advise",
    "--task",
    "classification",
    "--target",
    `${SAMPLES}/classification/binary_target.csv`,
  ],
};

/** [flag, bad value, what the one-line message must contain] per command. */
const BAD: Record<string, [string, string, string | RegExp][]> = {
  "plumbline list": [
    ["--task", "nope", 'unknown task "nope"; tasks: regression,'],
    ["--kind", "nope", "--kind"],
    ["--format", "yaml", "--format must be one of table, json, csv"],
  ],
  "plumbline describe": [["--format", "csv", "--format must be one of table, json"]],
  "plumbline recommend": [
    ["--task", "nope", 'unknown task "nope"; tasks: regression,'],
    ["--traits", "nope", "trait"],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline conformance": [
    ["--family", "nope", "matches no case"],
    ["--metric", "nope", "matches no case"],
    ["--backend", "gpu", "--backend must be one of cpu, wasm"],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline eval classification": [
    ["--task", "ternary", "--task must be one of binary, multiclass, multilabel"],
    ["--num-classes", "-3", "--num-classes must be an integer in [2, inf)"],
    ["--num-classes", "NaN", "--num-classes must be an integer in [2, inf)"],
    ["--preds-kind", "odds", "--preds-kind must be one of auto, probabilities, logits"],
    ["--metrics", "aucroc", "choose from"],
    ["--input-format", "xml", "--input-format"],
    ["--header", "maybe", "--header"],
    ["--comment", "", "the comment marker must be one ASCII character"],
    ["--format", "yaml", "--format must be one of"],
    ["--workers", "0", "--workers must be an integer in [1, 256]"],
    ["--workers", "abc", "--workers must be an integer in [1, 256]"],
    ["--redis", "http://host", "--redis must be a URL redis://"],
    ["--shards", "0", "--shards must be an integer in [1, 100000]"],
    ["--queue", "", "--queue must be a queue name"],
    ["--memory-budget", "abc", "--memory-budget must be a size such as 512MiB"],
    ["--memory-budget", "1", "--memory-budget must be at least 1MiB"],
  ],
  "plumbline eval regression": [
    ["--metrics", "rmsle", "choose from"],
    ["--input-format", "xml", "--input-format"],
    ["--header", "maybe", "--header"],
    ["--comment", "", "the comment marker must be one ASCII character"],
    ["--format", "yaml", "--format must be one of"],
    ["--workers", "0", "--workers must be an integer in [1, 256]"],
    ["--workers", "abc", "--workers must be an integer in [1, 256]"],
    ["--redis", "http://host", "--redis must be a URL redis://"],
    ["--shards", "0", "--shards must be an integer in [1, 100000]"],
    ["--queue", "", "--queue must be a queue name"],
    ["--median-sketch", "1", "--median-sketch must be an integer in [8, 16777216]"],
    ["--median-sketch", "abc", "--median-sketch must be an integer in [8, 16777216]"],
  ],
  "plumbline eval detection": [
    ["--iou-type", "boxes", "--iou-type must be bbox, segm or keypoints"],
    ["--max-dets", "-1", "--max-dets"],
    ["--max-dets", "NaN", "--max-dets"],
    ["--metrics", "map", "choose from"],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline eval segmentation": [
    ["--num-classes", "-2", "--num-classes must be an integer in [1, inf)"],
    ["--num-classes", "NaN", "--num-classes must be an integer in [1, inf)"],
    ["--ignore-index", "-1", "--ignore-index must be an integer in [0, inf)"],
    ["--metrics", "miou", "choose from"],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline eval text": [
    ["--metrics", "bleurt", "choose from"],
    ["--tokenize", "nope", "--tokenize must be one of"],
    ["--smooth-method", "nope", "--smooth-method must be one of"],
    ["--smoothing", "method9", "--smoothing must be one of"],
    ["--convention", "nope", "--convention must be one of"],
    ["--bootstrap", "-5", "--bootstrap must be an integer in [1, 1000000]"],
    ["--bootstrap", "NaN", "--bootstrap must be an integer in [1, 1000000]"],
    ["--alpha", "2", "--alpha must be a number in (0, 1)"],
    ["--alpha", "abc", "--alpha must be a number in (0, 1)"],
    ["--seed", "-1", "--seed must be an integer in [0, 4294967295]"],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline eval retrieval": [
    ["--metrics", "mapp", "choose from"],
    ["--metrics", "p", "needs a cut-off"],
    ["--convention", "nope", "--convention"],
    ["--ties", "random", "--ties"],
    ["--empty-target-action", "nope", "--empty-target-action"],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline eval rag": [
    ["--metrics", "nope", "choose from"],
    ["--samples", "0", "--samples must be an integer in [1, 100]"],
    ["--unstable", "-1", "--unstable must be a number in [0, inf)"],
    ["--agreement-threshold", "NaN", "--agreement-threshold must be a number"],
    ["--concurrency", "0", "--concurrency must be an integer in [1, 1024]"],
    ["--timeout", "-5", "--timeout must be a number in (0, inf)"],
    ["--deadline", "0", "--deadline must be a number in (0, inf)"],
    ["--retries", "-1", "--retries must be an integer in [0, 100]"],
    ["--price-in", "-1", "--price-in must be a number in [0, inf)"],
    ["--price-out", "NaN", "--price-out must be a number in [0, inf)"],
    ["--price-embed", "-1", "--price-embed must be a number in [0, inf)"],
    ["--max-cost", "-1", "--max-cost must be a number in [0, inf)"],
    ["--fail-under", "nope=1", "fail-under"],
    ["--alpha", "1.5", "--alpha must be a number in (0, 1)"],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline demo": [["--only", "nope", 'unknown section "nope"; choose from classification,']],
  "plumbline merge": [["--format", "yaml", "--format must be one of"]],
  "plumbline report": [
    ["--task", "nope", "--task must be one of"],
    ["--format", "pdf", "--format must be one of html, json"],
  ],
  "plumbline compare": [
    ["--num-classes", "-1", "--num-classes"],
    ["--metrics", "nope", "choose from"],
    ["--test", "t-test", "--test must be one of bootstrap, permutation"],
    ["--resamples", "-1", "--resamples must be an integer in [1,"],
    ["--resamples", "NaN", "--resamples must be an integer in [1,"],
    ["--seed", "-1", "--seed must be an integer in [0, 4294967295]"],
    ["--confidence", "1.5", "--confidence must be a number in (0, 1)"],
    ["--confidence", "abc", "--confidence must be a number in (0, 1)"],
    ["--correction", "sidak", "--correction must be one of"],
    ["--names", "A", "--names must be two names"],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline worker": [
    ["--redis", "x", "--redis must be a URL redis://"],
    ["--concurrency", "0", "--concurrency must be an integer in [1, 1024]"],
    ["--lock-duration", "5", "--lock-duration must be an integer in [100, 86400000]"],
    ["--queue", "", "--queue must be a queue name"],
  ],
  "plumbline traits": [
    ["--task", "nope", 'unknown task "nope"; tasks: regression,'],
    ["--format", "yaml", "--format must be one of"],
  ],
  "plumbline advise": [
    ["--task", "nope", 'unknown task "nope"; tasks: regression,'],
    ["--ignore-index", "abc", "--ignore-index must be an integer in [0, inf)"],
    ["--background", "-1", "--background must be an integer in [0, inf)"],
    ["--background", "3", "--background applies to --task segmentation only, got --task classification"],
    ["--format", "yaml", "--format must be one of"],
  ],
};

/** Flags that take any value (files, names, free text) or none, with the reason. */
const ANY_VALUE: Record<string, string> = {
  "--cases": "files",
  "--preds": "a file or folder",
  "--target": "a file or folder",
  "--gt": "a file",
  "--hyp": "a file",
  "--ref": "files",
  "--run": "a file",
  "--qrels": "a file",
  "--data": "a file",
  "--prompts": "a file",
  "--results": "a file",
  "--emit-state": "a file",
  "--report": "a file",
  "--out": "a file",
  "--cache-dir": "a folder",
  "--preds-a": "a file",
  "--preds-b": "a file",
  "--hyp-a": "a file",
  "--hyp-b": "a file",
  "--preds-columns": "column names, checked against the file",
  "--target-columns": "column names, checked against the file",
  "--preds-column": "a column name, checked against the file",
  "--target-column": "a column name, checked against the file",
  "--column": "a column name, checked against the file",
  "--shard-label": "free text (a label)",
  "--title": "free text",
  "--class-names": "free text (names)",
  "--judge-url": "a URL, checked by the client",
  "--model": "a model name",
  "--embedding-model": "a model name",
  "--api-key-env": "an environment variable name",
  "--per-query": "a switch",
  "--class-agnostic": "a switch",
  "--intended-summary": "a switch",
  "--lowercase": "a switch",
  "--show-prompts": "a switch",
  "--no-cache": "a switch",
  "--dry-run": "a switch",
  "--partial": "a switch",
  "--strict": "a switch",
  "--list-traits": "a switch",
};

function documentedFlags(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  for (const line of readFileSync("docs/cli.md", "utf8").split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 6 || !cells[1]!.startsWith("`plumbline")) continue;
    rows.set(
      ticks(cells[1]!)[0]!,
      ticks(cells[3]!).filter((f) => f.startsWith("--")),
    );
  }
  return rows;
}

describe("bad flag values exit 2 with the valid range or vocabulary (every command of docs/cli.md)", () => {
  const rows = documentedFlags();

  it("covers every value flag of every documented command", () => {
    const missing: string[] = [];
    for (const [command, flags] of rows) {
      expect(BASE[command], `${command} has no base arguments here`).toBeDefined();
      const bad = new Set((BAD[command] ?? []).map(([flag]) => flag));
      for (const flag of flags)
        if (!bad.has(flag) && ANY_VALUE[flag] === undefined) missing.push(`${command} ${flag}`);
    }
    expect(missing).toEqual([]);
  });

  for (const [command, cases] of Object.entries(BAD)) {
    for (const [flag, value, expected] of cases) {
      it(`${command} ${flag} ${JSON.stringify(value)}`, async () => {
        const run = await runCli([...BASE[command]!, flag, value]);
        expect(run.code, run.err || run.out.slice(0, 200)).toBe(2);
        expect(run.out).toBe("");
        const lines = run.err.trimEnd().split("\n");
        expect(lines, run.err).toHaveLength(1);
        expect(lines[0]).toMatch(/^plumbline: /);
        if (typeof expected === "string") expect(lines[0]).toContain(expected);
        else expect(lines[0]).toMatch(expected);
      });
    }
  }

  it("a misspelled flag or command is one line, with commander's suggestion on it", () => {
    for (const args of [
      ["eval", "classification", "--preds", "a.csv", "--target", "a.csv", "--wrkers", "2"],
      ["evl"],
    ]) {
      const run = spawnSync(process.execPath, ["dist/cli/main.js", ...args], { encoding: "utf8" });
      expect(run.status).toBe(2);
      expect(run.stderr.trimEnd().split("\n"), run.stderr).toHaveLength(1);
      expect(run.stderr).toMatch(
        /^plumbline: unknown (option|command) .*\(Did you mean (--workers|eval)\?\)\n$/,
      );
    }
  });
});
