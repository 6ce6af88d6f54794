/**
 * Streaming JSON Lines and JSON readers of numeric rows.
 *
 * A row is a number (one column, named "0"), an array of numbers (columns "0", "1", ...) or an
 * object of numbers (columns named by the first row's keys). Every row has the first row's
 * shape; objects must hold the selected keys (with no selection, exactly the first row's keys).
 * Values: numbers, `true`/`false` (1/0) and the strings "NaN", "Infinity", "-Infinity" (what
 * JSON writers put for the values JSON lacks). `null`, other strings and nested values are
 * errors naming the file, the line and the key or position.
 *
 * - JSONL: one row per line; blank lines are skipped.
 * - JSON: a top-level array of rows, read element by element (constant memory), or an object of
 *   columns `{ "preds": [...], "target": [...] }`, which is read whole (within the allocation
 *   budget; use JSONL or CSV for inputs too big for memory).
 *
 * Lines of plain numbers, arrays or objects of numbers take a byte-level fast path that accepts
 * exactly what `JSON.parse` accepts; anything else goes through `JSON.parse`.
 */
import { describeValue, fail } from "../core/errors.js";
import { MAX_RECORD_BYTES } from "./csv.js";
import { parseDecimal, scanJsonNumber } from "./number.js";
import { type ByteSource, readWhole } from "./source.js";
import {
  assertUniqueNames,
  BatchBuilder,
  DEFAULT_BATCH_ROWS,
  type NumericBatch,
  resolveColumns,
  type TableReadOptions,
} from "./table.js";

type Header = { names: string[]; allNames: string[] };

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** A JSON value where a number belongs: numbers, booleans (1/0), "NaN"/"Infinity"/"-Infinity"; else an error. */
function jsonNumber(fn: string, file: string, v: unknown, where: () => string): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "NaN") return Number.NaN;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  return fail("invalid_value", `${fn}: ${file} ${where()}: expected a number, got ${describeValue(v)}`);
}

/** Turns row texts into batch rows; the first row fixes the shape. */
class RowSink {
  kind: "scalar" | "array" | "object" | null = null;
  allNames: string[] = [];
  /** Input column index of each selected column. */
  picked: number[] = [];
  /** UTF-8 bytes of each input key (objects), for the fast path. */
  private keyBytes: Buffer[] = [];
  /** Selected slot of each input column, -1 when not selected. */
  private slot: Int32Array = new Int32Array(0);
  builder: BatchBuilder | null = null;

  constructor(
    readonly fn: string,
    readonly file: string,
    readonly options: TableReadOptions,
  ) {}

  /** One row from bytes[start, end); `where` names it ("line 3", "element 7"). */
  row(bytes: Buffer, start: number, end: number, where: () => string): void {
    if (this.kind === null) this.firstRow(bytes, start, end, where);
    if (!this.fast(bytes, start, end)) this.general(bytes.toString("utf8", start, end), where);
    this.builder!.endRow();
  }

  private firstRow(bytes: Buffer, start: number, end: number, where: () => string): void {
    const value = this.parse(bytes.toString("utf8", start, end), where);
    if (Array.isArray(value)) {
      this.kind = "array";
      this.allNames = value.map((_, i) => String(i));
    } else if (value !== null && typeof value === "object") {
      this.kind = "object";
      this.allNames = Object.keys(value);
      assertUniqueNames(this.allNames, this.fn, `${this.file} ${where()}`);
      if (this.allNames.length === 0)
        fail("invalid_value", `${this.fn}: ${this.file} ${where()} is an empty object`);
    } else {
      this.kind = "scalar";
      this.allNames = ["0"];
    }
    this.picked = resolveColumns(this.allNames, this.options.columns, this.fn, this.file);
    this.slot = new Int32Array(this.allNames.length).fill(-1);
    this.picked.forEach((c, s) => {
      this.slot[c] = s;
    });
    this.keyBytes = this.allNames.map((k) => Buffer.from(JSON.stringify(k).slice(1, -1)));
    this.builder = new BatchBuilder(this.picked.length, this.options.batchRows ?? DEFAULT_BATCH_ROWS);
  }

