import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { describeValue, fail } from "../../core/errors.js";

/** A numeric table read from a file: named float64 columns of equal length. */
export interface NumericTable {
  /** Column names: the CSV header, the JSON object keys, or "0", "1", ... for positional columns. */
  readonly columns: string[];
  readonly rows: number;
  /** One column by name or by 0-based position; an unknown column raises `invalid_option`. */
  column(nameOrIndex: string | number): Float64Array;
  /** All columns as a row-major matrix (rows x columns). */
  matrix(): { data: Float64Array; rows: number; cols: number };
}

/** Optional settings of {@link readNumericTable}. */
export interface ReadTableOptions {
  /** Called now and then with the bytes read so far and the file size (for a progress bar). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Growable float64 column. */
class Column {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

function makeTable(names: string[], columns: Column[], rows: number, fn: string, path: string): NumericTable {
  if (names.length === 0) fail("io_error", `${fn}: ${path} has no columns`);
  const frozen = columns.map((c) => c.values());
  const byName = new Map(names.map((n, i) => [n, i]));
  return {
    columns: names,
    rows,
    column(nameOrIndex: string | number): Float64Array {
      let index: number | undefined;
      if (typeof nameOrIndex === "number")
        index =
          Number.isInteger(nameOrIndex) && nameOrIndex >= 0 && nameOrIndex < names.length
            ? nameOrIndex
            : undefined;
      else
        index =
          byName.get(nameOrIndex) ??
          (/^\d+$/.test(nameOrIndex) && Number(nameOrIndex) < names.length ? Number(nameOrIndex) : undefined);
      if (index === undefined) {
        fail(
          "invalid_option",
          `${fn}: ${path} has no column ${describeValue(nameOrIndex)} (columns: ${names.join(", ")})`,
        );
      }
      return frozen[index]!;
    },
    matrix() {
      const cols = frozen.length;
      const data = new Float64Array(rows * cols);
      for (let c = 0; c < cols; c++) {
        const col = frozen[c]!;
        for (let r = 0; r < rows; r++) data[r * cols + c] = col[r]!;
      }
      return { data, rows, cols };
    },
  };
}

/** Parses one cell; `null` when it is not a number. Empty cells and "NaN" read as NaN. */
function parseCell(text: string): number | null {
  const t = text.trim();
  if (t === "" || t === "NaN" || t === "nan") return Number.NaN;
  if (t === "true" || t === "True") return 1;
  if (t === "false" || t === "False") return 0;
  const v = Number(t);
  if (Number.isNaN(v)) {
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
    return null;
  }
  return v;
}

function jsonValue(v: unknown, fn: string, path: string, where: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === null) return Number.NaN;
  if (typeof v === "string") {
    const p = parseCell(v);
    if (p !== null) return p;
  }
  return fail("io_error", `${fn}: ${path} must hold numbers, got ${describeValue(v)} at ${where}`);
}

async function readCsv(
  path: string,
  fn: string,
  delimiter: string,
  options: ReadTableOptions,
  total: number,
): Promise<NumericTable> {
  const stream = createReadStream(path);
  const parser = stream.pipe(
    parse({ delimiter, skip_empty_lines: true, trim: true, relax_column_count: false, comment: "#" }),
  );
  let names: string[] | null = null;
  let columns: Column[] = [];
  let rows = 0;
  let line = 0;
  let lastReport = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++;
      if (names === null) {
        const parsed = record.map(parseCell);
        if (parsed.some((v) => v === null)) {
          names = record.map((s, i) => (s === "" ? String(i) : s));
          columns = names.map(() => new Column());
          continue;
        }
        names = record.map((_, i) => String(i));
        columns = names.map(() => new Column());
      }
      if (record.length !== columns.length) {
        fail(
          "shape_mismatch",
          `${fn}: ${path} line ${line} has ${record.length} fields, expected ${columns.length}`,
        );
      }
      for (let c = 0; c < record.length; c++) {
        const v = parseCell(record[c]!);
        if (v === null)
          fail(
            "io_error",
            `${fn}: ${path} line ${line} column ${names[c]} must be a number, got ${describeValue(record[c])}`,
          );
        columns[c]!.push(v);
      }
      rows++;
      if (options.onProgress && (rows & 0xffff) === 0) {
        const read = stream.bytesRead;
        if (read !== lastReport) {
          lastReport = read;
          options.onProgress(read, total);
        }
      }
    }
  } catch (error) {
    if ((error as { name?: string }).name === "PlumblineError") throw error;
    const e = error as NodeJS.ErrnoException & { code?: string };
    fail("io_error", `${fn}: cannot read ${path} as CSV (${e.message.split("\n")[0]})`);
  }
  options.onProgress?.(total, total);
  return makeTable(names ?? [], columns, rows, fn, path);
}

