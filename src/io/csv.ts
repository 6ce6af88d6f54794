/**
 * Streaming CSV/TSV reader of numeric columns.
 *
 * Rules (docs/cli.md "Input files"):
 * - Fields are separated by `,` (`\t` for TSV); RFC 4180 quoting (`"a,b"`, `""` for a quote);
 *   records end at `\n`, `\r\n` or `\r`; spaces around a field are ignored; a UTF-8 BOM is
 *   skipped; blank lines are skipped.
 * - Header (`header` option): `yes` the first record names the columns, `no` it is data, `auto`
 *   (default) it is a header when none of its cells is a number, data when all are, and an error
 *   when it mixes the two (so `1,1x` is never taken for a header and a row lost). Duplicate
 *   names are an error; an empty name is replaced by the column's position.
 * - Comments are off unless a marker is given (`comment: "#"`): then the marker starts a comment
 *   that runs to the end of the line. Without it `0.5#note` is not a number.
 * - Cells: a decimal literal, `NaN`/`nan`, `inf`/`infinity` (any case, signed), `true`/`false`
 *   (1/0). An empty cell or any other text is an error naming file, line and column.
 * - Every record has the header's number of fields (`shape_mismatch` otherwise).
 * Unselected columns are split but not parsed, so text columns (ids) may sit beside the data.
 */
import { fail } from "../core/errors.js";
import { parseCellText, parseDecimal, parseSpecialCell, type ScanEnd, scanPlainDecimal } from "./number.js";
import type { ByteSource } from "./source.js";
import {
  assertUniqueNames,
  BatchBuilder,
  DEFAULT_BATCH_ROWS,
  type HeaderRule,
  type NumericBatch,
  resolveColumns,
  type TableReadOptions,
} from "./table.js";

/** A record longer than this (no line end in sight) is an error instead of an ever-growing buffer. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Parser state across chunks. */
class CsvParser {
  /** 1-based line of the next byte to read. */
  line = 1;
  names: string[] | null = null;
  /** For each input column, its index among the selected columns, or -1. */
  slot: Int32Array = new Int32Array(0);
  builder: BatchBuilder | null = null;
  /** Where the fast path of a plain decimal field stopped (reused, see `scanPlainDecimal`). */
  private readonly scanEnd: ScanEnd = { end: 0 };
  width = 0;
  private fieldStarts: number[] = [];
  private fieldEnds: number[] = [];
  private fieldQuoted: boolean[] = [];

  constructor(
    readonly fn: string,
    readonly file: string,
    readonly delimiter: number,
    readonly comment: number,
    readonly header: HeaderRule,
    readonly select: TableReadOptions["columns"],
    readonly batchRows: number,
  ) {}

  private isSpace(c: number): boolean {
    return c === SPACE || (c === TAB && this.delimiter !== TAB);
  }

  private where(line: number, field: number): string {
    const name = this.names?.[field];
    const shown = name !== undefined && name.length > 40 ? `${name.slice(0, 40)}…` : name;
    return `${this.file} line ${line}, column ${field + 1}${name !== undefined && name !== String(field) ? ` (${JSON.stringify(shown)})` : ""}`;
  }

