import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { openNumericTable } from "./open.js";
import { bufferSource } from "./source.js";
import { collectTable } from "./table.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-columnar-"));

async function read(path: string, columns?: string[]) {
  const reader = await openNumericTable(path, { fn: "test", batchRows: 2, columns });
  const table = await collectTable(reader, "test");
  return { names: reader.names, values: Array.from(table.matrix().data) };
}

describe("Parquet and Arrow IPC readers", () => {
  it("read float, int32, int64 and boolean columns row group by row group", async () => {
    const path = join(dir, "a.parquet");
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: "score", data: new Float64Array([0.1, 0.9, 0.4]), type: "DOUBLE" },
        { name: "label", data: new Int32Array([0, 1, 1]), type: "INT32" },
        { name: "big", data: [1n, 2n, 3n], type: "INT64" },
      ],
      rowGroupSize: 2,
    });
    writeFileSync(path, Buffer.from(bytes));
    expect(await read(path)).toEqual({
      names: ["score", "label", "big"],
      values: [0.1, 0, 1, 0.9, 1, 2, 0.4, 1, 3],
    });
    expect(await read(path, ["label"])).toEqual({ names: ["label"], values: [0, 1, 1] });
  });

  it("read Arrow IPC files and streams; nulls and text are errors naming row and column", async () => {
    const table = tableFromArrays({ score: new Float64Array([0.1, 0.9, 0.4]), ok: [true, false, true] });
    for (const [name, format] of [
      ["a.arrow", "file"],
      ["a.arrows", "stream"],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, tableToIPC(table, format));
      expect(await read(path)).toEqual({ names: ["score", "ok"], values: [0.1, 1, 0.9, 0, 0.4, 1] });
    }
    const withNull = join(dir, "null.arrow");
    writeFileSync(withNull, tableToIPC(tableFromArrays({ p: [0.5, null] as unknown as number[] }), "file"));
    await expect(read(withNull)).rejects.toThrow(
      `test: ${withNull} row 1, column "p": expected a number, got null`,
    );
    const text = join(dir, "text.arrow");
    writeFileSync(text, tableToIPC(tableFromArrays({ id: ["a", "b"] }), "file"));
    await expect(read(text)).rejects.toThrow(/row 0, column "id": Arrow type .* is not numeric/);
    const junk = join(dir, "junk.parquet");
    writeFileSync(junk, "not parquet");
    await expect(read(junk)).rejects.toThrow(`test: cannot read ${junk} as Parquet`);
  });

  it("read an Arrow stream from a pipe (no file); refuse Parquet from a pipe", async () => {
    const table = tableFromArrays({ score: new Float64Array([0.25, 0.75]), label: new Int32Array([0, 1]) });
    const piped = await openNumericTable(
      bufferSource("test", "stdin", Buffer.from(tableToIPC(table, "stream")), 7),
      {
        fn: "test",
        format: "arrow",
      },
    );
    expect(Array.from((await collectTable(piped, "test")).matrix().data)).toEqual([0.25, 0, 0.75, 1]);
    await expect(
      openNumericTable(bufferSource("test", "stdin", "PAR1"), { fn: "test", format: "parquet" }),
    ).rejects.toThrow(
      "test: Parquet cannot be read from stdin (its index is at the end of the file); pass a file",
    );
  });
});