  private parse(text: string, where: () => string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      return fail(
        "io_error",
        `${this.fn}: ${this.file} ${where()} is not valid JSON (${(error as Error).message.split("\n")[0]})`,
      );
    }
  }

  /** Byte-level path for rows of plain numbers in the first row's layout; false to defer. */
  private fast(b: Buffer, start: number, end: number): boolean {
    const builder = this.builder!;
    const columns = builder.columns;
    const fill = builder.fill;
    let i = start;
    while (i < end && isWs(b[i]!)) i++;
    if (this.kind === "scalar") {
      const e = scanJsonNumber(b, i, end);
      if (e < 0) return false;
      let j = e;
      while (j < end && isWs(b[j]!)) j++;
      if (j !== end) return false;
      columns[0]![fill] = parseDecimal(b, i, e);
      return true;
    }
    const open = this.kind === "array" ? 91 : 123;
    const close = this.kind === "array" ? 93 : 125;
    if (b[i] !== open) return false;
    i++;
    const width = this.allNames.length;
    for (let f = 0; f < width; f++) {
      while (i < end && isWs(b[i]!)) i++;
      if (this.kind === "object") {
        const key = this.keyBytes[f]!;
        if (b[i] !== 34) return false;
        const k0 = i + 1;
        if (k0 + key.length >= end || b[k0 + key.length] !== 34) return false;
        if (key.compare(b, k0, k0 + key.length) !== 0) return false;
        i = k0 + key.length + 1;
        while (i < end && isWs(b[i]!)) i++;
        if (b[i] !== 58) return false;
        i++;
        while (i < end && isWs(b[i]!)) i++;
      }
      const e = scanJsonNumber(b, i, end);
      if (e < 0) return false;
      const s = this.slot[f]!;
      if (s >= 0) columns[s]![fill] = parseDecimal(b, i, e);
      i = e;
      while (i < end && isWs(b[i]!)) i++;
      if (f < width - 1) {
        if (b[i] !== 44) return false;
        i++;
      }
    }
    if (b[i] !== close) return false;
    i++;
    while (i < end && isWs(b[i]!)) i++;
    return i === end;
  }

  /** `JSON.parse` and a strict walk: every selected value must be a number. */
  private general(text: string, where: () => string): void {
    const value = this.parse(text, where);
    const builder = this.builder!;
    const put = (s: number, v: unknown, at: string) => {
      builder.columns[s]![builder.fill] = this.number(v, () => `${where()}${at}`);
    };
    if (this.kind === "scalar") {
      put(0, value, "");
      return;
    }
    if (this.kind === "array") {
      if (!Array.isArray(value) || value.length !== this.allNames.length)
        fail(
          "shape_mismatch",
          `${this.fn}: ${this.file} ${where()} must be an array of ${this.allNames.length} numbers like the first row, got ${describeValue(value)}`,
        );
      this.picked.forEach((c, s) => {
        put(s, value[c], `, position ${c}`);
      });
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      fail(
        "shape_mismatch",
        `${this.fn}: ${this.file} ${where()} must be an object like the first row, got ${describeValue(value)}`,
      );
    const record = value as Record<string, unknown>;
    if (this.options.columns === undefined) {
      for (const key of Object.keys(record))
        if (!this.allNames.includes(key))
          fail(
            "shape_mismatch",
            `${this.fn}: ${this.file} ${where()} has the key ${JSON.stringify(key)}, which the first row does not (keys: ${this.allNames.join(", ")})`,
          );
    }
    this.picked.forEach((c, s) => {
      const key = this.allNames[c]!;
      if (!Object.hasOwn(record, key))
        fail("shape_mismatch", `${this.fn}: ${this.file} ${where()} has no key ${JSON.stringify(key)}`);
      put(s, record[key], `, key ${JSON.stringify(key)}`);
    });
  }

  private number(v: unknown, where: () => string): number {
    return jsonNumber(this.fn, this.file, v, where);
  }

  header(): Header {
    return { names: this.picked.map((c) => this.allNames[c]!), allNames: this.allNames };
  }
}

