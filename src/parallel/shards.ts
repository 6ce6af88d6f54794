/**
 * Splitting one input file into shards that workers read on their own: byte ranges of CSV, TSV
 * and JSON Lines aligned to line starts, row ranges of Parquet aligned to row groups. A shard's
 * label (file name + range) is deterministic, so the same shard always carries the same
 * identity in a snapshot and is never merged twice (src/metric.ts shard identities).
 *
 * Rules: a range owns every line that starts inside it; a CSV header (decided by the same header
 * rule as a whole read) is read by every shard before its range. A record must not span lines
 * (a quoted field holding a newline): the shard owning its start then ends inside the quotes and
 * fails with `a quoted field is never closed`, so such a file is refused, never misread. JSON
 * arrays, Arrow IPC and stdin have no such boundaries: they are not sharded.
 */
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { fail } from "../core/errors.js";
import { readCsv } from "../io/csv.js";
import { bufferSource, ioReason } from "../io/source.js";
import type { HeaderRule, TableFormat } from "../io/table.js";

/** How every shard of one input is read: the file, its format and the resolved columns. */
export interface ShardedInput {
  readonly path: string;
  readonly format: TableFormat;
  /** CSV/TSV: `yes` when the file has a header (read before every range), else `no`. */
  readonly header: HeaderRule;
  readonly comment?: string | undefined;
  /** The columns read, by name: the predictions' then the targets'. */
  readonly columns: readonly string[];
  /** How many of `columns` are predictions. */
  readonly predsColumns: number;
}

/** One shard: a byte range (CSV/TSV/JSONL) or a row range (Parquet) of the input. */
export interface ShardSpec {
  /** `file:bytes a-b` or `file:rows a-b`: the shard identity's label. */
  readonly label: string;
  /** [start, end) bytes; the range owns the lines starting in it. */
  readonly bytes?: readonly [number, number];
  /** The header's bytes [0, headerEnd), read before the range (CSV/TSV with a header). */
  readonly headerEnd?: number;
  /** [start, end) rows (Parquet; row-group boundaries). */
  readonly rows?: readonly [number, number];
}

/** Formats whose files can be split. */
export const SHARDABLE_FORMATS: readonly TableFormat[] = ["csv", "tsv", "jsonl", "parquet"];

/** Options of {@link planShards}. */
export interface PlanOptions {
  /** Shards wanted (fewer when the input is small or has fewer row groups). */
  count: number;
  /** Byte-range shards smaller than this are not made (default 0: as many as `count`). */
  minBytes?: number;
  /** Prefix of messages. */
  fn: string;
}

const WINDOW = 1 << 16;

/**
 * The shards of `input` (its `header` as the caller's rule: `auto`, `yes` or `no`; the plan's
 * input says what was decided). Undefined when the file cannot be split (its format, a quoted
 * header); then read it whole.
 */
export async function planShards(
  input: ShardedInput,
  options: PlanOptions,
): Promise<{ input: ShardedInput; shards: ShardSpec[] } | undefined> {
  if (!SHARDABLE_FORMATS.includes(input.format)) return undefined;
  if (input.format === "parquet") return { input, shards: await parquetShards(input, options) };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(input.path, "r");
  } catch (error) {
    return fail("io_error", `${options.fn}: cannot read ${input.path} (${ioReason(error)})`);
  }
  try {
    const size = (await handle.stat()).size;
    let dataStart = 0;
    let resolved = input;
    if (input.format !== "jsonl") {
      const header = await csvHeader(handle, input, size, options.fn);
      if (header === undefined) return undefined;
      dataStart = header.hasHeader ? header.end : 0;
      resolved = { ...input, header: header.hasHeader ? "yes" : "no" };
    }
    const span = size - dataStart;
    const count = Math.max(
      1,
      Math.min(options.count, options.minBytes ? Math.floor(span / options.minBytes) : options.count),
    );
    const cuts = [dataStart];
    for (let k = 1; k < count; k++)
      cuts.push(await lineStartFrom(handle, dataStart + Math.floor((span * k) / count), dataStart, size));
    cuts.push(size);
    const name = basename(input.path);
    const ranges: [number, number][] = [];
    for (let k = 0; k < count; k++) if (cuts[k]! < cuts[k + 1]!) ranges.push([cuts[k]!, cuts[k + 1]!]);
    // A file without data rows is still one shard (its reader then says it holds no rows).
    if (ranges.length === 0) ranges.push([dataStart, size]);
    const shards = ranges.map(([a, b]) => ({
      label: `${name}:bytes ${a}-${b}`,
      bytes: [a, b] as const,
      ...(resolved.header === "yes" ? { headerEnd: dataStart } : {}),
    }));
    return { input: resolved, shards };
  } finally {
    await handle.close();
  }
}

