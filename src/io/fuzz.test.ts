import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPlumblineError } from "../core/errors.js";
import { openNumericTable } from "./open.js";
import { bufferSource } from "./source.js";
import { collectTable, type TableFormat } from "./table.js";

/** Reads `text` as `format` in chunks of `chunk` bytes and batches of `batchRows`. */
async function read(text: string, format: TableFormat, chunk: number, batchRows: number) {
  const reader = await openNumericTable(bufferSource("fuzz", `t.${format}`, text, chunk), {
    fn: "fuzz",
    format,
    batchRows,
  });
  const table = await collectTable(reader, "fuzz");
  return { names: [...reader.names], values: Array.from(table.matrix().data) };
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const table = fc
  .integer({ min: 1, max: 4 })
  .chain((cols) =>
    fc.array(fc.array(finite, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 40 }),
  );
/** Ways a writer may spell a number in CSV. */
const spell = (x: number, style: number) => {
  const text = Object.is(x, -0) ? "-0" : String(x);
  return style === 0 ? text : style === 1 ? ` ${text} ` : style === 2 ? `"${text}"` : x.toExponential();
};

describe("readers under random input", () => {
  it("CSV and JSONL give back every value exactly, whatever the chunk boundaries, batch size, spacing and quoting", async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom("\n", "\r\n"),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 7 }),
        async (rows, style, newline, chunk, batchRows) => {
          const header = rows[0]!.map((_, c) => `c${c}`);
          const csv = `${header.join(",")}${newline}${rows.map((r) => r.map((x) => spell(x, style)).join(",")).join(newline)}${newline}`;
          const expected = {
            names: header,
            values: rows.flat().map((x) => Number(spell(x, style).replace(/"/g, "").trim())),
          };
          expect(await read(csv, "csv", chunk, batchRows)).toEqual(expected);
          const jsonl = rows
            .map((r) => JSON.stringify(Object.fromEntries(r.map((x, c) => [`c${c}`, x]))))
            .join(newline);
          expect(await read(jsonl, "jsonl", chunk, batchRows)).toEqual({
            names: header,
            values: rows.flat().map((x) => x + 0),
          });
          const json = JSON.stringify(rows);
          expect(await read(json, "json", chunk, batchRows)).toEqual({
            names: header.map((_, c) => String(c)),
            values: rows.flat().map((x) => x + 0),
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("CSV of short plain decimals (the one-pass fast path) reads as Number() does, at any chunk boundary", async () => {
    const short = fc
      .tuple(
        fc.constantFrom("", "-"),
        fc.stringMatching(/^[0-9]{0,9}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,8}$/)),
      )
      .map(([sign, int, frac]) => `${sign}${int}${frac === null ? "" : `.${frac}`}`)
      .filter((t) => /[0-9]/.test(t));
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 3 })
          .chain((cols) =>
            fc.array(fc.array(short, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 30 }),
          ),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.integer({ min: 1, max: 16 }),
        async (rows, newline, chunk) => {
          const header = rows[0]!.map((_, c) => `c${c}`);
          const csv = `${header.join(",")}${newline}${rows.map((r) => r.join(",")).join(newline)}`;
          const { values } = await read(csv, "csv", chunk, 4);
          expect(values.map((v) => (Object.is(v, -0) ? "-0" : v))).toEqual(
            rows.flat().map((t) => (Object.is(Number(t), -0) ? "-0" : Number(t))),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("any bytes end in a table or a PlumblineError, never another exception", async () => {
    const noise = fc.array(
      fc.constantFrom(
        "0",
        "1",
        ".",
        "-",
        "e",
        ",",
        '"',
        "\n",
        "\r",
        " ",
        "#",
        "[",
        "]",
        "{",
        "}",
        ":",
        "a",
        "null",
        "\t",
        "\uFEFF",
      ),
      {
        maxLength: 60,
      },
    );
    await fc.assert(
      fc.asyncProperty(
        noise,
        fc.constantFrom<TableFormat>("csv", "tsv", "jsonl", "json"),
        fc.integer({ min: 1, max: 16 }),
        async (parts, format, chunk) => {
          try {
            await read(parts.join(""), format, chunk, 3);
          } catch (error) {
            expect(isPlumblineError(error), String((error as Error).stack)).toBe(true);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });
});
