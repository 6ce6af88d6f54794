import { describe, expect, it } from "vitest";
import { openNumericTable } from "./open.js";
import { bufferSource } from "./source.js";
import { collectTable, formatOfPath, type TableReadOptions } from "./table.js";

async function read(name: string, text: string, options: Partial<TableReadOptions> = {}) {
  const reader = await openNumericTable(bufferSource("test", name, text), {
    fn: "test",
    format: formatOfPath(name),
    ...options,
  });
  const table = await collectTable(reader, "test");
  return { names: reader.names, values: Array.from(table.matrix().data) };
}

async function readError(name: string, text: string, options: Partial<TableReadOptions> = {}) {
  try {
    await read(name, text, options);
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
  throw new Error("expected an error");
}

describe("JSONL and JSON readers", () => {
  it("read numbers, arrays and objects per line (keys in any order), batch by batch", async () => {
    expect(await read("a.jsonl", "1\n2\n\n3.5e2\n")).toEqual({ names: ["0"], values: [1, 2, 350] });
    expect(await read("a.jsonl", "[1, 2]\n[3,4]")).toEqual({ names: ["0", "1"], values: [1, 2, 3, 4] });
    const objects = '{"p":0.5,"t":1}\n{"t":0, "p":0.25}\n{"p":"NaN","t":true}\n';
    expect(await read("a.jsonl", objects, { batchRows: 2 })).toEqual({
      names: ["p", "t"],
      values: [0.5, 1, 0.25, 0, Number.NaN, 1],
    });
    expect(await read("a.jsonl", '{"id":"x","p":0.5}\n{"id":"y","p":0.75}\n', { columns: ["p"] })).toEqual({
      names: ["p"],
      values: [0.5, 0.75],
    });
  });

  it("say which line holds a null, a string, a bad shape or invalid JSON", async () => {
    expect(await readError("a.jsonl", "null\n")).toBe(
      "invalid_value: test: a.jsonl line 1: expected a number, got null",
    );
    expect(await readError("a.jsonl", '{"p":0.5}\n{"p":null}\n')).toBe(
      'invalid_value: test: a.jsonl line 2, key "p": expected a number, got null',
    );
    expect(await readError("a.jsonl", '{"p":0.5}\n{"p":"0.5"}\n')).toBe(
      'invalid_value: test: a.jsonl line 2, key "p": expected a number, got "0.5"',
    );
    expect(await readError("a.jsonl", "[1,2]\n[3]\n")).toBe(
      "shape_mismatch: test: a.jsonl line 2 must be an array of 2 numbers like the first row, got an array of length 1",
    );
    expect(await readError("a.jsonl", '{"p":1}\n{"p":1,"q":2}\n')).toBe(
      'shape_mismatch: test: a.jsonl line 2 has the key "q", which the first row does not (keys: p)',
    );
    expect(await readError("a.jsonl", "1\n01\n")).toMatch(
      /^io_error: test: a.jsonl line 2 is not valid JSON/,
    );
    expect(await readError("a.jsonl", "\n\n")).toBe("empty_input: test: a.jsonl holds no rows");
  });

  it("read a top-level JSON array element by element, and an object of columns", async () => {
    expect(await read("a.json", "[1,2,3]", { batchRows: 2 })).toEqual({ names: ["0"], values: [1, 2, 3] });
    expect(await read("a.json", " [ [1,2],\n [3,4] ] \n")).toEqual({
      names: ["0", "1"],
      values: [1, 2, 3, 4],
    });
    expect(await read("a.json", '[{"a":1,"b":"x]"},{"a":2,"b":"y"}]', { columns: ["a"] })).toEqual({
      names: ["a"],
      values: [1, 2],
    });
    expect(await read("a.json", '{"p":[0.5,0.25],"t":[1,0]}')).toEqual({
      names: ["p", "t"],
      values: [0.5, 1, 0.25, 0],
    });
    expect(await readError("a.json", "[1,2")).toBe(
      "io_error: test: a.json ends inside element 1 (line 1; truncated?)",
    );
    expect(await readError("a.json", "[1,\n null]")).toBe(
      "invalid_value: test: a.json element 1 (line 2): expected a number, got null",
    );
    expect(await readError("a.json", "[1] x")).toBe(
      "io_error: test: a.json line 1 has text after the top-level array",
    );
    expect(await readError("a.json", '{"p":[1],"t":[1,2]}')).toBe(
      'shape_mismatch: test: a.json columns must have the same length, got 1 and 2 in "t"',
    );
  });
});
