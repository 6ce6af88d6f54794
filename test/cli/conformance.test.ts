import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/signature/version.js";

// Runs the built CLI (`npm test` builds first).
const cli = (args: string[]) => spawnSync("node", ["dist/cli/main.js", ...args], { encoding: "utf8" });

describe("plumbline conformance without --cases", () => {
  it("runs every public case file shipped with the package (test/data/conformance/*.json)", () => {
    const shipped = readdirSync("test/data/conformance").filter((f) => f.endsWith(".json"));
    expect(shipped.length).toBeGreaterThan(1);
    const ids = shipped.flatMap((f) =>
      (
        JSON.parse(readFileSync(`test/data/conformance/${f}`, "utf8")) as { cases: { id: string }[] }
      ).cases.map((c) => c.id),
    );
    const run = cli(["conformance", "--format", "json"]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { results: { id: string }[]; failed: number };
    expect(report.failed).toBe(0);
    expect(report.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(run.stderr).toMatch(/^\d+ passed, 0 failed/);
  }, 60_000);

  it("prints the version of the package (not a literal of its own)", () => {
    const run = cli(["--version"]);
    expect(run.stdout.trim()).toBe(VERSION);
    expect(VERSION).toBe((JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version);
  });
});