/** Reads JSON Lines rows (first item yielded: the column names, once known). */
export async function* readJsonl(
  source: ByteSource,
  options: TableReadOptions,
): AsyncGenerator<NumericBatch | Header> {
  const sink = new RowSink(options.fn, source.name, options);
  let carry: Buffer | null = null;
  let line = 0;
  let announced = false;
  const lineOf = (n: number) => () => `line ${n}`;
  const take = (bytes: Buffer, final: boolean): number => {
    let pos = 0;
    for (;;) {
      let nl = bytes.indexOf(10, pos);
      if (nl < 0) {
        if (!final) {
          if (bytes.length - pos > MAX_RECORD_BYTES)
            fail(
              "io_error",
              `${options.fn}: ${source.name} line ${line + 1} is longer than ${MAX_RECORD_BYTES / 1048576} MiB`,
            );
          return pos;
        }
        if (pos >= bytes.length) return pos;
        nl = bytes.length;
      }
      line++;
      let s = pos;
      let e = nl;
      if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) s += 3;
      if (e > s && bytes[e - 1] === 13) e--;
      let k = s;
      while (k < e && isWs(bytes[k]!)) k++;
      if (k < e) sink.row(bytes, s, e, lineOf(line));
      pos = nl + 1;
      if (pos >= bytes.length) return bytes.length;
    }
  };
  for await (const chunk of source.chunks()) {
    const bytes: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    const used = take(bytes, false);
    carry = used < bytes.length ? bytes.subarray(used) : null;
    if (!announced && sink.builder !== null) {
      announced = true;
      yield sink.header();
    }
    const ready = sink.builder?.ready;
    while (ready !== undefined && ready.length > 0) yield ready.shift()!;
  }
  if (carry !== null) take(carry, true);
  if (sink.builder === null) fail("empty_input", `${options.fn}: ${source.name} holds no rows`);
  if (!announced) yield sink.header();
  sink.builder.flush();
  yield* sink.builder.ready.splice(0);
}

/**
 * Reads a JSON file: a top-level array of rows, element by element, or an object of columns
 * (read whole).
 */
