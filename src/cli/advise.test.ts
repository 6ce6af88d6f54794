import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../test/support/cli.js";
import { registerAdvise } from "./advise.js";

/** Runs `plumbline advise <args>` in-process. */
const advise = (...args: string[]) => runCommand(registerAdvise, ["advise", ...args]);

const S = "data/samples";

/** Every sample dataset of data/samples, with the traits advise must find in it. */
const SAMPLES: { args: string[]; traits: string[]; files: string[] }[] = [
  {
    args: [
      "--task",
      "classification",
      "--target",
      `${S}/classification/binary_target.csv`,
      "--preds",
      `${S}/classification/binary_preds.csv`,
    ],
    traits: ["imbalanced"],
    files: ["classification/binary_target.csv", "classification/binary_preds.csv"],
  },
  {
    args: [
      "--task",
      "classification",
      "--target",
      `${S}/classification/multiclass_target.csv`,
      "--preds",
      `${S}/classification/multiclass_preds.csv`,
    ],
    traits: ["imbalanced"],
    files: ["classification/multiclass_target.csv", "classification/multiclass_preds.csv"],
  },
  {
    args: [
      "--task",
      "classification",
      "--target",
      `${S}/classification/multilabel_target.json`,
      "--preds",
      `${S}/classification/multilabel_preds.json`,
    ],
    traits: ["multilabel", "imbalanced"],
    files: ["classification/multilabel_target.json", "classification/multilabel_preds.json"],
  },
  {
    args: ["--task", "classification", "--target", `${S}/losses/imbalanced.csv`, "--column", "label"],
    traits: ["imbalanced"],
    files: ["losses/imbalanced.csv"],
  },
  {
    args: [
      "--task",
      "regression",
      "--target",
      `${S}/regression/target.csv`,
      "--preds",
      `${S}/regression/preds.csv`,
    ],
    // The README's five traffic outliers: found in the residuals, not in the targets.
    traits: ["outliers"],
    files: ["regression/target.csv", "regression/preds.csv"],
  },
  {
    args: ["--task", "detection", "--target", `${S}/detection/instances.json`],
    traits: ["crowded"],
    files: ["detection/instances.json"],
  },
  {
    args: ["--task", "segmentation", "--target", `${S}/segmentation/target`],
    traits: [],
    files: ["segmentation/target"],
  },
  {
    // The predicted maps hold small spurious blobs the ground truth does not.
    args: ["--task", "segmentation", "--target", `${S}/segmentation/preds`],
    traits: ["small-structures"],
    files: ["segmentation/preds"],
  },
  {
    args: ["--task", "segmentation", "--target", `${S}/segmentation/panoptic.json`],
    traits: ["panoptic", "instances"],
    files: ["segmentation/panoptic.json"],
  },
  {
    args: [
      "--task",
      "retrieval",
      "--target",
      `${S}/retrieval/qrels.txt`,
      "--preds",
      `${S}/retrieval/run.txt`,
    ],
    traits: ["graded-relevance", "top-k"],
    files: ["retrieval/qrels.txt", "retrieval/run.txt"],
  },
  {
    args: [
      "--task",
      "text",
      "--target",
      `${S}/text/mt-ref1.txt,${S}/text/mt-ref2.txt`,
      "--preds",
      `${S}/text/mt-hyp.txt`,
    ],
    traits: ["sentence-level"],
    files: ["text/mt-ref1.txt", "text/mt-ref2.txt", "text/mt-hyp.txt"],
  },
  {
    args: ["--task", "text", "--target", `${S}/text/asr-ref.txt`, "--preds", `${S}/text/asr-hyp.txt`],
    traits: ["sentence-level", "speech"],
    files: ["text/asr-ref.txt", "text/asr-hyp.txt"],
  },
  {
    args: ["--task", "rag", "--target", `${S}/rag/samples.jsonl`],
    traits: ["answer-quality", "faithfulness", "retrieval-quality", "confidence-intervals"],
    files: ["rag/samples.jsonl"],
  },
];

describe("plumbline advise on every sample dataset", () => {
  for (const sample of SAMPLES) {
    it(`${sample.args[1]}: ${sample.files.join(", ")} → ${sample.traits.join(", ") || "no traits"}`, async () => {
      const { out, err, code } = await advise(...sample.args, "--format", "json");
      expect(err).toBe("");
      expect(code).toBe(0);
      const report = JSON.parse(out) as {
        traits: string[];
        findings: unknown[];
        recommendation: { task: string };
      };
      expect(report.traits).toEqual(sample.traits);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(report.recommendation.task).toBe(sample.args[1]);
    });
  }

  it("covers every data file of data/samples (except generator scripts, READMEs and detection results)", () => {
    const covered = new Set(SAMPLES.flatMap((s) => s.files));
    const all = readdirSync(S, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(S.length + 1))
      .filter((f) => !/\.(md|mjs)$/.test(f) && f !== "detection/results.json");
    const uncovered = all.filter((f) => !covered.has(f) && ![...covered].some((c) => f.startsWith(`${c}/`)));
    expect(uncovered).toEqual([]);
  });

  it("prints what it found, the traits, then the recommendation", async () => {
    const { out } = await advise(
      "--task",
      "classification",
      "--target",
      `${S}/classification/binary_target.csv`,
    );
    expect(out).toMatch(
      /^advise: classification, 600 samples \(data\/samples\/classification\/binary_target\.csv\)\n\nfound\n/,
    );
    expect(out).toMatch(/imbalance ratio \(largest \/ smallest class\) +12\.04 {2}→ imbalanced\n/);
    expect(out).toMatch(/\ntraits: imbalanced\n\nrecommend: classification, traits imbalanced\n/);
    expect(out).toMatch(/\navoid\n {3}- classification\/accuracy: /);
  });
});

describe("plumbline advise: caller mistakes exit 2 with one line", () => {
  it.each([
    [["--target", "x.csv"], /--task is required/],
    [["--task", "nope", "--target", "x"], /unknown task "nope"/],
    [["--task", "regression"], /--target is required for task regression/],
    [["--task", "face", "--target", "x"], /no data reader for task face yet/],
    [
      ["--task", "regression", "--target", `${S}/losses/imbalanced.csv`],
      /has several columns; choose one with --column \(columns: x1, x2/,
    ],
    [
      ["--task", "regression", "--target", `${S}/losses/imbalanced.csv`, "--column", "split"],
      /row 1: expected a number, got "train"/,
    ],
    [["--task", "classification", "--target", "no/such.csv"], /cannot read no\/such\.csv \(no such file\)/],
    [["--task", "segmentation", "--target", `${S}/text`], /holds no \.png or \.npy label maps/],
    [
      ["--task", "segmentation", "--target", `${S}/segmentation/target`, "--ignore-index", "-1"],
      /--ignore-index must be an integer/,
    ],
  ])("%j", async (args, message) => {
    const { out, err, code } = await advise(...(args as string[]));
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^plumbline: advise: /);
    expect(err).toMatch(message as RegExp);
    expect(err.trimEnd().split("\n")).toHaveLength(1);
  });
});
