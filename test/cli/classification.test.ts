import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/signature/version.js";
import { runCli } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-cli-classification-"));
const both = join(dir, "both.csv");
writeFileSync(both, "score,label\n0.9,1\n0.2,0\n0.6,0\n0.4,1\n");
const evalArgs = ["eval", "classification", "--preds", both, "--target", both];

async function refused(args: string[]): Promise<string> {
  const run = await runCli(args);
  expect(run.code, run.err).toBe(2);
  expect(run.out).toBe("");
  return run.err;
}

describe("eval classification flags", () => {
  it("checks --metrics against every task before reading, then against the task's own list", async () => {
    expect(await refused([...evalArgs, "--metrics", "auroc,f1_macr"])).toMatch(
      /^plumbline: eval classification: unknown metric "f1_macr" \(did you mean `f1_macro`\?\); choose from stat_scores, /,
    );
    expect(await refused([...evalArgs, "--metrics", "f1_macro"])).toBe(
      'plumbline: eval classification (binary task): unknown metric "f1_macro"; choose from stat_scores, accuracy, precision, recall, f1, specificity, balanced_accuracy, mcc, cohen_kappa, auroc, average_precision, log_loss, brier_score, ece\n',
    );
    const run = await runCli([...evalArgs, "--metrics", "auroc,accuracy", "--format", "csv"]);
    // Each row carries the signature of the number (plumbline/signature).
    expect(run.out).toBe(
      `metric,value,signature\naccuracy,0.5,classification/binary_accuracy|ref:torchmetrics-1.9.0|version:${VERSION}\nauroc,0.75,classification/binary_auroc|ref:torchmetrics-1.9.0|version:${VERSION}\n`,
    );
  });

  it("validates --task, --num-classes, --preds-kind, --header and --input-format with their vocabularies", async () => {
    expect(await refused([...evalArgs, "--task", "binray"])).toBe(
      'plumbline: eval classification: --task must be one of binary, multiclass, multilabel, got "binray" (did you mean `binary`?)\n',
    );
    expect(await refused([...evalArgs, "--num-classes", "2.5"])).toBe(
      'plumbline: eval classification: --num-classes must be an integer in [2, inf), got "2.5"\n',
    );
    expect(await refused([...evalArgs, "--preds-kind", "logit"])).toBe(
      'plumbline: eval classification: --preds-kind must be one of auto, probabilities, logits, got "logit" (did you mean `logits`?)\n',
    );
    expect(await refused([...evalArgs, "--header", "maybe"])).toBe(
      'plumbline: eval classification: --header must be one of auto, yes, no, got "maybe"\n',
    );
    expect(await refused([...evalArgs, "--input-format", "xlsx"])).toBe(
      'plumbline: eval classification: --input-format must be one of csv, tsv, jsonl, json, parquet, arrow, got "xlsx"\n',
    );
  });

  it("reads predictions and target from one file; says which column to name when it cannot tell", async () => {
    const noTarget = join(dir, "no-target.csv");
    writeFileSync(noTarget, "a,b\n0.1,1\n");
    expect(await refused(["eval", "classification", "--preds", noTarget, "--target", noTarget])).toBe(
      `plumbline: eval classification: --preds and --target are the same file (${noTarget}); name its target column with --target-columns (columns: a, b)\n`,
    );
    const run = await runCli([
      "eval",
      "classification",
      "--preds",
      noTarget,
      "--target",
      noTarget,
      "--target-columns",
      "b",
      "--metrics",
      "accuracy",
      "--format",
      "json",
    ]);
    expect(JSON.parse(run.out)).toMatchObject({ task: "binary", samples: 1, metrics: { accuracy: 0 } });
  });

  it("stdin is read once: the flags that would need a first pass are asked for", () => {
    const cli = (args: string[]) =>
      spawnSync(
        "node",
        ["dist/cli/main.js", "eval", "classification", "--preds", "-", "--target", "-", ...args],
        {
          encoding: "utf8",
          input: "score,label\n0.9,1\n0.2,0\n",
        },
      );
    const missing = cli([]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      "plumbline: eval classification: stdin is read once, so nothing can be inferred from a first pass; pass --task\n",
    );
    expect(cli(["--task", "binary"]).stderr).toBe(
      "plumbline: eval classification: stdin is read once, so nothing can be inferred from a first pass; pass --preds-kind\n",
    );
    const auroc = cli(["--task", "binary", "--metrics", "auroc", "--format", "csv"]);
    expect(auroc.stdout).toBe(
      `metric,value,signature\nauroc,1,classification/binary_auroc|ref:torchmetrics-1.9.0|version:${VERSION}\n`,
    );
    const logits = cli([
      "--task",
      "binary",
      "--preds-kind",
      "logits",
      "--metrics",
      "accuracy",
      "--format",
      "json",
    ]);
    expect(JSON.parse(logits.stdout).notes).toEqual([
      "predictions read as logits (--preds-kind logits): sigmoid applied for threshold and probability metrics",
    ]);
  });
});
