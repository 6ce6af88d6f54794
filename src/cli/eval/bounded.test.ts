import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../test/cli/run.js";
import { parseByteSize } from "./bounded.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-bounded-"));
let seed = 9;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
// 120,000 rows: more than a 1 MiB budget buffers (43,690 scores), so the curve spills 2 runs.
const binary = join(dir, "binary.csv");
writeFileSync(
  binary,
  `score,label\n${Array.from({ length: 120_000 }, () => {
    const s = Math.round(rand() * 1e5) / 1e5;
    return `${s},${rand() < s ? 1 : 0}`;
  }).join("\n")}\n`,
);
const regression = join(dir, "regression.csv");
writeFileSync(
  regression,
  `pred,target\n${Array.from({ length: 20_000 }, (_, i) => `${Math.sin(i).toFixed(5)},${Math.cos(i).toFixed(5)}`).join("\n")}\n`,
);

const json = (out: string) => JSON.parse(out) as { metrics: Record<string, number> };
const classification = ["eval", "classification", "--task", "binary", "--preds-kind", "probabilities"];

describe("eval --memory-budget and --median-sketch", () => {
  it("--memory-budget gives the in-memory binary table bit for bit", async () => {
    const args = [...classification, "--preds", binary, "--target", binary, "--format", "json"];
    const spilled = await runCli([...args, "--memory-budget", "1MiB"]);
    const memory = await runCli(args);
    expect(spilled.err).toBe("");
    expect(json(spilled.out)).toEqual(json(memory.out));
  });

  it("--memory-budget refuses other tasks, state files, workers, tiny budgets and bad sizes (exit 2)", async () => {
    const base = [...classification, "--preds", binary, "--target", binary];
    const cases: [string[], string][] = [
      [["--memory-budget", "1KiB"], "--memory-budget must be at least 1MiB, got 1KiB"],
      [
        ["--memory-budget", "lots"],
        '--memory-budget must be a size such as 512MiB, 2GB or 100000000 (bytes), got "lots"',
      ],
      [
        ["--memory-budget", "64MiB", "--emit-state", join(dir, "s.json")],
        "--memory-budget keeps the exact curves on disk, which cannot go into --emit-state, --report, --workers or --redis (use them without it)",
      ],
      [
        ["--memory-budget", "64MiB", "--report", join(dir, "r.html")],
        "--memory-budget keeps the exact curves on disk, which cannot go into --emit-state, --report, --workers or --redis (use them without it)",
      ],
    ];
    for (const [flags, message] of cases)
      expect(await runCli([...base, ...flags])).toEqual({
        out: "",
        err: `plumbline: eval classification: ${message}\n`,
        code: 2,
      });
    const labels = join(dir, "labels.csv");
    writeFileSync(labels, "pred,target\n0,1\n2,2\n1,1\n");
    const multiclass = await runCli([
      ...["eval", "classification", "--task", "multiclass", "--num-classes", "3"],
      ...["--preds", labels, "--target", labels, "--memory-budget", "64MiB"],
    ]);
    expect(multiclass.err).toBe(
      "plumbline: eval classification: --memory-budget spills the binary task's exact curves; this is a multiclass task\n",
    );
  });

  it("--median-sketch gives the exact median below k pairs and a bounded estimate beyond", async () => {
    const args = [
      "eval",
      "regression",
      "--preds",
      regression,
      "--target",
      regression,
      "--metrics",
      "mae,median_absolute_error",
      "--format",
      "json",
    ];
    const exact = JSON.parse((await runCli(args)).out);
    const large = JSON.parse((await runCli([...args, "--median-sketch", "65536"])).out);
    // The same numbers; the signature names the sketch and its k.
    expect({ ...large, signatures: undefined }).toEqual({ ...exact, signatures: undefined });
    expect(large.signatures.median_absolute_error).toMatch(
      /^regression\/median_absolute_error_sketch\|k:65536\|/,
    );
    const sketched = JSON.parse((await runCli([...args, "--median-sketch", "256"])).out);
    expect(sketched.mae).toBe(exact.mae);
    expect(Math.abs(sketched.median_absolute_error - exact.median_absolute_error)).toBeLessThan(0.05);
    expect(await runCli([...args, "--median-sketch", "9"])).toEqual({
      out: "",
      err: "plumbline: eval regression: --median-sketch must be even, got 9\n",
      code: 2,
    });
  });

  it("parseByteSize reads decimal and binary units", () => {
    expect(parseByteSize("t", "--x", "512MiB")).toBe(512 * 2 ** 20);
    expect(parseByteSize("t", "--x", "2GB")).toBe(2e9);
    expect(parseByteSize("t", "--x", "1.5 kib")).toBe(1536);
    expect(parseByteSize("t", "--x", "100000000")).toBe(1e8);
  });
});
