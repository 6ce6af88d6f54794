import { describe, expect, it } from "vitest";
import { earlyPoolThreads } from "../../src/cli/early-pool.js";

describe("the pool started before the CLI loads its command (cli/early-pool.ts)", () => {
  it("starts N - 1 threads for `eval classification|regression ... --workers N`, N >= 2", () => {
    expect(earlyPoolThreads(["eval", "classification", "--preds", "a.csv", "--workers", "2"])).toBe(1);
    expect(earlyPoolThreads(["eval", "regression", "--workers", "4", "--preds", "a.csv"])).toBe(3);
  });

  it("starts none for other commands, other flags or values the command will refuse", () => {
    const none: string[][] = [
      [],
      ["--version"],
      ["eval", "classification", "--preds", "a.csv"],
      ["eval", "classification", "--workers", "1"],
      ["eval", "classification", "--workers", "0"],
      ["eval", "classification", "--workers", "2.5"],
      ["eval", "classification", "--workers", "-3"],
      ["eval", "classification", "--workers"],
      ["eval", "classification", "--workers", "99999999999"],
      ["eval", "classification", "--workers", "2", "--redis", "redis://h"],
      ["eval", "classification", "--workers", "2", "--memory-budget", "64MiB"],
      ["eval", "detection", "--workers", "2"],
      ["merge", "--workers", "2"],
      ["eval", "constructor", "--workers", "2"],
    ];
    for (const argv of none) expect([argv, earlyPoolThreads(argv)]).toEqual([argv, 0]);
  });
});
