/**
 * The small readers of `plumbline advise`: whole-file reads (checked against the allocation
 * budget) of CSV/TSV/JSON/JSONL tables, TREC qrels and runs, text lines, COCO JSON and label maps.
 */
import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Judgement, LabelMaps, Retrieved } from "../advise/index.js";
import { describeValue, fail, isPlumblineError } from "../core/errors.js";
import { assertAllocation } from "../core/limits.js";
import { readLabelFile } from "./eval/segmentation.js";
import { readTextInput } from "./grammar.js";

const CMD = "advise";

/** A table of cells: numbers where the text is a number, strings otherwise. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (number | string)[])[];
}

/** Reads a whole text file (or stdin for `-`) after checking its size against the allocation budget. */
export async function readText(path: string): Promise<string> {
  if (path !== "-") {
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // readTextInput reports the missing file in the grammar's words.
    }
    assertAllocation(CMD, `reading ${path}`, 2 * size);
  }
  return readTextInput(CMD, path);
}

const cell = (text: string): number | string => {
  const t = text.trim();
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : t;
};

function fromJson(value: unknown, path: string): Table {
  if (!Array.isArray(value) || value.length === 0)
    fail("invalid_value", `${CMD}: ${path} must hold a non-empty JSON array, got ${describeValue(value)}`);
  if (value.every((v) => typeof v === "number" || typeof v === "string"))
    return { columns: ["0"], rows: value.map((v) => [v as number | string]) };
  if (value.every((v) => Array.isArray(v))) {
    const width = (value[0] as unknown[]).length;
    return {
      columns: Array.from({ length: width }, (_, i) => String(i)),
      rows: value as (number | string)[][],
    };
  }
  if (value.every((v) => v !== null && typeof v === "object")) {
    const columns = Object.keys(value[0] as object);
    return {
      columns,
      rows: value.map((v) => columns.map((c) => (v as Record<string, number | string>)[c]!)),
    };
  }
  return fail("invalid_value", `${CMD}: ${path} must be an array of values, of rows or of objects`);
}

/** Reads a CSV/TSV (header row when any first-row cell is not a number), JSON or JSONL table. */
export async function readTable(path: string): Promise<Table> {
  const text = await readText(path);
  const ext = extname(path).toLowerCase();
  try {
    if (ext === ".json") return fromJson(JSON.parse(text), path);
    if (ext === ".jsonl" || ext === ".ndjson")
      return fromJson(
        text
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => JSON.parse(l) as unknown),
        path,
      );
    const records = parse(text, {
      delimiter: ext === ".tsv" ? "\t" : ",",
      skip_empty_lines: true,
    }) as string[][];
    if (records.length === 0) fail("empty_input", `${CMD}: ${path} is empty`);
    const header = records[0]!.some((c) => typeof cell(c) === "string");
    const width = records[0]!.length;
    const body = header ? records.slice(1) : records;
    return {
      columns: header ? records[0]!.map((c) => c.trim()) : Array.from({ length: width }, (_, i) => String(i)),
      rows: body.map((r) => r.map(cell)),
    };
  } catch (error) {
    if (isPlumblineError(error)) throw error;
    return fail("io_error", `${CMD}: cannot parse ${path} (${(error as Error).message})`);
  }
}

/** One column of a table by name (or the only column); `invalid_option` listing the columns otherwise. */
export function column(
  table: Table,
  name: string | undefined,
  path: string,
  flag: string,
): (number | string)[] {
  let index = name === undefined ? (table.columns.length === 1 ? 0 : -1) : table.columns.indexOf(name);
  if (index < 0 && name !== undefined && /^\d+$/.test(name) && Number(name) < table.columns.length)
    index = Number(name);
  if (index < 0)
    fail(
      "invalid_option",
      `${CMD}: ${name === undefined ? `${path} has several columns; choose one with ${flag}` : `${path} has no column ${JSON.stringify(name)}`} (columns: ${table.columns.join(", ")})`,
    );
  return table.rows.map((r) => r[index]!);
}

/** All columns as numeric rows; `invalid_value` naming the first non-number. */
export function numericRows(table: Table, path: string): number[][] {
  return table.rows.map((row, i) =>
    row.map((v, j) => {
      if (typeof v !== "number")
        fail(
          "invalid_value",
          `${CMD}: ${path} row ${i + 1}, column ${table.columns[j]}: expected a number, got ${describeValue(v)}`,
        );
      return v;
    }),
  );
}

/** A numeric column; `invalid_value` naming the first non-number. */
export function numbers(values: readonly (number | string)[], path: string): number[] {
  return values.map((v, i) => {
    if (typeof v !== "number")
      fail("invalid_value", `${CMD}: ${path} row ${i + 1}: expected a number, got ${describeValue(v)}`);
    return v;
  });
}

/** TREC qrels: `query iteration doc relevance` per line. */
export async function readQrels(path: string): Promise<Judgement[]> {
  return (await readText(path))
    .split("\n")
    .map((l, i) => [l.trim().split(/\s+/), i + 1] as const)
    .filter(([f]) => f[0] !== "")
    .map(([f, line]) => {
      if (f.length !== 4 || !Number.isInteger(Number(f[3])))
        fail(
          "invalid_value",
          `${CMD}: ${path} line ${line}: expected "query iteration doc relevance", got ${f.length} fields`,
        );
      return { query: f[0]!, doc: f[2]!, relevance: Number(f[3]) };
    });
}

/** A TREC run: `query Q0 doc rank score tag` per line. */
export async function readRun(path: string): Promise<Retrieved[]> {
  return (await readText(path))
    .split("\n")
    .map((l, i) => [l.trim().split(/\s+/), i + 1] as const)
    .filter(([f]) => f[0] !== "")
    .map(([f, line]) => {
      if (f.length < 3)
        fail("invalid_value", `${CMD}: ${path} line ${line}: expected "query Q0 doc rank score tag"`);
      return { query: f[0]!, doc: f[2]! };
    });
}

/** Lines of a text file, without the final newline. */
export async function readLines(path: string): Promise<string[]> {
  const lines = (await readText(path)).split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Label maps from a PNG or .npy file, or from every such file of a directory (sorted by name). */
export function readLabelMaps(path: string): LabelMaps[] {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => [".png", ".npy"].includes(extname(f).toLowerCase()))
          .sort()
          .map((f) => join(path, f))
      : [path];
  } catch (error) {
    return fail(
      "io_error",
      `${CMD}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (files.length === 0) fail("empty_input", `${CMD}: ${path} holds no .png or .npy label maps`);
  return files.map((file) => {
    assertAllocation(CMD, `reading ${file}`, 8 * statSync(file).size);
    try {
      const { data, shape } = readLabelFile(file);
      return { data, shape: [shape[0]!, shape[1]!, shape[2]!] as const };
    } catch (error) {
      // The reader is shared with `eval segmentation`, whose name prefixes its messages.
      if (isPlumblineError(error))
        fail(error.code, error.message.replace(/^eval segmentation: /, `${CMD}: `));
      throw error;
    }
  });
}