export async function* readJson(
  source: ByteSource,
  options: TableReadOptions,
): AsyncGenerator<NumericBatch | Header> {
  const fn = options.fn;
  const sink = new RowSink(fn, source.name, options);
  const iterator = source.chunks()[Symbol.asyncIterator]();
  let bytes: Buffer = Buffer.alloc(0);
  let pos = 0;
  let line = 1;
  let done = false;
  const more = async (): Promise<boolean> => {
    if (done) return false;
    const next = await iterator.next();
    if (next.done) {
      done = true;
      return false;
    }
    bytes = pos < bytes.length ? Buffer.concat([bytes.subarray(pos), next.value]) : next.value;
    pos = 0;
    return true;
  };
  const skipWs = async () => {
    for (;;) {
      while (pos < bytes.length && isWs(bytes[pos]!)) {
        if (bytes[pos] === 10) line++;
        pos++;
      }
      if (pos < bytes.length || !(await more())) return;
    }
  };
  await more();
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
  await skipWs();
  if (pos >= bytes.length) fail("empty_input", `${fn}: ${source.name} is empty`);
  if (bytes[pos] === 123) {
    yield* objectOfColumns(source, options, bytes.subarray(pos), iterator);
    return;
  }
  if (bytes[pos] !== 91)
    fail("io_error", `${fn}: ${source.name} must hold a JSON array of rows or an object of columns`);
  pos++;
  let element = 0;
  let announced = false;
  for (;;) {
    await skipWs();
    if (pos >= bytes.length)
      fail("io_error", `${fn}: ${source.name} ends inside the top-level array (truncated?)`);
    if (bytes[pos] === 93 && element === 0) {
      pos++;
      break;
    }
    // Scan one element to the comma or bracket that ends it at depth 0.
    const startLine = line;
    let depth = 0;
    let inString = false;
    let i = pos;
    for (;;) {
      if (i >= bytes.length) {
        const offset = i - pos;
        if (offset > MAX_RECORD_BYTES)
          fail(
            "io_error",
            `${fn}: ${source.name} element ${element} is longer than ${MAX_RECORD_BYTES / 1048576} MiB`,
          );
        if (!(await more()))
          fail(
            "io_error",
            `${fn}: ${source.name} ends inside element ${element} (line ${startLine}; truncated?)`,
          );
        i = pos + offset;
        continue;
      }
      const c = bytes[i]!;
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 91 || c === 123) depth++;
      else if (c === 93 || c === 125) {
        if (depth === 0) break;
        depth--;
      } else if (c === 44 && depth === 0) break;
      else if (c === 10) line++;
      i++;
    }
    const index = element;
    sink.row(bytes, pos, i, () => `element ${index} (line ${startLine})`);
    element++;
    const end = bytes[i]!;
    pos = i + 1;
    if (!announced) {
      announced = true;
      yield sink.header();
    }
    const ready = sink.builder!.ready;
    while (ready.length > 0) yield ready.shift()!;
    if (end === 93) break;
  }
  await skipWs();
  if (pos < bytes.length)
    fail("io_error", `${fn}: ${source.name} line ${line} has text after the top-level array`);
  if (sink.builder === null) fail("empty_input", `${fn}: ${source.name} is an empty array`);
  sink.builder.flush();
  yield* sink.builder.ready.splice(0);
}

/** `{ "preds": [...], "target": [...] }`, read whole. */
async function* objectOfColumns(
  source: ByteSource,
  options: TableReadOptions,
  head: Buffer,
  rest: AsyncIterator<Buffer>,
): AsyncGenerator<NumericBatch | Header> {
  const fn = options.fn;
  const text = await readWhole(
    fn,
    `${source.name} (an object of columns is read whole; JSONL streams)`,
    {
      [Symbol.asyncIterator]: () => rest,
    },
    { first: head, factor: 4 },
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.toString("utf8"));
  } catch (error) {
    return fail(
      "io_error",
      `${fn}: cannot read ${source.name} as JSON (${(error as Error).message.split("\n")[0]})`,
    );
  }
  const record = parsed as Record<string, unknown>;
  const allNames = Object.keys(record);
  if (allNames.length === 0) fail("empty_input", `${fn}: ${source.name} is an empty object`);
  const picked = resolveColumns(allNames, options.columns, fn, source.name);
  let rows = -1;
  for (const name of allNames) {
    const values = record[name];
    if (!Array.isArray(values))
      fail(
        "invalid_value",
        `${fn}: ${source.name} column ${JSON.stringify(name)} must be an array of numbers, got ${describeValue(values)}`,
      );
    if (rows >= 0 && values.length !== rows)
      fail(
        "shape_mismatch",
        `${fn}: ${source.name} columns must have the same length, got ${rows} and ${values.length} in ${JSON.stringify(name)}`,
      );
    rows = values.length;
  }
  yield { names: picked.map((c) => allNames[c]!), allNames };
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  for (let start = 0; start < rows; start += batchRows) {
    const n = Math.min(batchRows, rows - start);
    const columns = picked.map((c) => {
      const name = allNames[c]!;
      const values = record[name] as unknown[];
      const out = new Float64Array(n);
      for (let r = 0; r < n; r++)
        out[r] = jsonNumber(
          fn,
          source.name,
          values[start + r],
          () => `column ${JSON.stringify(name)}, index ${start + r}`,
        );
      return out;
    });
    yield { columns, rows: n, firstRow: start };
  }
}
