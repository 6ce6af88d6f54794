import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateRegressionFiles, formatRegressionTable } from "./regression.js";

const sample = (name: string) =>
  new URL(`../../../data/samples/regression/${name}`, import.meta.url).pathname;

describe("eval regression", () => {
  it("computes the suite on the bundled sample as scikit-learn and scipy do", async () => {
    const { rows, suite } = await evaluateRegressionFiles({
      preds: sample("preds.csv"),
      target: sample("target.csv"),
      targetColumn: "actual_minutes",
    });
    expect(rows).toBe(240);
    // scikit-learn 1.9.1 mean_squared_error / r2_score, scipy 1.18.1 spearmanr / kendalltau on the same files
    expect(suite.mse).toBeCloseTo(46.87758791666666, 10);
    expect(suite.r2).toBeCloseTo(0.7793152163109173, 12);
    expect(suite.spearman).toBeCloseTo(0.941683080478524, 12);
    expect(suite.kendallTau).toBeCloseTo(0.8444583964183803, 12);
    expect(suite.mape).toBeCloseTo(0.09865397220213788, 12);
    expect(formatRegressionTable(suite, rows).split("\n")[0]).toBe("regression suite over 240 pairs");
  });

  it("reports a missing file, a missing column and a length mismatch as one-line errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-regression-"));
    writeFileSync(join(dir, "short.csv"), "y\n1\n2\n");
    writeFileSync(join(dir, "long.csv"), "y\n1\n2\n3\n");
    const base = {};
    await expect(
      evaluateRegressionFiles({ ...base, preds: join(dir, "none.csv"), target: join(dir, "long.csv") }),
    ).rejects.toThrow(/eval regression: cannot read .*none\.csv \(no such file\)/);
    await expect(
      evaluateRegressionFiles({
        ...base,
        predsColumn: "pred",
        preds: join(dir, "short.csv"),
        target: join(dir, "long.csv"),
      }),
    ).rejects.toThrow(/has no column "pred" \(columns: y; positions count from 0\)/);
    await expect(
      evaluateRegressionFiles({ ...base, preds: join(dir, "short.csv"), target: join(dir, "long.csv") }),
    ).rejects.toThrow(
      `eval regression: --preds ${join(dir, "short.csv")} has 2 rows and --target ${join(dir, "long.csv")} has 3; they must match`,
    );
  });
});
