import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { externalUrls } from "../../test/browser/page-checks.js";
import { runCommand } from "../../test/support/cli.js";
import { registerCompare } from "./compare.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-compare-"));
const golden = JSON.parse(readFileSync("test/data/golden/stats-compare.json", "utf8")) as {
  predsB: number[];
  mcnemarP: number;
  delongP: number;
};
const predsB = join(dir, "b.csv");
writeFileSync(predsB, `score\n${golden.predsB.join("\n")}\n`);
const binary = [
  "--target",
  "data/samples/classification/binary_target.csv",
  "--preds-a",
  "data/samples/classification/binary_preds.csv",
  "--preds-b",
  predsB,
];
const run = (args: string[]) => runCommand(registerCompare, ["compare", ...args]);

describe("plumbline compare", () => {
  it("prints a table per metric with both values, the difference, its interval, p and the adjusted p", async () => {
    const result = await run([
      "classification",
      ...binary,
      "--names",
      "current,candidate",
      "--resamples",
      "200",
    ]);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    const lines = result.out.split("\n");
    expect(lines[0]).toBe("compare (binary classification, 600 samples; current vs candidate)");
    expect(lines[1]).toMatch(
      /^metric\s+current\s+candidate\s+current - candidate\s+95% interval\s+p\s+p \(Holm\)\s+test$/,
    );
    expect(lines.find((l) => l.startsWith("accuracy"))).toMatch(
      /0\.9517\s+0\.9017\s+0\.05\s+\[.*\]\s+5\.3e-6\s+.*mcnemar$/,
    );
    expect(result.out).toContain("note: 4 metrics compared at once");
    expect(result.out).toContain(
      "signature auroc: classification/binary_auroc|ref:torchmetrics-1.9.0|version:",
    );
  });

  it("writes JSON (snake_case), CSV and a self-contained HTML page", async () => {
    const json = await run(["classification", ...binary, "--metrics", "accuracy,auroc", "--format", "json"]);
    const parsed = JSON.parse(json.out) as {
      rows: { metric: string; p_value: number; adjusted_p_value: number; test: string }[];
    };
    expect(parsed.rows.map((r) => [r.metric, r.test])).toEqual([
      ["accuracy", "mcnemar"],
      ["auroc", "delong"],
    ]);
    expect(parsed.rows[0]!.p_value).toBeCloseTo(golden.mcnemarP, 12);
    expect(parsed.rows[1]!.p_value).toBeCloseTo(golden.delongP, 9);
    const csv = await run(["classification", ...binary, "--metrics", "accuracy", "--format", "csv"]);
    expect(csv.out.split("\n")[0]).toBe(
      "metric,id,value_a,value_b,difference,low,high,p_value,adjusted_p_value,test,signature",
    );
    const out = join(dir, "compare.html");
    const html = await run([
      "classification",
      ...binary,
      "--metrics",
      "f1",
      "--resamples",
      "100",
      "--format",
      "html",
      "--out",
      out,
    ]);
    expect(html).toEqual({ out: "", err: "", code: 0 });
    const page = readFileSync(out, "utf8");
    expect(page).toContain("<h1>A vs B: binary classification, 600 samples</h1>");
    expect(externalUrls(page)).toEqual([]);
  });

  it("compares regression and text systems", async () => {
    const reg = await run([
      "regression",
      "--target",
      "data/samples/regression/target.csv",
      "--preds-a",
      "data/samples/regression/preds.csv",
      "--preds-b",
      "data/samples/regression/target.csv",
      "--resamples",
      "100",
      "--format",
      "json",
    ]);
    const rows = (JSON.parse(reg.out) as { rows: { metric: string; value_b: number }[] }).rows;
    expect(rows.map((r) => [r.metric, r.value_b])).toEqual([
      ["mae", 0],
      ["rmse", 0],
      ["r2", 1],
    ]);
    const text = await run([
      "text",
      "--ref",
      "data/samples/text/mt-ref1.txt",
      "--ref",
      "data/samples/text/mt-ref2.txt",
      "--hyp-a",
      "data/samples/text/mt-hyp.txt",
      "--hyp-b",
      "data/samples/text/mt-hyp.txt",
      "--resamples",
      "50",
      "--format",
      "json",
    ]);
    const textRows = (
      JSON.parse(text.out) as { rows: { metric: string; difference: number; p_value: number }[] }
    ).rows;
    expect(textRows.map((r) => [r.metric, r.difference, r.p_value])).toEqual([
      ["bleu", 0, 1],
      ["chrf", 0, 1],
      ["ter", 0, 1],
    ]);
  });

  it("caller mistakes are one line and exit 2", async () => {
    const cases: [string[], string][] = [
      [
        ["vision", ...binary],
        'plumbline: compare: the task must be one of classification, regression, text, got "vision"\n',
      ],
      [["classification", ...binary, "--metrics", "acc"], 'plumbline: compare: unknown metric "acc"'],
      [
        ["classification", ...binary, "--test", "t"],
        'plumbline: compare: --test must be one of bootstrap, permutation, got "t"\n',
      ],
      [
        ["classification", ...binary, "--resamples", "0"],
        'plumbline: compare: --resamples must be an integer in [1, 1000000], got "0"\n',
      ],
      [
        ["classification", ...binary, "--format", "xml"],
        'plumbline: compare: --format must be one of table, json, csv, html, got "xml"\n',
      ],
      [
        ["classification", "--target", "data/samples/classification/binary_target.csv"],
        "plumbline: compare classification: --preds-a is required\n",
      ],
      [
        ["text", "--hyp-a", "x", "--hyp-b", "y"],
        "plumbline: compare text: --ref is required (once per reference set)\n",
      ],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.err.startsWith(message), result.err).toBe(true);
    }
  });
});
