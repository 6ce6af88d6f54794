/**
 * The README's speed table (issue 13 §6): it is the rendering of the committed bench results
 * (bench/results/<bench>.json, written by `node bench/<name>.mjs --record`), and every figure in
 * it comes from those results.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the benches
import { median, summarize } from "../../bench/record.mjs";
// @ts-expect-error: a plain ES module (the script that writes the README table)
import { isOmitted, readResults, speedTableMarkdown, withSpeedTable } from "../../scripts/speed-table.mjs";

interface Recorded {
  bench: string;
  results: { label: string }[];
}

const README = readFileSync(resolve("README.md"), "utf8");
const results = readResults() as Recorded[];

/** Every number written in `text` (thousands separators dropped). */
const numbersIn = (text: string): number[] =>
  [...text.matchAll(/(?<![\w.])\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replaceAll(",", "")));

/** Every number a results file holds, as a value or inside a string (labels, versions, dates). */
function recordedNumbers(value: unknown, into = new Set<number>()): Set<number> {
  if (typeof value === "number") into.add(value);
  else if (typeof value === "string") for (const n of numbersIn(value)) into.add(n);
  else if (value && typeof value === "object") for (const v of Object.values(value)) recordedNumbers(v, into);
  return into;
}

describe("README speed table", () => {
  it("is the rendering of bench/results/*.json (node scripts/speed-table.mjs)", () => {
    expect(withSpeedTable(README, results) === README, "run: node scripts/speed-table.mjs").toBe(true);
  });

  it("shows no figure the recorded results do not hold", () => {
    const recorded = recordedNumbers(results);
    const rows = (speedTableMarkdown(results) as string)
      .split("\n")
      .filter((l) => l.startsWith("| ") && !l.startsWith("| workload") && !l.startsWith("| ---"));
    const shown = results.flatMap((r) => r.results.filter((l) => !isOmitted(r.bench, l.label)));
    expect(rows.length).toBe(shown.length);
    for (const row of rows)
      for (const n of numbersIn(row)) expect(recorded.has(n), `${n} in: ${row}`).toBe(true);
  });

  it("summarizes runs per line: the median is a measured value, the spread their range", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([3, 1, 2, 4])).toBe(2);
    const rows = [
      { label: "a", speedup: 2, wallSpeedup: 1.5, workload: { n: 10 } },
      { label: "b", speedup: 7, wallSpeedup: 6, workload: { n: 10 } },
      { label: "a", speedup: 3, wallSpeedup: 2.5, workload: { n: 10 } },
      { label: "a", speedup: 2.5, wallSpeedup: 2, workload: { n: 10 } },
    ];
    expect(summarize(rows)).toEqual([
      {
        label: "a",
        workload: { n: 10 },
        speedup: { median: 2.5, min: 2, max: 3, runs: [2, 3, 2.5] },
        wallSpeedup: { median: 2, min: 1.5, max: 2.5 },
      },
      {
        label: "b",
        workload: { n: 10 },
        speedup: { median: 7, min: 7, max: 7, runs: [7] },
        wallSpeedup: { median: 6, min: 6, max: 6 },
      },
    ]);
  });
});