/** The first line start at or after `position` (a position right after `\n`), or `size`. */
async function lineStartFrom(
  handle: Awaited<ReturnType<typeof open>>,
  position: number,
  dataStart: number,
  size: number,
): Promise<number> {
  if (position <= dataStart) return dataStart;
  const window = Buffer.alloc(WINDOW);
  for (let at = position - 1; at < size; at += WINDOW) {
    const { bytesRead } = await handle.read(window, 0, Math.min(WINDOW, size - at), at);
    const lf = window.subarray(0, bytesRead).indexOf(10);
    if (lf >= 0) return at + lf + 1;
  }
  return size;
}

/**
 * Where the first CSV record ends and whether it is a header (by the caller's rule, decided by
 * the CSV reader itself on that line). Undefined when the record is quoted (it could span lines).
 */
async function csvHeader(
  handle: Awaited<ReturnType<typeof open>>,
  input: ShardedInput,
  size: number,
  fn: string,
): Promise<{ end: number; hasHeader: boolean } | undefined> {
  const head = Buffer.alloc(Math.min(size, 1 << 20));
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  const bytes = head.subarray(0, bytesRead);
  const comment = input.comment === undefined ? -1 : input.comment.charCodeAt(0);
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (;;) {
    const lf = bytes.indexOf(10, pos);
    if (lf < 0) return undefined;
    let i = pos;
    while (i < lf && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 13)) i++;
    if (i === lf || bytes[i] === comment) {
      pos = lf + 1;
      continue;
    }
    const line = bytes.subarray(0, lf + 1);
    if (line.subarray(i).includes(34)) return undefined;
    if (input.header !== "auto") return { end: lf + 1, hasHeader: input.header === "yes" };
    let rows = 0;
    const source = bufferSource(fn, basename(input.path), Buffer.from(line));
    for await (const item of readCsv(source, {
      fn,
      header: "auto",
      comment: input.comment,
      delimiter: input.format === "tsv" ? "\t" : ",",
    }))
      if ("rows" in item) rows += item.rows;
    return { end: lf + 1, hasHeader: rows === 0 };
  }
}

/** Row ranges of whole row groups, about equal in rows. */
async function parquetShards(input: ShardedInput, options: PlanOptions): Promise<ShardSpec[]> {
  const hyparquet = await import("hyparquet");
  let groups: number[];
  try {
    const file = await hyparquet.asyncBufferFromFile(input.path);
    const metadata = await hyparquet.parquetMetadataAsync(file);
    groups = metadata.row_groups.map((g) => Number(g.num_rows));
  } catch (error) {
    return fail(
      "io_error",
      `${options.fn}: cannot read ${input.path} as Parquet (${(error as Error).message})`,
    );
  }
  const total = groups.reduce((a, b) => a + b, 0);
  const count = Math.max(1, Math.min(options.count, groups.length));
  const name = basename(input.path);
  const shards: ShardSpec[] = [];
  let start = 0;
  let row = 0;
  for (let g = 0; g < groups.length; g++) {
    row += groups[g]!;
    const due = (total * (shards.length + 1)) / count;
    if (row >= due || g === groups.length - 1) {
      if (row > start) shards.push({ label: `${name}:rows ${start}-${row}`, rows: [start, row] });
      start = row;
    }
  }
  if (shards.length === 0) shards.push({ label: `${name}:rows 0-0`, rows: [0, 0] });
  return shards;
}
