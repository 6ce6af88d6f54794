import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readNumericTable } from "./read-table.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-read-table-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("readNumericTable", () => {
  it("reads a CSV with a header by name and by position", async () => {
    const t = await readNumericTable(file("a.csv", "preds,target\n0.1,0\n0.9,1\n"), "test");
    expect(t.columns).toEqual(["preds", "target"]);
    expect(t.rows).toBe(2);
    expect(Array.from(t.column("preds"))).toEqual([0.1, 0.9]);
    expect(Array.from(t.column(1))).toEqual([0, 1]);
    expect(t.matrix()).toEqual({ data: new Float64Array([0.1, 0, 0.9, 1]), rows: 2, cols: 2 });
  });
  it("reads a CSV without a header as positional columns", async () => {
    const t = await readNumericTable(file("b.csv", "0.1,0.9\n0.3,0.7\n"), "test");
    expect(t.columns).toEqual(["0", "1"]);
    expect(Array.from(t.column("1"))).toEqual([0.9, 0.7]);
  });
  it("reads JSON arrays, rows, objects of columns and JSONL", async () => {
    expect(Array.from((await readNumericTable(file("c.json", "[1,2,3]"), "test")).column(0))).toEqual([
      1, 2, 3,
    ]);
    const rows = await readNumericTable(file("d.json", "[[1,2],[3,4]]"), "test");
    expect(rows.matrix().data).toEqual(new Float64Array([1, 2, 3, 4]));
    const cols = await readNumericTable(file("e.json", '{"p":[0.5,0.25],"t":[1,0]}'), "test");
    expect(Array.from(cols.column("t"))).toEqual([1, 0]);
    const jl = await readNumericTable(file("f.jsonl", '{"p":0.5,"t":1}\n\n{"p":0.25,"t":0}\n'), "test");
    expect(Array.from(jl.column("p"))).toEqual([0.5, 0.25]);
  });
  it("rejects a missing file, a missing column, ragged rows and non-numbers with one clear message", async () => {
    await expect(readNumericTable(join(dir, "nope.csv"), "eval")).rejects.toMatchObject({
      code: "io_error",
      message: `eval: cannot read ${join(dir, "nope.csv")} (ENOENT)`,
    });
    const t = await readNumericTable(file("g.csv", "a\n1\n"), "eval");
    expect(() => t.column("b")).toThrow(`eval: ${join(dir, "g.csv")} has no column "b" (columns: a)`);
    await expect(readNumericTable(file("h.json", "[[1,2],[3]]"), "eval")).rejects.toMatchObject({
      code: "shape_mismatch",
    });
    await expect(readNumericTable(file("i.csv", "a\n1\nx\n"), "eval")).rejects.toMatchObject({
      code: "io_error",
      message: `eval: ${join(dir, "i.csv")} line 3 column a must be a number, got "x"`,
    });
    await expect(readNumericTable(file("j.json", "{oops"), "eval")).rejects.toMatchObject({
      code: "io_error",
    });
  });
});
