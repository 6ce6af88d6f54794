/**
 * Numeric tables read in batches: the common shape of every streaming reader (CSV/TSV, JSONL,
 * JSON arrays, Parquet, Arrow IPC), the column selection they share, and the format choice.
 *
 * A reader is opened first (`openNumericTable`): that reads just enough to know the columns
 * (the CSV header, the first JSON row, the Parquet or Arrow schema), so flags can be checked
 * before any data is processed. Its batches then arrive one by one, each a set of Float64Array
 * columns of the same length; memory is one batch, whatever the input size.
 */
import { describeValue, fail } from "../core/errors.js";
import { assertAllocation } from "../core/limits.js";
import type { ByteSource } from "./source.js";

/** One batch of rows: the selected columns, each `rows` long. */
export interface NumericBatch {
  readonly columns: readonly Float64Array[];
  readonly rows: number;
  /** 0-based index of the batch's first data row within the input. */
  readonly firstRow: number;
}

/** An opened numeric table: its column names (the selected ones, in order) and its batches. */
export interface NumericReader {
  /** Names of the columns each batch holds, in order. */
  readonly names: readonly string[];
  /** Every column name of the input (before selection). */
  readonly allNames: readonly string[];
  /** The input, named for messages. */
  readonly source: ByteSource;
  /** The batches; iterate once. */
  batches(): AsyncIterable<NumericBatch>;
  /** Stops reading (closes the file) without iterating the batches. */
  close(): Promise<void>;
}

/** A column chosen by name or by 0-based position. */
export type ColumnSelector = string | number;

/** The input formats, by extension or `--input-format`. */
export const TABLE_FORMATS = ["csv", "tsv", "jsonl", "json", "parquet", "arrow"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** CSV header rule: `yes` the first row names the columns, `no` it is data, `auto` decide (see csv.ts). */
export const HEADER_RULES = ["auto", "yes", "no"] as const;
export type HeaderRule = (typeof HEADER_RULES)[number];

/** Options every reader understands. */
export interface TableReadOptions {
  /** Prefix of every message (`eval classification`). */
  fn: string;
  /** Columns to keep, in this order; all columns when absent. */
  columns?: readonly ColumnSelector[] | undefined;
  /** Rows per batch (default 65,536). */
  batchRows?: number;
  /** CSV/TSV: the header rule (default `auto`). */
  header?: HeaderRule;
  /** CSV/TSV: a one-character comment marker; comments are off unless this is set. */
  comment?: string | undefined;
  /** Parquet: only the rows [start, end) (a shard of row groups, see src/parallel/shards.ts). */
  rows?: readonly [number, number] | undefined;
}

export const DEFAULT_BATCH_ROWS = 65_536;

/** Values in one batch at most (16 MB of float64): wide tables get fewer rows per batch. */
export const MAX_BATCH_VALUES = 1 << 21;

/** Columns read at most (a wider selection is an error; select fewer columns). */
export const MAX_COLUMNS = 65_536;

/** The format of a path by its extension; `fallback` for stdin and unknown extensions. */
export function formatOfPath(path: string, fallback: TableFormat = "csv"): TableFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".tsv") || lower.endsWith(".tab")) return "tsv";
  if (lower.endsWith(".parquet") || lower.endsWith(".pq")) return "parquet";
  if (
    lower.endsWith(".arrow") ||
    lower.endsWith(".arrows") ||
    lower.endsWith(".feather") ||
    lower.endsWith(".ipc")
  )
    return "arrow";
  return fallback;
}

/**
 * Resolves selectors against the input's names: a name first, then a 0-based position
 * (`"2"` or `2`). An unknown column is `invalid_option` listing the columns.
 */
