import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closingLine, formatReport, readConformanceFile, runConformance } from "./runner.js";
import type { ConformanceFile } from "./types.js";

// A family no adapter module knows, so every case is unsupported, and cases of real families
// with deliberately wrong expectations are not used here (they would depend on other modules).
const file: ConformanceFile = {
  datasets: { d0: { x: [1, 2, 3] } },
  cases: [
    {
      id: "t/0",
      family: "nonexistent",
      metric: "m",
      ref: "r",
      inputs: "d0",
      options: {},
      expected: 1,
      rtol: 0,
      atol: 0,
    },
    {
      id: "t/1",
      family: "nonexistent",
      metric: "m",
      ref: "r",
      inputs: { x: [1] },
      options: {},
      expected: 1,
      rtol: 0,
      atol: 0,
    },
  ],
};

describe("conformance runner", () => {
  it("reports cases without an adapter as unsupported and prints the closing line", async () => {
    const report = await runConformance([file]);
    expect(report).toMatchObject({ passed: 0, failed: 0, unsupported: 2 });
    expect(closingLine(report)).toBe("0 passed, 0 failed, 2 unsupported");
    expect(formatReport(report)).toContain("nonexistent");
  });

  it("filters by family", async () => {
    const report = await runConformance([file], { family: "other" });
    expect(report.results).toHaveLength(0);
    expect(closingLine(report)).toBe("0 passed, 0 failed");
  });

  it("rejects a file whose cases do not follow the schema, naming the case and the fields", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-conformance-"));
    const path = join(dir, "bad.json");
    writeFileSync(
      path,
      JSON.stringify({ cases: [{ id: "x", family: "f", metric: "m", expected: 1, rtol: 0, atol: 0 }] }),
    );
    await expect(readConformanceFile(path)).rejects.toMatchObject({
      code: "io_error",
      message: `conformance: ${path} case 0 must have string id, family, metric and ref, an expected value and numeric rtol and atol (missing ref)`,
    });
  });
});