  /**
   * Parses every complete record of bytes[0, n); returns where the first incomplete one starts
   * (n when none). With `final`, the end of the bytes ends the last record.
   */
  parse(bytes: Buffer, final: boolean): number {
    const n = bytes.length;
    const delimiter = this.delimiter;
    const comment = this.comment;
    let pos = 0;
    while (pos < n) {
      const recordStart = pos;
      const recordLine = this.line;
      // Blank or comment-only line?
      let i = pos;
      while (i < n && this.isSpace(bytes[i]!)) i++;
      if (i >= n && !final) return recordStart;
      if (i >= n || bytes[i] === LF || bytes[i] === CR || bytes[i] === comment) {
        while (i < n && bytes[i] !== LF && bytes[i] !== CR) i++;
        if (i >= n) {
          if (!final) return recordStart;
          return n;
        }
        if (bytes[i] === CR) {
          if (i + 1 >= n && !final) return recordStart;
          if (bytes[i + 1] === LF) i++;
        }
        this.line++;
        pos = i + 1;
        continue;
      }
      // One record, field by field.
      const builder = this.builder;
      const slot = this.slot;
      let field = 0;
      let extraNewlines = 0;
      i = pos;
      for (;;) {
        while (i < n && this.isSpace(bytes[i]!)) i++;
        let start: number;
        let end: number;
        let quoted = false;
        if (i < n && bytes[i] === QUOTE) {
          quoted = true;
          start = i + 1;
          let j = start;
          for (;;) {
            const q = bytes.indexOf(QUOTE, j);
            if (q < 0 || (q + 1 >= n && !final)) {
              if (!final) {
                if (n - recordStart > MAX_RECORD_BYTES) this.tooLong(recordLine);
                this.line = recordLine;
                return recordStart;
              }
              fail(
                "io_error",
                `${this.fn}: ${this.where(recordLine, field)}: a quoted field is never closed`,
              );
            }
            if (bytes[q + 1] === QUOTE) {
              j = q + 2;
              continue;
            }
            end = q;
            i = q + 1;
            break;
          }
          for (let k = start; k < end; k++) if (bytes[k] === LF) extraNewlines++;
          while (i < n && this.isSpace(bytes[i]!)) i++;
          if (i < n) {
            const c = bytes[i]!;
            if (c !== delimiter && c !== LF && c !== CR && c !== comment)
              fail(
                "io_error",
                `${this.fn}: ${this.where(recordLine + extraNewlines, field)}: unexpected ${JSON.stringify(String.fromCharCode(c))} after a closing quote`,
              );
          }
        } else {
          start = i;
          // Fast path: a plain decimal that ends the field, read while it is scanned.
          if (builder !== null && field < this.width && slot[field]! >= 0) {
            const v = scanPlainDecimal(bytes, i, n, this.scanEnd);
            const after = this.scanEnd.end;
            if (!Number.isNaN(v) && after < n) {
              const c = bytes[after]!;
              if (c === delimiter || c === LF || c === CR) {
                builder.columns[slot[field]!]![builder.fill] = v;
                i = after;
                field++;
                if (c === delimiter) {
                  i++;
                  continue;
                }
                if (c === CR) {
                  if (i + 1 >= n && !final) return recordStart;
                  if (bytes[i + 1] === LF) i++;
                }
                i++;
                break;
              }
            }
          }
          while (i < n) {
            const c = bytes[i]!;
            if (c === delimiter || c === LF || c === CR || c === comment) break;
            i++;
          }
          end = i;
          while (end > start && this.isSpace(bytes[end - 1]!)) end--;
        }
        if (i >= n && !final) {
          if (n - recordStart > MAX_RECORD_BYTES) this.tooLong(recordLine);
          return recordStart;
        }
        if (builder !== null) {
          if (field < this.width) {
            const s = slot[field]!;
            if (s >= 0) {
              let v = quoted ? Number.NaN : parseDecimal(bytes, start, end);
              if (Number.isNaN(v))
                v = this.specialCell(bytes, start, end, quoted, recordLine + extraNewlines, field);
              builder.columns[s]![builder.fill] = v;
            }
          }
        } else {
          this.fieldStarts[field] = start;
          this.fieldEnds[field] = end;
          this.fieldQuoted[field] = quoted;
        }
        field++;
        if (i >= n) break;
        const c = bytes[i]!;
        if (c === delimiter) {
          i++;
          continue;
        }
        if (c === comment) while (i < n && bytes[i] !== LF && bytes[i] !== CR) i++;
        if (i >= n) break;
        if (bytes[i] === CR) {
          if (i + 1 >= n && !final) return recordStart;
          if (bytes[i + 1] === LF) i++;
        }
        i++;
        break;
      }
      if (builder === null) this.headerRecord(bytes, field, recordLine);
      else {
        if (field !== this.width)
          fail(
            "shape_mismatch",
            `${this.fn}: ${this.file} line ${recordLine} has ${field} fields, expected ${this.width}`,
          );
        builder.endRow();
      }
      this.line += 1 + extraNewlines;
      pos = i;
      if (builder === null && this.builder !== null && this.pendingFirstRow) {
        // The first record was data: parse it again as a row now that the columns are known.
        this.pendingFirstRow = false;
        this.line = recordLine;
        pos = recordStart;
      }
    }
    return n;
  }

  private pendingFirstRow = false;

  private tooLong(line: number): never {
    return fail(
      "io_error",
      `${this.fn}: ${this.file} line ${line} is longer than ${MAX_RECORD_BYTES / 1048576} MiB (is it a CSV file?)`,
    );
  }

  private fieldText(bytes: Buffer, start: number, end: number, quoted: boolean): string {
    const text = bytes.toString("utf8", start, end);
    return quoted ? text.replace(/""/g, '"') : text;
  }

