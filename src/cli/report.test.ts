import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { externalUrls } from "../../test/browser/page-checks.js";
import { runCommand } from "../../test/support/cli.js";
import { type AnyMetricDef, createMetric } from "../metric.js";
import * as C from "../metrics/classification/index.js";
import { registerReport } from "./report.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-report-"));
const preds = [0.1, 0.8, 0.4, 0.65, 0.3, 0.9, 0.2, 0.7];
const target = [0, 1, 0, 1, 1, 0, 0, 1];

function stateFile(name: string, from: number, to: number): string {
  const path = join(dir, name);
  const defs: AnyMetricDef[] = [C.binaryAurocDef(), C.binaryF1Def(), C.binaryCalibrationErrorDef()];
  const metrics = defs.map((def) => createMetric(def).update(preds.slice(from, to), target.slice(from, to)));
  writeFileSync(
    path,
    JSON.stringify({
      plumblineStates: 1,
      names: ["auroc", "f1", "ece"],
      snapshots: metrics.map((m) => m.snapshot({ label: name })),
    }),
  );
  return path;
}

const run = (args: string[]) => runCommand(registerReport, ["report", ...args]);

describe("plumbline report", () => {
  it("writes one HTML page from merged state files, with the task read from the metric ids", async () => {
    const a = stateFile("a.json", 0, 4);
    const b = stateFile("b.json", 4, 8);
    const out = join(dir, "report.html");
    const result = await run([a, b, "--out", out, "--title", "Merged"]);
    expect(result).toEqual({ out: "", err: "", code: 0 });
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<h1>Merged</h1>");
    // The merged AUROC is the AUROC over all eight samples.
    expect(html).toContain(`<td>${Number(C.binaryAuroc(preds, target).toPrecision(4))}</td>`);
    expect(externalUrls(html)).toEqual([]);
  });

  it("prints the report as data with --format json (snake_case keys)", async () => {
    const result = await run([stateFile("c.json", 0, 8), "--format", "json"]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.out) as {
      task: string;
      sections: { heading: string }[];
      signatures: Record<string, string>;
    };
    expect(doc.task).toBe("classification");
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "Scores",
      "Ranking: ROC and precision-recall",
      "Calibration",
      "Confusion and per-class results",
    ]);
    expect(doc.signatures.f1).toMatch(/^classification\/binary_f1\|/);
  });

  it("caller mistakes are one line and exit 2", async () => {
    const notJson = join(dir, "bad.json");
    writeFileSync(notJson, "{oops");
    const cases: [string[], string][] = [
      [
        [join(dir, "missing.json")],
        `plumbline: report: cannot read ${join(dir, "missing.json")} (no such file)\n`,
      ],
      [[notJson], `plumbline: report: ${notJson} is not JSON`],
      [
        [stateFile("d.json", 0, 8), "--format", "csv"],
        'plumbline: report: --format must be one of html, json, got "csv"\n',
      ],
      [
        [stateFile("e.json", 0, 8), "--task", "vision"],
        "plumbline: report: --task must be one of classification",
      ],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.err.startsWith(message), result.err).toBe(true);
    }
    const twice = stateFile("f.json", 0, 8);
    const result = await run([twice, twice]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("is already merged; merging it again would count its data twice");
  });
});
