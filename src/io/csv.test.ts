import { describe, expect, it } from "vitest";
import { openNumericTable } from "./open.js";
import { bufferSource } from "./source.js";
import { BatchBuilder, collectTable, type TableReadOptions } from "./table.js";

/** Reads `text` as a CSV named `name` and returns the column names and row-major values. */
async function csv(text: string, options: Partial<TableReadOptions> = {}, name = "t.csv") {
  const reader = await openNumericTable(bufferSource("test", name, text), {
    fn: "test",
    format: name.endsWith(".tsv") ? "tsv" : "csv",
    ...options,
  });
  const table = await collectTable(reader, "test");
  return { names: reader.names, rows: table.rows, values: Array.from(table.matrix().data) };
}

async function csvError(text: string, options: Partial<TableReadOptions> = {}) {
  try {
    await csv(text, options);
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
  throw new Error("expected an error");
}

describe("CSV reader", () => {
  it("reads a header row and positional columns, with quotes, CRLF, BOM and blank lines", async () => {
    expect(await csv('\uFEFFp,"t"\r\n0.1,0\r\n\r\n 0.9 , 1\r\n"1e-3","0"')).toEqual({
      names: ["p", "t"],
      rows: 3,
      values: [0.1, 0, 0.9, 1, 0.001, 0],
    });
    expect(await csv("0.5\t1\n0.25\t0\n", {}, "t.tsv")).toEqual({
      names: ["0", "1"],
      rows: 2,
      values: [0.5, 1, 0.25, 0],
    });
  });

  it("never takes a row of numbers for a header: the headerless 1,1x file is an error, not a lost row", async () => {
    expect(await csv("1,1\n2,2\n3,3.5")).toEqual({
      names: ["0", "1"],
      rows: 3,
      values: [1, 1, 2, 2, 3, 3.5],
    });
    expect(await csvError("1,1x\n2,2\n3,3.5")).toBe(
      'invalid_value: test: t.csv line 1 mixes numbers and text ("1x"), so it is neither a clear header nor a row of numbers; pass --header yes if it names the columns, --header no if it is data',
    );
    expect(await csvError("1,1x\n2,2\n3,3.5", { header: "no" })).toBe(
      'invalid_value: test: t.csv line 1, column 2: expected a number, got "1x"',
    );
    expect(await csv("1,1x\n2,2\n3,3.5", { header: "yes" })).toEqual({
      names: ["1", "1x"],
      rows: 2,
      values: [2, 2, 3, 3.5],
    });
    expect(await csv("0,1\n2,3", { header: "yes", columns: ["1"] })).toEqual({
      names: ["1"],
      rows: 1,
      values: [3],
    });
  });

  it("reads comments only when asked: 0.5#note is an error by default", async () => {
    expect(await csvError("a,b\n0.5#note,1\n")).toBe(
      `invalid_value: test: t.csv line 2, column 1 ("a"): expected a number, got "0.5#note" (comments are off; pass --comment '#' to allow them)`,
    );
    expect(await csv("# made by x\na\n0.5 # note\n#\n2\n", { comment: "#" })).toEqual({
      names: ["a"],
      rows: 2,
      values: [0.5, 2],
    });
    expect(await csvError("a\n1\n", { comment: "ab" })).toBe(
      'invalid_option: test: the comment marker must be one ASCII character, got "ab"',
    );
  });

  it("rejects duplicate names, empty cells, ragged rows and unclosed quotes naming file, line and column", async () => {
    expect(await csvError("a,b,a\n1,2,3\n")).toBe(
      'invalid_value: test: t.csv line 1: duplicate column name "a" (columns 1 and 3)',
    );
    expect(await csvError("p,t\n0.1,\n")).toBe(
      'invalid_value: test: t.csv line 2, column 2 ("t"): empty cell, expected a number',
    );
    expect(await csvError("p,t\n0.1,1\n\n0.2,1,3\n")).toBe(
      "shape_mismatch: test: t.csv line 4 has 3 fields, expected 2",
    );
    expect(await csvError('p\n"0.1\n')).toBe(
      'io_error: test: t.csv line 2, column 1 ("p"): a quoted field is never closed',
    );
    expect(await csvError("p\n0x10\n")).toBe(
      'invalid_value: test: t.csv line 2, column 1 ("p"): expected a number, got "0x10"',
    );
    expect(await csvError("")).toBe("empty_input: test: t.csv is empty (no header and no rows)");
    expect(await csvError("a\n1\n", { columns: ["b"] })).toBe(
      'invalid_option: test: t.csv has no column "b" (columns: a; positions count from 0)',
    );
  });

  it("spelled-out values: NaN, signed infinities, booleans; unselected text columns are not parsed", async () => {
    const { values } = await csv("x\nNaN\n-inf\nInfinity\ntrue\nFALSE\n");
    expect(values).toEqual([Number.NaN, -Infinity, Infinity, 1, 0]);
    expect(await csv('id,score\nabc,0.5\n"d,e",0.25\n', { columns: ["score"] })).toEqual({
      names: ["score"],
      rows: 2,
      values: [0.5, 0.25],
    });
  });

  it("batches, chunk boundaries and quoted newlines do not change what is read", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${(i / 7).toFixed(6)},"${i % 3}"`);
    const text = `a,"b\nc"\n${rows.join("\n")}\n`;
    const whole = await csv(text);
    const batched = await csv(text, { batchRows: 7 });
    expect(batched).toEqual(whole);
    expect(whole.names).toEqual(["a", "b\nc"]);
    expect(whole.rows).toBe(1000);
    expect(whole.values[2 * 999]).toBe(Number((999 / 7).toFixed(6)));
    // Line numbers count the newline inside the quoted header.
    expect(await csvError('a,"b\nc"\n1,2\nx,2\n')).toBe(
      'invalid_value: test: t.csv line 4, column 1 ("a"): expected a number, got "x"',
    );
  });

  it("refuses more than 65,536 columns and gives wide tables fewer rows per batch (bounded memory)", async () => {
    const names = Array.from({ length: 70_000 }, (_, i) => `c${i}`);
    expect(await csvError(`${names.join(",")}\n`)).toBe(
      "invalid_value: test: t.csv has 70000 columns to read; at most 65536 are read (choose the columns you need)",
    );
    const wide = Array.from({ length: 20_000 }, (_, i) => String(i % 7));
    const reader = await openNumericTable(
      bufferSource("test", "w.csv", `${wide.join(",")}\n${wide.join(",")}\n`),
      {
        fn: "test",
        header: "no",
      },
    );
    const sizes: number[] = [];
    for await (const batch of reader.batches()) sizes.push(batch.columns.length * batch.rows);
    expect(sizes).toEqual([40_000]);
    expect(new BatchBuilder(20_000, 65_536).batchRows).toBe(104);
  });
});