  private specialCell(
    bytes: Buffer,
    start: number,
    end: number,
    quoted: boolean,
    line: number,
    field: number,
  ): number {
    const text = this.fieldText(bytes, start, end, quoted);
    const value = quoted ? parseCellText(text.trim()) : parseSpecialCell(text);
    if (value !== undefined) return value;
    if (text.length === 0)
      fail("invalid_value", `${this.fn}: ${this.where(line, field)}: empty cell, expected a number`);
    const hint =
      this.comment < 0 && /[#;]/.test(text) ? " (comments are off; pass --comment '#' to allow them)" : "";
    return fail(
      "invalid_value",
      `${this.fn}: ${this.where(line, field)}: expected a number, got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}${hint}`,
    );
  }

  /** The first record: decide header or data, name the columns, set up the batches. */
  private headerRecord(bytes: Buffer, fields: number, line: number): void {
    const texts: string[] = [];
    const numeric: boolean[] = [];
    for (let f = 0; f < fields; f++) {
      const quoted = this.fieldQuoted[f]!;
      const text = this.fieldText(bytes, this.fieldStarts[f]!, this.fieldEnds[f]!, quoted);
      texts.push(text);
      numeric.push(parseCellText(quoted ? text.trim() : text) !== undefined);
    }
    let isHeader: boolean;
    if (this.header === "yes") isHeader = true;
    else if (this.header === "no") isHeader = false;
    else {
      const nonEmpty = texts.map((t, f) => (t === "" ? null : numeric[f]));
      const numbers = nonEmpty.filter((v) => v === true).length;
      const words = nonEmpty.filter((v) => v === false).length;
      if (numbers > 0 && words > 0) {
        const example = texts.find((_, f) => nonEmpty[f] === false);
        fail(
          "invalid_value",
          `${this.fn}: ${this.file} line ${line} mixes numbers and text (${JSON.stringify(example)}), so it is neither a clear header nor a row of numbers; pass --header yes if it names the columns, --header no if it is data`,
        );
      }
      isHeader = words > 0;
    }
    const names = isHeader ? texts.map((t, f) => (t === "" ? String(f) : t)) : texts.map((_, f) => String(f));
    assertUniqueNames(names, this.fn, `${this.file} line ${line}`);
    this.names = names;
    this.width = names.length;
    const picked = resolveColumns(names, this.select, this.fn, this.file);
    this.slot = new Int32Array(this.width).fill(-1);
    picked.forEach((column, s) => {
      if (this.slot[column] !== -1)
        fail(
          "invalid_option",
          `${this.fn}: column ${JSON.stringify(names[column])} of ${this.file} is selected twice`,
        );
      this.slot[column] = s;
    });
    this.picked = picked;
    this.builder = new BatchBuilder(picked.length, this.batchRows);
    if (!isHeader) this.pendingFirstRow = true;
  }

  picked: number[] = [];
}

/**
 * Reads a CSV (or TSV with `delimiter: "\t"`) source as numeric batches. The first item yielded
 * carries no rows: it is the moment the column names are known (see `openNumericTable`).
 */
export async function* readCsv(
  source: ByteSource,
  options: TableReadOptions & { delimiter?: string },
): AsyncGenerator<NumericBatch | { names: string[]; allNames: string[] }> {
  const comment = options.comment;
  if (comment !== undefined && (comment.length !== 1 || comment.charCodeAt(0) > 127 || /[\s"]/.test(comment)))
    fail(
      "invalid_option",
      `${options.fn}: the comment marker must be one ASCII character, got ${JSON.stringify(comment)}`,
    );
  const delimiter = (options.delimiter ?? ",").charCodeAt(0);
  if (comment !== undefined && comment.charCodeAt(0) === delimiter)
    fail(
      "invalid_option",
      `${options.fn}: the comment marker cannot be the field separator ${JSON.stringify(comment)}`,
    );
  const parser = new CsvParser(
    options.fn,
    source.name,
    delimiter,
    comment === undefined ? -1 : comment.charCodeAt(0),
    options.header ?? "auto",
    options.columns,
    options.batchRows ?? DEFAULT_BATCH_ROWS,
  );
  let carry: Buffer | null = null;
  let announced = false;
  let first = true;
  for await (let chunk of source.chunks()) {
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const bytes: Buffer = carry === null || carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const used = parser.parse(bytes, false);
    carry = used < bytes.length ? bytes.subarray(used) : null;
    if (!announced && parser.names !== null) {
      announced = true;
      yield { names: parser.picked.map((c) => parser.names![c]!), allNames: parser.names };
    }
    const ready = parser.builder?.ready;
    while (ready !== undefined && ready.length > 0) yield ready.shift()!;
  }
  if (carry !== null && carry.length > 0) parser.parse(carry, true);
  if (parser.names === null)
    fail("empty_input", `${options.fn}: ${source.name} is empty (no header and no rows)`);
  if (!announced) yield { names: parser.picked.map((c) => parser.names![c]!), allNames: parser.names };
  parser.builder!.flush();
  yield* parser.builder!.ready.splice(0);
}