function fromRows(
  rowsIn: readonly unknown[],
  fn: string,
  path: string,
  where: (i: number) => string,
): NumericTable {
  if (rowsIn.length === 0) return makeTable(["0"], [new Column()], 0, fn, path);
  const first = rowsIn[0];
  if (Array.isArray(first)) {
    const cols = first.length;
    const columns = Array.from({ length: cols }, () => new Column());
    rowsIn.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== cols) {
        fail(
          "shape_mismatch",
          `${fn}: ${path} ${where(i)} must be an array of ${cols} numbers, got ${describeValue(row)}`,
        );
      }
      for (let c = 0; c < cols; c++) columns[c]!.push(jsonValue(row[c], fn, path, `${where(i)}[${c}]`));
    });
    return makeTable(
      columns.map((_, i) => String(i)),
      columns,
      rowsIn.length,
      fn,
      path,
    );
  }
  if (first !== null && typeof first === "object") {
    const names = Object.keys(first);
    const columns = names.map(() => new Column());
    rowsIn.forEach((row, i) => {
      if (row === null || typeof row !== "object" || Array.isArray(row)) {
        fail("shape_mismatch", `${fn}: ${path} ${where(i)} must be an object, got ${describeValue(row)}`);
      }
      const record = row as Record<string, unknown>;
      names.forEach((name, c) => {
        if (!(name in record))
          fail("shape_mismatch", `${fn}: ${path} ${where(i)} has no field ${JSON.stringify(name)}`);
        columns[c]!.push(jsonValue(record[name], fn, path, `${where(i)}.${name}`));
      });
    });
    return makeTable(names, columns, rowsIn.length, fn, path);
  }
  const column = new Column();
  rowsIn.forEach((v, i) => {
    column.push(jsonValue(v, fn, path, where(i)));
  });
  return makeTable(["0"], [column], rowsIn.length, fn, path);
}

async function readJson(path: string, fn: string): Promise<NumericTable> {
  const { readFile } = await import("node:fs/promises");
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    return fail(
      "io_error",
      `${fn}: cannot read ${path} as JSON (${(error as Error).message.split("\n")[0]})`,
    );
  }
  if (Array.isArray(parsed)) return fromRows(parsed, fn, path, (i) => `element ${i}`);
  if (parsed !== null && typeof parsed === "object") {
    // An object of columns: { "preds": [...], "target": [...] }.
    const names = Object.keys(parsed);
    let rows = -1;
    const columns = names.map((name) => {
      const values = (parsed as Record<string, unknown>)[name];
      if (!Array.isArray(values))
        fail(
          "io_error",
          `${fn}: ${path} column ${JSON.stringify(name)} must be an array of numbers, got ${describeValue(values)}`,
        );
      if (rows >= 0 && values.length !== rows) {
        fail(
          "shape_mismatch",
          `${fn}: ${path} columns must have the same length, got ${rows} and ${values.length} in ${JSON.stringify(name)}`,
        );
      }
      rows = values.length;
      const column = new Column();
      values.forEach((v, i) => {
        column.push(jsonValue(v, fn, path, `${name}[${i}]`));
      });
      return column;
    });
    return makeTable(names, columns, Math.max(rows, 0), fn, path);
  }
  return fail(
    "io_error",
    `${fn}: ${path} must hold a JSON array or an object of columns, got ${describeValue(parsed)}`,
  );
}

async function readJsonl(
  path: string,
  fn: string,
  options: ReadTableOptions,
  total: number,
): Promise<NumericTable> {
  const stream = createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  const records: unknown[] = [];
  const lineNumbers: number[] = [];
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === "") continue;
      try {
        records.push(JSON.parse(text));
      } catch (error) {
        fail(
          "io_error",
          `${fn}: ${path} line ${line} is not valid JSON (${(error as Error).message.split("\n")[0]})`,
        );
      }
      lineNumbers.push(line);
      if (options.onProgress && (records.length & 0xffff) === 0) options.onProgress(stream.bytesRead, total);
    }
  } catch (error) {
    if ((error as { name?: string }).name === "PlumblineError") throw error;
    fail(
      "io_error",
      `${fn}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  options.onProgress?.(total, total);
  return fromRows(records, fn, path, (i) => `line ${lineNumbers[i]}`);
}

/**
 * Reads a numeric table from a CSV/TSV (with or without a header row), JSON (an array of
 * numbers, an array of rows, an array of objects, or an object of columns) or JSONL (one number,
 * row array or object per line) file; the format is chosen by the extension (`.csv`, `.tsv`,
 * `.json`, `.jsonl`/`.ndjson`; anything else is read as CSV).
 *
 * A CSV's first row is a header when any of its cells is not a number. Cells that are empty or
 * "NaN" read as NaN (metrics then reject them with a clear message); `true`/`false` read as 1/0.
 * A file that cannot be read or parsed raises `io_error`, ragged rows `shape_mismatch`; both carry
 * `fn` and the path, so the CLI prints one clear line and exits 2.
 */
export async function readNumericTable(
  path: string,
  fn: string,
  options: ReadTableOptions = {},
): Promise<NumericTable> {
  let total: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) fail("io_error", `${fn}: ${path} is not a file`);
    total = info.size;
  } catch (error) {
    if ((error as { name?: string }).name === "PlumblineError") throw error;
    return fail(
      "io_error",
      `${fn}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const lower = path.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return readJsonl(path, fn, options, total);
  if (lower.endsWith(".json")) return readJson(path, fn);
  if (lower.endsWith(".tsv")) return readCsv(path, fn, "\t", options, total);
  return readCsv(path, fn, ",", options, total);
}
