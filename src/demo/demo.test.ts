/**
 * `plumbline demo` (the README's first command) runs every section on the bundled sample data:
 * exit 0, nothing on stderr, each section's heading and no "skipped" line.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const SECTIONS = [
  "classification",
  "regression",
  "detection",
  "segmentation",
  "text",
  "retrieval",
  "rag",
  "losses",
];

describe("demo", () => {
  it("runs every section on the sample data, with nothing on stderr", () => {
    const run = spawnSync(process.execPath, [cli, "demo"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const headings = run.stdout.split("\n").filter((line) => line.startsWith("== "));
    expect(headings).toEqual(SECTIONS.map((s) => `== ${s} ==`));
    expect(run.stdout).not.toContain("skipped");
  }, 120_000);
});
