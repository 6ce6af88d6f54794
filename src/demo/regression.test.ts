import { describe, expect, it } from "vitest";
import { run } from "./regression.js";

describe("regression demo", () => {
  it("prints the suite on the bundled sample and the outlier comparison", async () => {
    const lines: string[] = [];
    await run((line) => lines.push(line));
    expect(lines[0]).toBe("delivery times, 240 orders (minutes), merged from 4 shards:");
    expect(lines.some((l) => l.includes("Spearman rho"))).toBe(true);
    expect(lines.some((l) => l.startsWith("  RMSE"))).toBe(true);
  });
});
