import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.js";

// Models trained by scikit-learn on its bundled datasets, predictions written with 6 decimals;
// golden values from scikit-learn 1.2.1 / scipy 1.10 / torchmetrics' ECE binning on the values as
// written (scripts/golden/cli_real_data.py).
const golden = JSON.parse(readFileSync("test/data/golden/cli_real_data.json", "utf8")) as Record<
  "multiclass" | "binary" | "regression",
  { file: string; rows: number; metrics: Record<string, number> }
>;

async function evalJson(args: string[]) {
  const run = await runCli([...args, "--format", "json"]);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as {
    samples?: number;
    rows?: number;
    metrics?: Record<string, number>;
    notes?: string[];
  } & Record<string, unknown>;
}

/** Each value within 1e-13 relative of the reference (a few ulps: summation order differs). */
function expectGolden(actual: Record<string, unknown>, expected: Record<string, number>) {
  for (const [name, value] of Object.entries(expected)) {
    const got = actual[name] as number;
    expect(Math.abs(got - value), `${name}: ${got} vs ${value}`).toBeLessThanOrEqual(
      1e-13 * Math.max(1, Math.abs(value)),
    );
  }
}

describe("eval on real models' predictions matches scikit-learn", () => {
  it("digits, logistic regression, multiclass probabilities with 6 decimals: no softmax, log loss as sklearn", async () => {
    const { file, rows, metrics } = golden.multiclass;
    const out = await evalJson([
      "eval",
      "classification",
      "--task",
      "multiclass",
      "--preds",
      file,
      "--target",
      file,
    ]);
    expect(out.samples).toBe(rows);
    expect(out.notes).toEqual([]);
    expectGolden(out.metrics!, metrics);
    expect(Object.keys(out.metrics!)).toEqual(Object.keys(metrics));
  });

  it("breast cancer, logistic regression, binary probabilities", async () => {
    const { file, rows, metrics } = golden.binary;
    const out = await evalJson(["eval", "classification", "--preds", file, "--target", file]);
    expect(out).toMatchObject({ task: "binary", samples: rows, notes: [] });
    expectGolden(out.metrics!, metrics);
  });

  it("diabetes, linear regression", async () => {
    const { file, rows, metrics } = golden.regression;
    const out = await evalJson(["eval", "regression", "--preds", file, "--target", file]);
    expect(out.rows).toBe(rows);
    expectGolden(out, metrics);
  });

  it("says when it squashes: logits get softmax with a note, rows far from summing to 1 are renormalised with a note", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-real-"));
    const lines = readFileSync(golden.multiclass.file, "utf8").trim().split("\n");
    const logits = join(dir, "logits.csv");
    writeFileSync(
      logits,
      `${lines[0]}\n${lines
        .slice(1)
        .map((l) => {
          const v = l.split(",").map(Number);
          return [...v.slice(0, 10).map((p) => Math.log(Math.max(p, 1e-12)).toFixed(9)), v[10]].join(",");
        })
        .join("\n")}\n`,
    );
    const fromLogits = await evalJson(["eval", "classification", "--preds", logits, "--target", logits]);
    expect(fromLogits.notes).toEqual([
      "scores outside [0, 1] (-27.631021116) were read as logits: softmax per row applied for threshold and probability metrics",
    ]);
    expect(fromLogits.metrics!.accuracy).toBe(golden.multiclass.metrics.accuracy);
    const halves = join(dir, "halves.csv");
    writeFileSync(halves, "a,b,target\n0.3,0.3,0\n0.2,0.6,1\n");
    const halved = await evalJson(["eval", "classification", "--preds", halves, "--target", halves]);
    expect(halved.notes).toEqual([
      "probability rows do not sum to 1 (largest deviation 0.400, tolerance 0.001): log loss and Brier divide each row by its sum, as sklearn log_loss does",
    ]);
    // Rows renormalised: (0.5, 0.5) and (0.25, 0.75); log loss = -(ln 0.5 + ln 0.75) / 2.
    expect(halved.metrics!.log_loss).toBeCloseTo(-(Math.log(0.5) + Math.log(0.75)) / 2, 14);
  });
});