export function resolveColumns(
  names: readonly string[],
  selectors: readonly ColumnSelector[] | undefined,
  fn: string,
  file: string,
): number[] {
  const picked =
    selectors === undefined ? names.map((_, i) => i) : selectors.map((selector) => pick(selector));
  if (picked.length > MAX_COLUMNS)
    fail(
      "invalid_value",
      `${fn}: ${file} has ${picked.length} columns to read; at most ${MAX_COLUMNS} are read (choose the columns you need)`,
    );
  return picked;
  function pick(selector: ColumnSelector): number {
    if (typeof selector === "string") {
      const byName = names.indexOf(selector);
      if (byName >= 0) return byName;
    }
    const position = typeof selector === "number" ? selector : /^\d+$/.test(selector) ? Number(selector) : -1;
    if (Number.isInteger(position) && position >= 0 && position < names.length) return position;
    const shown =
      names.length > 20 ? `${names.slice(0, 20).join(", ")}, ... (${names.length} in all)` : names.join(", ");
    return fail(
      "invalid_option",
      `${fn}: ${file} has no column ${describeValue(selector)} (columns: ${shown}; positions count from 0)`,
    );
  }
}

/** Rejects a second column of the same name (`line 1: duplicate column name "a"`). */
export function assertUniqueNames(names: readonly string[], fn: string, where: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined)
      fail(
        "invalid_value",
        `${fn}: ${where}: duplicate column name ${JSON.stringify(name)} (columns ${first + 1} and ${i + 1})`,
      );
    seen.set(name, i);
  });
}

/** Growable float64 columns filled row by row, cut into batches of `batchRows`. */
export class BatchBuilder {
  columns: Float64Array[];
  fill = 0;
  firstRow = 0;
  readonly ready: NumericBatch[] = [];

  readonly batchRows: number;

  /** Batches of `batchRows` rows, fewer when `width` columns would exceed {@link MAX_BATCH_VALUES}. */
  constructor(
    readonly width: number,
    batchRows: number,
  ) {
    this.batchRows = Math.max(1, Math.min(batchRows, Math.floor(MAX_BATCH_VALUES / Math.max(1, width))));
    this.columns = Array.from({ length: width }, () => new Float64Array(this.batchRows));
  }

  /** Call after a row's values are written at index `fill`. */
  endRow(): void {
    if (++this.fill === this.batchRows) this.flush();
  }

  /** Moves the rows so far into `ready` (no-op when empty). */
  flush(): void {
    if (this.fill === 0) return;
    const rows = this.fill;
    this.ready.push({
      columns: rows === this.batchRows ? this.columns : this.columns.map((c) => c.slice(0, rows)),
      rows,
      firstRow: this.firstRow,
    });
    this.firstRow += rows;
    this.fill = 0;
    this.columns = Array.from({ length: this.width }, () => new Float64Array(this.batchRows));
  }
}

/** A whole table in memory: for small inputs (samples, demo) and tests. */
export interface NumericTable {
  readonly columns: readonly string[];
  readonly rows: number;
  /** One column by name or 0-based position; unknown → `invalid_option`. */
  column(selector: ColumnSelector): Float64Array;
  /** All columns as a row-major matrix (rows × columns). */
  matrix(): { data: Float64Array; rows: number; cols: number };
}

/**
 * Reads every batch into one table. Its memory grows with the input (each value 8 bytes,
 * checked against the allocation budget): streaming consumers iterate `batches()` instead.
 */
export async function collectTable(reader: NumericReader, fn: string): Promise<NumericTable> {
  const parts: NumericBatch[] = [];
  let rows = 0;
  for await (const batch of reader.batches()) {
    rows += batch.rows;
    assertAllocation(fn, `${reader.source.name} in memory`, rows * 8 * Math.max(1, reader.names.length));
    parts.push(batch);
  }
  const columns = reader.names.map((_, c) => {
    const out = new Float64Array(rows);
    let at = 0;
    for (const part of parts) {
      out.set(part.columns[c]!, at);
      at += part.rows;
    }
    return out;
  });
  const names = reader.names;
  return {
    columns: names,
    rows,
    column(selector) {
      return columns[resolveColumns(names, [selector], fn, reader.source.name)[0]!]!;
    },
    matrix() {
      return { data: rowMajor(columns, rows), rows, cols: columns.length };
    },
  };
}

/** Columns (each `rows` long) as one row-major matrix's data (rows × columns). */
export function rowMajor(columns: readonly Float64Array[], rows: number): Float64Array {
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    const column = columns[c]!;
    for (let r = 0; r < rows; r++) data[r * cols + c] = column[r]!;
  }
  return data;
}
